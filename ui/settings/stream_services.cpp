#include "ui/settings/stream_services.hpp"

#include <algorithm>
#include <cctype>

#include "ui/settings/profile.hpp"

namespace lm::ui {
namespace {

std::string_view trimmed(std::string_view text) {
    const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::vector<StreamService> make_catalogue() {
    return {
        {"twitch",
         "Twitch",
         {{"Automatic (recommended)", "rtmp://live.twitch.tv/app"},
          {"Europe: Frankfurt, Germany", "rtmp://fra05.contribute.live-video.net/app"},
          {"Europe: London, UK", "rtmp://lhr08.contribute.live-video.net/app"},
          {"US East: Ashburn, VA", "rtmp://iad05.contribute.live-video.net/app"}},
         true,
         false},
        {"youtube_rtmps",
         "YouTube - RTMPS",
         {{"Primary YouTube ingest server", "rtmps://a.rtmps.youtube.com:443/live2"},
          // The query is part of the RTMP application, as OBS sends it; the key follows.
          {"Backup YouTube ingest server", "rtmps://b.rtmps.youtube.com:443/live2?backup=1"}},
         true,
         false},
        {"facebook_rtmps",
         "Facebook Live - RTMPS",
         {{"Default", "rtmps://live-api-s.facebook.com:443/rtmp/"}},
         true,
         false},
        {"kick",
         "Kick",
         {{"Default", "rtmps://fa723fc1b171.global-contribute.live-video.net:443/app/"}},
         true,
         false},
        {kCustomServiceId, "Custom", {}, false, true},
        // Not a platform: HLS written into a folder a web server serves (docs/hls.md).
        {kHlsServiceId, "HLS folder (self-hosted)", {}, false, false},
    };
}

}  // namespace

const std::vector<StreamService>& stream_services() {
    // Immutable after first use, so sharing it is safe from any thread.
    static const std::vector<StreamService> catalogue = make_catalogue();
    return catalogue;
}

const StreamService* find_stream_service(std::string_view id) {
    const auto& services = stream_services();
    const auto it = std::find_if(services.begin(), services.end(),
                                 [&](const StreamService& s) { return s.id == id; });
    return it == services.end() ? nullptr : &*it;
}

std::string publish_url(std::string_view server_url, std::string_view stream_key) {
    std::string_view server = trimmed(server_url);
    const std::string_view key = trimmed(stream_key);
    if (key.empty())
        return std::string(server);
    while (!server.empty() && server.back() == '/')
        server.remove_suffix(1);
    std::string url(server);
    url += '/';
    url += key.front() == '/' ? key.substr(1) : key;
    return url;
}

std::string masked_server_url(std::string_view url) {
    url = trimmed(url);
    const size_t scheme_end = url.find("://");
    const size_t host_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const size_t app_start = url.find('/', host_start);
    if (app_start == std::string_view::npos)
        return std::string(url);
    const size_t app_end = url.find('/', app_start + 1);
    if (app_end == std::string_view::npos || app_end + 1 == url.size())
        return std::string(url);
    return std::string(url.substr(0, app_end + 1)) + "****";
}

bool has_rtmp_scheme_and_host(std::string_view url) {
    url = trimmed(url);
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        return false;
    std::string scheme(url.substr(0, scheme_end));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "rtmp" && scheme != "rtmps")
        return false;
    const std::string_view rest = url.substr(scheme_end + 3);
    const size_t host_end = rest.find_first_of("/?#");
    std::string_view host = rest.substr(0, host_end);
    if (const size_t at = host.rfind('@'); at != std::string_view::npos)
        host = host.substr(at + 1);
    return !host.empty() && host.front() != ':';
}

}  // namespace lm::ui
