#include "ui/stats/resource_usage.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

namespace lm::ui {

std::optional<uint64_t> resident_memory_bytes() {
    std::ifstream statm("/proc/self/statm");
    uint64_t total_pages = 0;
    uint64_t resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages))
        return std::nullopt;
    const long page_size = sysconf(_SC_PAGESIZE);
    if (page_size <= 0)
        return std::nullopt;
    return resident_pages * static_cast<uint64_t>(page_size);
}

std::optional<uint64_t> available_disk_bytes(const std::filesystem::path& folder) {
    if (folder.empty())
        return std::nullopt;
    std::error_code error;
    const std::filesystem::space_info space = std::filesystem::space(folder, error);
    // space() reports failure as static_cast<uintmax_t>(-1) besides setting the error code.
    if (error || space.available == static_cast<std::uintmax_t>(-1))
        return std::nullopt;
    return space.available;
}

}  // namespace lm::ui
