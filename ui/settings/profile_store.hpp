// The folder of profiles: one sub-folder per profile holding profile.json, plus a small state
// file naming the current one. Not thread-safe; use it from the UI thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ui/settings/profile.hpp"

namespace lm::ui {

class ProfileStore {
public:
    /// `folder` is created (mode 0700) on the first write; tests pass a temporary folder.
    explicit ProfileStore(std::filesystem::path folder = default_folder());

    /// $XDG_CONFIG_HOME/livemachine/profiles (~/.config/livemachine/profiles).
    static std::filesystem::path default_folder();

    const std::filesystem::path& folder() const { return folder_; }
    /// The profile.json of profile `name` (whether or not it exists).
    std::filesystem::path file_of(const std::string& name) const;

    /// Names of the profiles that have a profile.json, sorted.
    std::vector<std::string> list() const;
    bool contains(const std::string& name) const;

    /// Every operation below throws ProfileError with a message for the user: a bad name
    /// (empty, '/', leading '.', control characters), a name taken or missing, a file that
    /// cannot be read, parsed or written. A failed operation leaves existing files as they
    /// were.
    void create(const std::string& name, const Profile& profile);
    Profile load(const std::string& name) const;
    /// Replaces the profile atomically, keeping the previous file as profile.json.bak.
    void save(const std::string& name, const Profile& profile);
    void rename(const std::string& from, const std::string& to);
    void duplicate(const std::string& from, const std::string& to);
    void remove(const std::string& name);
    /// Reads `file` as a profile (a file that does not parse is refused) and stores it as
    /// `name`, or under the file's base name when `name` is empty. Returns the name used.
    std::string import_file(const std::filesystem::path& file, const std::string& name = {});
    /// Writes a copy of profile `name` to `destination` (mode 0600: it holds stream keys).
    void export_file(const std::string& name, const std::filesystem::path& destination) const;

    /// The remembered current profile; empty when none is remembered or it no longer exists.
    std::string current() const;
    void set_current(const std::string& name);

private:
    std::filesystem::path folder_of(const std::string& name) const;
    void check_name(const std::string& name) const;
    void require(const std::string& name) const;
    void require_free(const std::string& name) const;
    void ensure_folder(const std::filesystem::path& folder) const;
    std::filesystem::path state_file() const;

    std::filesystem::path folder_;
};

}  // namespace lm::ui
