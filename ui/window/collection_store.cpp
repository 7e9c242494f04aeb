#include "ui/window/collection_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/plugin/plugin_registry.hpp"

namespace lm::ui {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxNameLength = 100;
/// An imported file's name is shortened to this, leaving room for " (n)" from free_name().
constexpr size_t kMaxImportedBaseLength = 90;

fs::path backup_of(const fs::path& file) {
    return fs::path(file.string() + ".bak");
}

bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

enum class Replace {
    no = 1,  ///< an existing destination is never touched
    yes,
};

/// Copies `from` to `to` through a private (0600), fsynced temporary file beside `to`, so `to`
/// is either as it was or the complete copy. Replace::no publishes with link(), which fails
/// atomically when `to` exists.
void copy_privately(const fs::path& from, const fs::path& to, Replace replace) {
    auto failed = [&](const std::string& why) {
        return SceneCollectionError(
            fmt::format("Cannot copy '{}' to '{}': {}.", from.string(), to.string(), why));
    };
    std::ifstream in(from, std::ios::binary);
    std::ostringstream contents;
    if (!(in && contents << in.rdbuf()))
        throw failed("the file cannot be read");
    const std::string text = contents.str();

    const fs::path folder = to.has_parent_path() ? to.parent_path() : fs::path(".");
    std::string temp = (folder / ("." + to.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        throw failed(std::strerror(errno));
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += size_t(n);
    }
    const int write_errno = written == text.size() ? 0 : errno ? errno : EIO;
    const bool synced = write_errno == 0 && ::fsync(fd) == 0;
    ::close(fd);
    int publish_errno = write_errno ? write_errno : synced ? 0 : EIO;
    if (publish_errno == 0) {
        const int result = replace == Replace::yes ? ::rename(temp.c_str(), to.c_str())
                                                   : ::link(temp.c_str(), to.c_str());
        publish_errno = result == 0 ? 0 : errno;
    }
    ::unlink(temp.c_str());  // after link() the copy lives on under `to`
    if (publish_errno == EEXIST)
        throw failed("a file of that name already exists");
    if (publish_errno != 0)
        throw failed(std::strerror(publish_errno));
}

/// A collection name made from a file name: control characters dropped, leading dots and
/// spaces trimmed, shortened (on a UTF-8 character boundary); "Imported" when nothing is left.
std::string name_from_stem(const std::string& stem) {
    std::string name;
    for (char c : stem) {
        if (!is_control(static_cast<unsigned char>(c)))
            name += c;
    }
    name.erase(0, name.find_first_not_of(". "));
    if (name.size() > kMaxImportedBaseLength) {
        size_t end = kMaxImportedBaseLength;
        while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80)
            --end;
        name.resize(end);
    }
    name.erase(name.find_last_not_of(' ') + 1);
    return name.empty() ? "Imported" : name;
}

/// Loads and instantiates (so a source type that is not installed counts as a bad file).
SceneCollectionDescription load_checked(const fs::path& file, const PluginRegistry& registry) {
    SceneCollectionDescription description = load_scene_collection_file(file);
    instantiate(description, registry);
    return description;
}

}  // namespace

CollectionStore::CollectionStore(fs::path folder) : folder_(std::move(folder)) {}

fs::path CollectionStore::default_folder() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    const fs::path base = config && *config ? fs::path(config)
                          : home && *home   ? fs::path(home) / ".config"
                                            : fs::current_path();
    return base / "livemachine" / "scenes";
}

fs::path CollectionStore::file_of(const std::string& name) const {
    return folder_ / (name + ".json");
}

std::vector<std::string> CollectionStore::list() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool CollectionStore::contains(const std::string& name) const {
    std::error_code error;
    return fs::is_regular_file(file_of(name), error);
}

void CollectionStore::check_name(const std::string& name) {
    if (name.find_first_not_of(' ') == std::string::npos)
        throw SceneCollectionError("A scene collection needs a name.");
    if (name.size() > kMaxNameLength)
        throw SceneCollectionError("A scene collection name can be at most 100 characters long.");
    const bool control = std::any_of(
        name.begin(), name.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); });
    if (name.front() == '.' || name.find('/') != std::string::npos || control) {
        throw SceneCollectionError("'" + name +
                                   "' cannot be a scene collection name: no '/', no leading '.', "
                                   "no control characters.");
    }
}

void CollectionStore::check_new_name(const std::string& name) const {
    check_name(name);
    if (contains(name))
        throw SceneCollectionError("A scene collection named '" + name + "' already exists.");
}

void CollectionStore::require(const std::string& name) const {
    check_name(name);
    if (!contains(name))
        throw SceneCollectionError("There is no scene collection named '" + name + "'.");
}

void CollectionStore::ensure_folder() const {
    std::error_code error;
    fs::create_directories(folder_, error);
    if (error) {
        throw SceneCollectionError(
            fmt::format("Cannot create the folder '{}' ({}).", folder_.string(), error.message()));
    }
    fs::permissions(folder_, fs::perms::owner_all, error);
}

