#include "plugins/record/record_output.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace lm {
namespace {

struct ContainerChoice {
    const char* extension;
    RecordContainer container;
    const char* format_name;  ///< libavformat muxer
};

constexpr ContainerChoice kContainers[] = {
    {".mkv", RecordContainer::matroska, "matroska"},
    {".mp4", RecordContainer::mp4, "mp4"},
    {".flv", RecordContainer::flv, "flv"},
};

const ContainerChoice& choice_for(RecordContainer container) {
    for (const ContainerChoice& choice : kContainers) {
        if (choice.container == container)
            return choice;
    }
    return kContainers[0];
}

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw OutputError(fmt::format("cannot record to '{}': {}", path, why));
}

std::string lowercase(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

RecordOutput::RecordOutput(const nlohmann::json& settings) {
    namespace fs = std::filesystem;
    const auto it = settings.is_object() ? settings.find("path") : settings.end();
    if (!settings.is_object() || it == settings.end() || !it->is_string() ||
        it->get<std::string>().empty()) {
        throw OutputError("no recording path given (set 'path' to a file such as show.mkv)");
    }
    path_ = it->get<std::string>();
    if (path_.back() == '/')
        refuse(path_, "that is a folder; add a file name, as in show.mkv");

    const std::string extension = fs::path(path_).extension().string();
    if (extension.empty())
        path_ += ".mkv";  // the crash-safe default
    const std::string wanted = extension.empty() ? ".mkv" : lowercase(extension);
    bool known = false;
    for (const ContainerChoice& choice : kContainers) {
        if (wanted == choice.extension) {
            container_ = choice.container;
            known = true;
        }
    }
    if (!known) {
        refuse(path_, fmt::format("unknown extension '{}' (use .mkv, .mp4 or .flv)", extension));
    }
}

// Where the file goes is checked when the output opens, not when it is configured: the folder
// may appear (a USB disk mounted) in between, and a bad folder is a failing destination, which
// must not stop the others (docs/command-line.md), not a malformed setting.
void RecordOutput::check_destination() const {
    namespace fs = std::filesystem;
    fs::path folder = fs::path(path_).parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code error;
    const fs::file_status folder_status = fs::status(folder, error);
    if (!fs::exists(folder_status))
        refuse(path_, "directory does not exist");
    if (!fs::is_directory(folder_status)) {
        refuse(path_, fmt::format("'{}' is not a directory", folder.string()));
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        refuse(path_, fmt::format("no permission to write in '{}'", folder.string()));
    }
    const fs::file_status file_status = fs::symlink_status(path_, error);
    if (fs::is_directory(file_status))
        refuse(path_, "that is a folder");
    if (fs::exists(file_status)) {
        refuse(path_, "the file already exists (recordings never overwrite; choose another name)");
    }
}

void RecordOutput::open(const std::vector<StreamInfo>& streams) {
    check_destination();
    // Claim the name atomically: the file may appear between the checks above and here, and
    // FFmpeg's file protocol would truncate it.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int error = errno;
        if (error == EEXIST) {
            refuse(path_,
                   "the file already exists (recordings never overwrite; choose another name)");
        }
        refuse(path_, std::strerror(error));
    }
    ::close(fd);

    const ContainerChoice& choice = choice_for(container_);
    AvMuxerOptions options;
    options.display_name = path_;
    if (container_ == RecordContainer::mp4) {
        // A plain MP4 is unreadable until its index (moov) is written at the end, so a crash or
        // a full disk loses the whole recording. Fragmented MP4 writes a small index per
        // keyframe interval instead: a crash loses at most the last 2 s, the size stays the
        // same (measured: within 0.2% of a plain MP4), and players read it like any MP4. delay_moov
        // writes the initial index after the first fragment rather than before any packet, so it
        // can carry the edit lists that absorb the B-frame delay and the AAC priming; without them
        // each stream would be shifted to zero on its own and audio would lead by ~45 ms.
        options.format_options = {
            {"movflags", "+frag_keyframe+empty_moov+delay_moov+default_base_moof"}};
    }
    try {
        // "file:" so a ':' in the path is never taken for a protocol.
        muxer_.open("file:" + path_, choice.format_name, streams, options);
    } catch (const OutputError&) {
        // The file is ours (created above) and holds at most a header: don't leave it behind.
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
        throw;
    }
}

void RecordOutput::write(const Packet& packet) {
    muxer_.write(packet);
}

void RecordOutput::close() {
    muxer_.close();
}

}  // namespace lm
