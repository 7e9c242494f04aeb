// What the Studio tests share: waiting for an output group's state, and a temporary folder.
#pragma once

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "core/studio.hpp"

namespace lm::test {

/// True once `group` reaches `state`; false after `timeout`.
inline bool wait_for_state(Studio& studio, const std::string& group, GroupState state,
                           std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (studio.group_state(group) == state)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return studio.group_state(group) == state;
}

/// A new folder under the system's temporary one, removed with everything in it.
struct StudioTempDir {
    StudioTempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "lm-studio-XXXXXX");
        path = mkdtemp(pattern.data());
    }
    ~StudioTempDir() { std::filesystem::remove_all(path); }
    StudioTempDir(const StudioTempDir&) = delete;
    StudioTempDir& operator=(const StudioTempDir&) = delete;
    std::filesystem::path path;
};

}  // namespace lm::test
