// Profiles on disk: versioned JSON ("format": "livemachine-profile", "version": 1). Files hold
// stream keys, so they are written 0600, atomically, keeping the previous one as "<file>.bak".
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "ui/settings/profile.hpp"

namespace lm::ui {

/// A profile file or a profile-store operation that failed. The message names the file and
/// the field and never contains a stream key, e.g.
/// "profile.json: output.bitrate_kbps must be a positive integer".
class ProfileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr const char* kProfileFormat = "livemachine-profile";
inline constexpr int kProfileVersion = 1;

nlohmann::json profile_to_json(const Profile& profile);

/// Reads a profile; missing sections and keys keep default_profile()'s values, wrong types
/// and impossible values throw ProfileError prefixed with `file_label` ("profile.json: ...").
/// Range checks that depend on the machine (folders, encoders) are validate()'s job.
Profile profile_from_json(const nlohmann::json& json, const std::string& file_label);

/// Reads and parses `path`. Throws ProfileError (unreadable, not JSON, wrong content), the
/// message starting with the file's name.
Profile load_profile(const std::filesystem::path& path);

/// Writes `profile` to `path` with mode 0600 atomically; an existing file becomes
/// "<path>.bak". Throws ProfileError; `path` is then unchanged.
void save_profile(const Profile& profile, const std::filesystem::path& path);

}  // namespace lm::ui
