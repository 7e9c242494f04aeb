#include "plugins/rtmp/rtmp_output.hpp"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <optional>
#include <string>

#include "plugins/rtmp/tls_trust.hpp"

extern "C" {
#include <libavutil/error.h>
}

namespace lm {
namespace {

// FFmpeg's AVERROR(e) is -e for errno values; its own codes are tags.
constexpr int av_errno(int e) {
    return -e;
}
// FFmpeg's RTMP client returns -1 (AVERROR(EPERM)) when the server answers a command with an
// error status: a refused connect or publish ("NetStream.Publish.BadName", "Already
// publishing", an authentication failure).
constexpr int kRtmpServerError = -1;

bool host_resolves(const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* result = nullptr;
    const int status = getaddrinfo(host.c_str(), nullptr, &hints, &result);
    if (result != nullptr)
        freeaddrinfo(result);
    return status == 0;
}

}  // namespace

RtmpSettings RtmpSettings::from_json(const nlohmann::json& settings) {
    RtmpSettings s;
    if (!settings.is_object())
        throw OutputError("rtmp: settings must be a JSON object");
    const auto url = settings.find("url");
    if (url == settings.end() || url->is_null())
        throw OutputError("no stream URL given");
    // Never echo the value: it may be the key itself.
    if (!url->is_string())
        throw OutputError("the stream URL must be text");
    s.url = url->get<std::string>();
    const auto timeout = settings.find("connect_timeout_s");
    if (timeout != settings.end() && !timeout->is_null()) {
        const double value = timeout->is_number() ? timeout->get<double>() : 0.5;
        if (!timeout->is_number() || std::floor(value) != value || value < kMinConnectTimeoutS ||
            value > kMaxConnectTimeoutS) {
            throw OutputError(fmt::format("rtmp: 'connect_timeout_s' is {}; use {}..{} seconds",
                                          timeout->dump(), kMinConnectTimeoutS,
                                          kMaxConnectTimeoutS));
        }
        s.connect_timeout_s = static_cast<int>(value);
    }
    const auto trusted = settings.find("trusted_certificate");
    if (trusted != settings.end() && !trusted->is_null()) {
        if (!trusted->is_string())
            throw OutputError("rtmp: 'trusted_certificate' must be the path of a PEM file");
        s.trusted_certificate = trusted->get<std::string>();
    }
    return s;
}

RtmpOutput::RtmpOutput(const nlohmann::json& settings)
    : RtmpOutput(RtmpSettings::from_json(settings)) {}

RtmpOutput::RtmpOutput(const RtmpSettings& settings)
    : url_(RtmpUrl::parse(settings.url)),
      connect_timeout_(settings.connect_timeout_s),
      trusted_pem_(settings.trusted_certificate.empty()
                       ? std::string()
                       : read_trusted_certificates(settings.trusted_certificate)) {}

void RtmpOutput::open(const std::vector<StreamInfo>& streams) {
    AvMuxerOptions options;
    options.display_name = display_name();
    options.connect_timeout = connect_timeout_;
    // A live stream cannot seek back to patch the duration and size into the FLV header at
    // the end; without this flag FFmpeg tries and warns.
    options.format_options = {{"flvflags", "no_duration_filesize"}};
    // A small socket buffer keeps congestion visible: with Linux's autotuned buffer (up to
    // 4 MB) a link at half the bitrate would swallow half a minute of stream before a write
    // blocked, and the send queue, its drop policy and dynamic bitrate would see nothing while
    // the delay grew. A quarter of a second of the stream fits (the kernel doubles the value):
    // more than a round trip's worth at these rates, so a distant server is not slowed.
    int total_kbps = 0;
    for (const StreamInfo& stream : streams)
        total_kbps += stream.bitrate_kbps;
    const int send_buffer = std::max(32 * 1024, total_kbps * 1000 / 8 / 8);
    options.io_options = {{"send_buffer_size", std::to_string(send_buffer)}};
    // FFmpeg accepts any certificate unless told to verify; a stream key sent to whoever
    // answers is a stream key given away.
    std::optional<TrustBundleFile> trust_bundle;
    if (url_.scheme == "rtmps") {
        options.io_options.emplace_back("tls_verify", "1");
        if (!trusted_pem_.empty()) {
            trust_bundle.emplace(trusted_pem_);
            options.io_options.emplace_back("ca_file", trust_bundle->path());
        }
    }
    try {
        muxer_.open(url_.url, "flv", streams, options);
    } catch (const AvMuxerError& error) {
        throw OutputError(describe_open_failure(error));
    }
}

void RtmpOutput::write(const Packet& packet) {
    muxer_.write(packet);
}

void RtmpOutput::close() {
    muxer_.close();
}

std::string RtmpOutput::check_app_and_key() const {
    return fmt::format("check the application name '{}' and the stream key", url_.application);
}

std::string RtmpOutput::describe_refusal(const std::string& /*error*/) const {
    // The write error itself ("Connection reset by peer") says nothing more.
    return fmt::format(
        "{} closed the connection as soon as the stream started: it refused the stream ({}, and "
        "that nothing else is streaming with that key already)",
        url_.endpoint(), check_app_and_key());
}

std::string RtmpOutput::describe_open_failure(const AvMuxerError& error) const {
    const std::string endpoint = url_.endpoint();
    const std::string check_path = check_app_and_key();
    if (error.interrupted())
        return fmt::format("connecting to {} was cancelled", endpoint);
    if (error.timed_out()) {
        // An RTMPS client talking to a plain RTMP port (or the reverse) also ends here: both
        // sides wait for the other's handshake.
        return fmt::format(
            "could not connect to {}: no answer within {} s (check the address, the port and any "
            "firewall{})",
            endpoint, connect_timeout_.count(),
            url_.scheme == "rtmps" ? "; rtmps:// needs the server's TLS port" : "");
    }
    if (error.stage() != AvMuxerStage::open_io)
        return error.what();

    const int code = error.av_error();
    const std::string text = av_error_text(code);
    switch (code) {
        case AVERROR(ECONNREFUSED):
            return fmt::format("could not connect to {}: {} (is the server running?)", endpoint,
                               text);
        case AVERROR(ENETUNREACH):
        case AVERROR(EHOSTUNREACH):
            return fmt::format("could not connect to {}: {} (check the address and the network)",
                               endpoint, text);
        case kRtmpServerError:
            return fmt::format(
                "{} refused to publish the stream ({}, and that nothing else is streaming with "
                "that key already)",
                endpoint, check_path);
        case AVERROR_INVALIDDATA:
            return fmt::format("{} did not answer like an RTMP{} server (check the port)", endpoint,
                               url_.scheme == "rtmps" ? "S" : "");
        case AVERROR(EIO):
            // FFmpeg reports a refused TLS certificate as EIO too: ask the server again,
            // ourselves, to say why.
            if (url_.scheme == "rtmps") {
                if (auto reason =
                        tls_refusal_reason(url_.host, url_.port, trusted_pem_, connect_timeout_)) {
                    return fmt::format("{} was not trusted: {}", endpoint, *reason);
                }
            }
            // FFmpeg reports both a failed name lookup and a connection the server dropped as
            // EIO; only the first has the lookup fail now.
            if (!host_resolves(url_.host)) {
                return fmt::format(
                    "could not connect to {}: the host name '{}' was not found "
                    "(check the address)",
                    endpoint, url_.host);
            }
            [[fallthrough]];
        case AVERROR_EOF:
        case AVERROR(ECONNRESET):
        case AVERROR(EPIPE):
            return fmt::format(
                "{} accepted the connection but closed it before publishing "
                "started ({})",
                endpoint, check_path);
        default:
            return fmt::format("could not publish to {}: {}", display_name(), text);
    }
}

}  // namespace lm
