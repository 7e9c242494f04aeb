// Replacing a file so that a crash or a full disk never leaves it half written.
#pragma once

#include <sys/types.h>
#include <filesystem>
#include <string_view>

namespace lm::ui {

enum class KeepBackup {
    no = 1,
    yes,  ///< the file being replaced stays as "<file>.bak"
};

/// Writes `contents` to a temporary file beside `path` with permissions `mode`, fsyncs it,
/// then renames it over `path` (and fsyncs the folder), so readers see the old file or the new
/// one, never a mix. With KeepBackup::yes an existing `path` is first kept as "<path>.bak"
/// (same mode). Throws std::system_error naming the file; `path` is untouched then.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           mode_t mode, KeepBackup backup);

/// "<path>.bak".
std::filesystem::path backup_path(const std::filesystem::path& path);

}  // namespace lm::ui
