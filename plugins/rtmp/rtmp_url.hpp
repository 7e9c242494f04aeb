// Parsing, checking and masking of RTMP stream URLs (rtmp://host[:port]/app/key).
#pragma once

#include <string>

namespace lm {

/// A checked stream URL. The stream key is a secret: only masked() and endpoint() may appear
/// in messages or logs.
struct RtmpUrl {
    std::string url;               ///< as given (trimmed); carries the key
    std::string scheme;            ///< "rtmp" or "rtmps"
    std::string host;              ///< without IPv6 brackets
    int port = 0;                  ///< as given, or 1935 (rtmp) / 443 (rtmps)
    std::string application;       ///< the first path component ("live")
    std::string stream_key;        ///< everything after the application (secret)
    bool explicit_port = false;    ///< the URL names the port (masked() shows it then)
    bool has_credentials = false;  ///< "user:password@host" (secret too)

    /// Checks `url` without touching the network. Throws OutputError with a message that
    /// quotes the URL masked, e.g. "invalid stream URL 'http://x': the scheme must be rtmp://
    /// or rtmps://".
    static RtmpUrl parse(const std::string& url);

    /// "rtmp://127.0.0.1:1935/live/****": safe to show and log.
    std::string masked() const;
    /// "127.0.0.1:1935" or "[::1]:1935": where the TCP connection goes.
    std::string endpoint() const;
};

/// Masks any string typed as a stream URL, valid or not: keeps the scheme, the host (port
/// included, credentials masked) and the first path component, and replaces the rest with
/// "****". A string without "://" or "/" could be a bare key, so it becomes "****" entirely.
std::string mask_stream_url(const std::string& url);

}  // namespace lm
