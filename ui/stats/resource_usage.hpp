// What the stats dock reads about the machine itself, outside the engine's snapshot (Linux).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace lm::ui {

/// Resident memory of this process in bytes (resident pages of /proc/self/statm times the page
/// size), or nothing when it cannot be read.
std::optional<uint64_t> resident_memory_bytes();

/// Bytes available to this user on the file system holding `folder`, or nothing when the
/// folder cannot be queried (missing, no permission).
std::optional<uint64_t> available_disk_bytes(const std::filesystem::path& folder);

}  // namespace lm::ui