void CollectionStore::rename(const std::string& from, const std::string& to) {
    require(from);
    if (from == to)
        return;
    check_new_name(to);
    std::error_code error;
    fs::rename(file_of(from), file_of(to), error);
    if (error) {
        throw SceneCollectionError(fmt::format("Cannot rename '{}' ({}).", from, error.message()));
    }
    // The backup belongs to the collection, not to the name. A stale backup left under the
    // new name by some earlier collection must not pass for this one's.
    const fs::path old_backup = backup_of(file_of(from));
    const fs::path new_backup = backup_of(file_of(to));
    if (fs::exists(old_backup, error))
        fs::rename(old_backup, new_backup, error);
    else
        fs::remove(new_backup, error);
    if (error) {
        std::error_code ignored;
        fs::rename(file_of(to), file_of(from), ignored);
        throw SceneCollectionError(
            fmt::format("Cannot rename the backup of '{}' ({}).", from, error.message()));
    }
    if (current() == from)
        set_current(to);
}

void CollectionStore::duplicate(const std::string& from, const std::string& to) {
    require(from);
    check_new_name(to);
    // A copy of a file that does not load would only be broken twice.
    load_scene_collection_file(file_of(from));
    copy_privately(file_of(from), file_of(to), Replace::no);
}

void CollectionStore::remove(const std::string& name) {
    require(name);
    if (list().size() <= 1) {
        throw SceneCollectionError("'" + name +
                                   "' is the only scene collection; there must always be one.");
    }
    std::error_code error;
    fs::remove(file_of(name), error);
    if (error) {
        throw SceneCollectionError(fmt::format("Cannot remove '{}' ({}).", name, error.message()));
    }
    fs::remove(backup_of(file_of(name)), error);
    if (current() == name)
        set_current({});
}

std::string CollectionStore::import_file(const fs::path& file) {
    load_scene_collection_file(file);  // throws, naming the file and the line, when bad
    ensure_folder();
    const std::string name = free_name(name_from_stem(file.stem().string()));
    copy_privately(file, file_of(name), Replace::no);
    return name;
}

void CollectionStore::export_file(const std::string& name, const fs::path& destination) const {
    require(name);
    copy_privately(file_of(name), destination, Replace::yes);
}

OpenedCollection CollectionStore::open(const std::string& name, const PluginRegistry& registry,
                                       const SceneCollectionDescription& fallback) const {
    const fs::path file = file_of(name);
    if (!fs::exists(file))
        return {fallback, "", false};
    std::string problem;
    try {
        return {load_checked(file, registry), "", false};
    } catch (const SceneCollectionError& e) {
        problem = e.what();
    }
    try {
        OpenedCollection opened{load_checked(backup_of(file), registry), "", true};
        opened.problem =
            fmt::format("{}\nOpened the backup from the previous save instead.", problem);
        return opened;
    } catch (const SceneCollectionError&) {
    }
    return {fallback, fmt::format("{}\nStarted with a new default collection.", problem), true};
}

void CollectionStore::save(const std::string& name,
                           const SceneCollectionDescription& description) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    fs::permissions(folder_, fs::perms::owner_all, error);
    const fs::path file = file_of(name);
    // The backup is the last file that loaded: a broken file never replaces a good backup.
    bool previous_is_good = false;
    try {
        previous_is_good = fs::exists(file) && (load_scene_collection_file(file), true);
    } catch (const SceneCollectionError&) {
    }
    if (previous_is_good) {
        fs::copy_file(file, backup_of(file), fs::copy_options::overwrite_existing, error);
        fs::permissions(backup_of(file), fs::perms::owner_read | fs::perms::owner_write, error);
    }
    save_scene_collection_file(file, description);
}

std::string CollectionStore::free_name(const std::string& base) const {
    if (!fs::exists(file_of(base)))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = fmt::format("{} ({})", base, n);
        if (!fs::exists(file_of(candidate)))
            return candidate;
    }
}

std::string CollectionStore::current() const {
    std::ifstream state(folder_ / ".current");
    std::string name;
    std::getline(state, name);
    return name;
}

void CollectionStore::set_current(const std::string& name) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    std::ofstream(folder_ / ".current") << name << "\n";
}

SceneCollectionDescription default_collection(int canvas_width, int canvas_height, bool with_text) {
    SceneCollectionDescription description;
    description.name = "Untitled";
    description.sources = {
        {"Test pattern", "test_pattern", {{"width", canvas_width}, {"height", canvas_height}}, {}}};
    ItemDescription pattern;
    pattern.source = "Test pattern";
    pattern.muted = true;  // a first start should not beep at the user every second
    description.scenes = {{"Scene", {pattern}}};
    if (with_text) {
        // A caption in the lower third shows at once how an overlay sits on a scene.
        description.sources.push_back({"Caption",
                                       "text_source",
                                       {{"text", "Live Machine"},
                                        {"size", std::max(24, canvas_height / 15)},
                                        {"outline", true},
                                        {"outline_width", 3}},
                                       {}});
        ItemDescription caption;
        caption.source = "Caption";
        caption.transform.position = {canvas_width / 20.0, canvas_height * 0.8};
        description.scenes[0].items.push_back(caption);
    }
    description.current_scene = "Scene";
    return description;
}

}  // namespace lm::ui
