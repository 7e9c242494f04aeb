// Records the encoded streams into a file; the container follows the file's extension.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/output/av_muxer.hpp"
#include "core/output/output.hpp"

namespace lm {

enum class RecordContainer {
    matroska = 1,  ///< .mkv: the default, as a crash leaves a playable file
    mp4,           ///< .mp4: fragmented, so a crash loses at most the last keyframe interval
    flv,           ///< .flv
};

/// Writes one file. Never overwrites: open() fails when the file exists, even if it appeared
/// after the output was created.
///
/// Threads: open/write/close on the output thread; interrupt() and display_name() anywhere.
class RecordOutput final : public Output {
public:
    /// Reads "path" and checks its form without touching the disk: a file name with a known
    /// extension (".mkv" is appended when there is none). Throws OutputError, e.g. "cannot
    /// record to 'x.avi': unknown extension '.avi' (use .mkv, .mp4 or .flv)". Whether the
    /// folder exists and is writable and the file is new is checked by open(), e.g. "cannot
    /// record to '/nonexistent/x.mkv': directory does not exist".
    explicit RecordOutput(const nlohmann::json& settings);

    /// The path actually written (extension included).
    std::string display_name() const override { return path_; }
    RecordContainer container() const { return container_; }

    void open(const std::vector<StreamInfo>& streams) override;
    void write(const Packet& packet) override;
    void close() override;
    void interrupt() override { muxer_.interrupt(); }

    /// Bytes written so far. MT safe.
    int64_t bytes_written() const { return muxer_.bytes_written(); }

private:
    void check_destination() const;

    std::string path_;
    RecordContainer container_ = RecordContainer::matroska;
    AvMuxer muxer_;
};

}  // namespace lm
