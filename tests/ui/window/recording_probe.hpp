// Measuring what the window recorded: the end-to-end tests' lm_media_probe on a file, and the
// files a recording left in a folder.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace lm::ui::testing {

/// One value lm_media_probe measures in `file` ("video.duration_s"), or "" when it cannot.
inline std::string probe(const std::filesystem::path& file, const std::string& key) {
    const std::string command = std::string("'") + LM_TEST_MEDIA_PROBE + "' '" + file.string() +
                                "' --print " + key + " 2>/dev/null";
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
            output += buffer;
        ::pclose(pipe);
    }
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    return output;
}

inline double probe_seconds(const std::filesystem::path& file, const std::string& key) {
    const std::string value = probe(file, key);
    return value.empty() ? -1 : std::stod(value);
}

/// The files in `folder` whose name ends with `suffix`.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder,
                                                   const std::string& suffix) {
    std::vector<std::filesystem::path> found;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.size() >= suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            found.push_back(entry.path());
    }
    return found;
}

}  // namespace lm::ui::testing
