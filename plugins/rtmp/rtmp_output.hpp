// Streams FLV over RTMP or RTMPS (FFmpeg's own RTMP client, through AvMuxer).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>

#include "core/output/av_muxer.hpp"
#include "core/output/output.hpp"
#include "plugins/rtmp/rtmp_url.hpp"

namespace lm {

struct RtmpSettings {
    static constexpr int kMinConnectTimeoutS = 1;
    static constexpr int kMaxConnectTimeoutS = 60;
    std::string url;  ///< secret: carries the stream key
    int connect_timeout_s = 10;
    /// A PEM file of certificates to trust for rtmps:// besides the system's authorities (a
    /// self-signed server's certificate, a private CA). Empty: the system's alone.
    std::string trusted_certificate;

    /// Reads "url", "connect_timeout_s" and "trusted_certificate". Throws OutputError for a
    /// wrong type or range.
    static RtmpSettings from_json(const nlohmann::json& settings);
};

/// One connection to an RTMP server. The stream key never appears in a message or a log line:
/// everything is phrased with display_name() or the host and port.
///
/// Threads: open/write/close on the output thread; interrupt() and display_name() anywhere.
/// After interrupt() every call fails fast: create a new output to stream again.
class RtmpOutput final : public Output {
public:
    /// Checks the URL (no network) and reads the trusted certificate file. Throws OutputError,
    /// e.g. "invalid stream URL 'http://x': the scheme must be rtmp:// or rtmps://".
    explicit RtmpOutput(const RtmpSettings& settings);
    explicit RtmpOutput(const nlohmann::json& settings);

    std::string display_name() const override { return url_.masked(); }
    /// Connects, publishes and writes the FLV header. An rtmps:// server must present a
    /// certificate for its name, signed by an authority the system trusts or found in the
    /// trusted certificate file. Throws OutputError saying what went wrong: refused, timed
    /// out, certificate not trusted, server closed the connection, publish refused.
    void open(const std::vector<StreamInfo>& streams) override;
    void write(const Packet& packet) override;
    void close() override;
    void interrupt() override { muxer_.interrupt(); }
    /// A dropped connection is worth trying again: the runner reopens it.
    bool reconnectable() const override { return true; }
    /// "127.0.0.1:1935 closed the connection as soon as the stream started (check the
    /// application name 'live' and the stream key, ...)".
    std::string describe_refusal(const std::string& error) const override;

    /// Bytes sent so far, FLV overhead included. MT safe.
    int64_t bytes_written() const { return muxer_.bytes_written(); }

private:
    /// Turns an open failure into a sentence about the server.
    std::string describe_open_failure(const AvMuxerError& error) const;
    /// "check the application name 'live' and the stream key".
    std::string check_app_and_key() const;

    RtmpUrl url_;
    std::chrono::seconds connect_timeout_;
    std::string trusted_pem_;  ///< the trusted_certificate file's text, read at creation
    AvMuxer muxer_;
};

}  // namespace lm
