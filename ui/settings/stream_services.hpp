// The streaming-service catalogue (compiled in: a handful of services whose ingest URLs change
// rarely), and how a server and a key become the one URL the "rtmp" output takes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lm::ui {

struct StreamServer {
    std::string name;  ///< "Europe: Frankfurt"
    std::string url;   ///< "rtmp://fra05.contribute.live-video.net/app", no key
};

struct StreamService {
    std::string id;    ///< stored in profiles: "twitch", "youtube_rtmps", ..., "custom"
    std::string name;  ///< "YouTube - RTMPS"
    std::vector<StreamServer> servers;  ///< the first one is the default; empty for custom
    bool needs_key = true;              ///< false for custom, whose URL may carry the key itself
    bool custom_url = false;            ///< the server is typed in rather than picked
};

inline constexpr const char* kCustomServiceId = "custom";

/// Every known service, then custom and the HLS folder (kHlsServiceId). The reference stays valid
/// for the program's life.
const std::vector<StreamService>& stream_services();
/// Null for an unknown id.
const StreamService* find_stream_service(std::string_view id);

/// server + "/" + key, with exactly one slash between them; the server alone when the key is
/// empty (a custom URL that already ends with its key). Surrounding spaces are dropped, since
/// pasted keys often carry them.
std::string publish_url(std::string_view server_url, std::string_view stream_key);

/// `url` safe to show: scheme, host and the first path component (the application) are kept,
/// anything after it (a key pasted into a custom URL) becomes "****".
std::string masked_server_url(std::string_view url);

/// True when `url` starts with rtmp:// or rtmps:// (any case) and names a host.
bool has_rtmp_scheme_and_host(std::string_view url);

}  // namespace lm::ui
