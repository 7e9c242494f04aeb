#include "ui/settings/profile_store.hpp"

#include <sys/stat.h>

#include <QStandardPaths>

#include <algorithm>
#include <fstream>
#include <system_error>

#include "ui/settings/atomic_file.hpp"
#include "ui/settings/profile_json.hpp"

namespace lm::ui {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProfileFile = "profile.json";
// A leading dot keeps it apart from profile names, which cannot start with one.
constexpr const char* kStateFile = ".current_profile";
constexpr size_t kMaxNameLength = 100;

/// A name that is safe as a folder name inside the store: no '/', no leading '.', no control
/// characters, not only spaces.
bool is_valid_name(const std::string& name) {
    const bool control = std::any_of(name.begin(), name.end(),
                                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    return name.find_first_not_of(' ') != std::string::npos && name.front() != '.' &&
           name.find('/') == std::string::npos && !control && name.size() <= kMaxNameLength;
}

}  // namespace

ProfileStore::ProfileStore(fs::path folder) : folder_(std::move(folder)) {}

fs::path ProfileStore::default_folder() {
    // GenericConfigLocation honours $XDG_CONFIG_HOME and falls back to ~/.config.
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return fs::path(config.toStdString()) / "livemachine" / "profiles";
}

fs::path ProfileStore::folder_of(const std::string& name) const {
    return folder_ / name;
}

fs::path ProfileStore::file_of(const std::string& name) const {
    return folder_of(name) / kProfileFile;
}

std::vector<std::string> ProfileStore::list() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
        const std::string name = entry.path().filename().string();
        if (!name.empty() && name.front() != '.' && fs::is_regular_file(file_of(name), error))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool ProfileStore::contains(const std::string& name) const {
    std::error_code error;
    return fs::is_regular_file(file_of(name), error);
}

void ProfileStore::check_name(const std::string& name) const {
    if (name.find_first_not_of(' ') == std::string::npos)
        throw ProfileError("A profile needs a name.");
    if (name.size() > kMaxNameLength)
        throw ProfileError("A profile name can be at most 100 characters long.");
    if (!is_valid_name(name)) {
        throw ProfileError("'" + name +
                           "' cannot be a profile name: no '/', no leading '.', no control "
                           "characters.");
    }
}

void ProfileStore::require(const std::string& name) const {
    check_name(name);
    if (!contains(name))
        throw ProfileError("There is no profile named '" + name + "'.");
}

void ProfileStore::require_free(const std::string& name) const {
    check_name(name);
    std::error_code error;
    if (fs::exists(folder_of(name), error))
        throw ProfileError("A profile named '" + name + "' already exists.");
}

void ProfileStore::ensure_folder(const fs::path& folder) const {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw ProfileError("Cannot create the folder " + folder.string() + " (" + error.message() +
                           ").");
    }
    // Profiles hold stream keys: keep the folders private too.
    ::chmod(folder.c_str(), S_IRWXU);
}

void ProfileStore::create(const std::string& name, const Profile& profile) {
    require_free(name);
    ensure_folder(folder_of(name));
    try {
        save_profile(profile, file_of(name));
    } catch (const ProfileError&) {
        std::error_code error;
        fs::remove_all(folder_of(name), error);
        throw;
    }
}

Profile ProfileStore::load(const std::string& name) const {
    require(name);
    return load_profile(file_of(name));
}

void ProfileStore::save(const std::string& name, const Profile& profile) {
    check_name(name);
    ensure_folder(folder_of(name));
    save_profile(profile, file_of(name));
}

void ProfileStore::rename(const std::string& from, const std::string& to) {
    require(from);
    if (from == to)
        return;
    require_free(to);
    const bool was_current = current() == from;
    std::error_code error;
    fs::rename(folder_of(from), folder_of(to), error);
    if (error)
        throw ProfileError("Cannot rename '" + from + "' (" + error.message() + ").");
    if (was_current)
        set_current(to);
}

void ProfileStore::duplicate(const std::string& from, const std::string& to) {
    // Through load(): a copy of a damaged file would only be damaged twice.
    create(to, load(from));
}

void ProfileStore::remove(const std::string& name) {
    require(name);
    const bool was_current = current() == name;
    std::error_code error;
    fs::remove_all(folder_of(name), error);
    if (error)
        throw ProfileError("Cannot remove '" + name + "' (" + error.message() + ").");
    if (was_current)
        set_current({});
}

std::string ProfileStore::import_file(const fs::path& file, const std::string& name) {
    const std::string target = name.empty() ? file.stem().string() : name;
    require_free(target);
    create(target, load_profile(file));
    return target;
}

void ProfileStore::export_file(const std::string& name, const fs::path& destination) const {
    const Profile profile = load(name);
    try {
        write_file_atomically(destination, profile_to_json(profile).dump(2) + "\n",
                              S_IRUSR | S_IWUSR, KeepBackup::no);
    } catch (const std::system_error& error) {
        throw ProfileError(error.what());
    }
}

fs::path ProfileStore::state_file() const {
    return folder_ / kStateFile;
}

std::string ProfileStore::current() const {
    std::ifstream in(state_file());
    std::string name;
    std::getline(in, name);
    return is_valid_name(name) && contains(name) ? name : std::string();
}

void ProfileStore::set_current(const std::string& name) {
    if (!name.empty())
        require(name);
    ensure_folder(folder_);
    try {
        write_file_atomically(state_file(), name + "\n", S_IRUSR | S_IWUSR, KeepBackup::no);
    } catch (const std::system_error& error) {
        throw ProfileError(error.what());
    }
}

}  // namespace lm::ui
