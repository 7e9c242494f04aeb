#include "plugins/rtmp/rtmp_url.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/output/output.hpp"

namespace lm {
namespace {

constexpr int kDefaultRtmpPort = 1935;
constexpr int kDefaultRtmpsPort = 443;
constexpr const char* kSecretMask = "****";

std::string trim(const std::string& text) {
    const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    auto begin = std::find_if_not(text.begin(), text.end(), is_space);
    auto end = std::find_if_not(text.rbegin(), text.rend(), is_space).base();
    return begin < end ? std::string(begin, end) : std::string();
}

std::string lowercase(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool is_host_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
}

bool is_ipv6_char(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
}

[[noreturn]] void reject(const std::string& url, const std::string& why) {
    throw OutputError(fmt::format("invalid stream URL '{}': {}", mask_stream_url(url), why));
}

}  // namespace

std::string mask_stream_url(const std::string& raw) {
    const std::string url = trim(raw);
    std::string masked;
    std::string rest;
    const size_t scheme_end = url.find("://");
    if (scheme_end != std::string::npos) {
        masked = url.substr(0, scheme_end + 3);
        rest = url.substr(scheme_end + 3);
    } else if (url.find('/') != std::string::npos) {
        rest = url;  // "host/app/key" without a scheme
    } else {
        return url.empty() ? url : kSecretMask;  // may be a bare stream key
    }

    const size_t authority_end = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, authority_end);
    if (const size_t at = authority.rfind('@'); at != std::string::npos) {
        authority = std::string(kSecretMask) + "@" + authority.substr(at + 1);
    }
    masked += authority;
    if (authority_end == std::string::npos)
        return masked;
    if (rest[authority_end] != '/')
        return masked + rest[authority_end] + kSecretMask;

    // Keep the application (first path component), mask whatever follows it.
    const size_t app_end = rest.find_first_of("/?#", authority_end + 1);
    masked += rest.substr(authority_end, app_end - authority_end);
    if (app_end == std::string::npos)
        return masked;
    masked += rest[app_end];
    if (app_end + 1 < rest.size())
        masked += kSecretMask;
    return masked;
}

RtmpUrl RtmpUrl::parse(const std::string& raw) {
    RtmpUrl parsed;
    // Pasted URLs often carry a trailing newline or space; those are never meaningful.
    parsed.url = trim(raw);
    const std::string& url = parsed.url;
    if (url.empty())
        throw OutputError("no stream URL given");
    if (std::any_of(url.begin(), url.end(),
                    [](unsigned char c) { return std::isspace(c) != 0 || std::iscntrl(c) != 0; })) {
        reject(url, "it contains spaces or control characters");
    }

    const size_t scheme_end = url.find("://");
    parsed.scheme = scheme_end == std::string::npos ? "" : lowercase(url.substr(0, scheme_end));
    if (parsed.scheme != "rtmp" && parsed.scheme != "rtmps") {
        reject(url, "the scheme must be rtmp:// or rtmps://");
    }
    const std::string rest = url.substr(scheme_end + 3);
    const size_t authority_end = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, authority_end);
    if (const size_t at = authority.rfind('@'); at != std::string::npos) {
        parsed.has_credentials = true;
        authority = authority.substr(at + 1);
    }

    std::string port_text;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        const size_t close = authority.find(']');
        if (close == std::string::npos)
            reject(url, "the IPv6 address lacks its closing ']'");
        parsed.host = authority.substr(1, close - 1);
        const std::string after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            reject(url, "unexpected text after ']'");
        has_port = !after.empty();
        if (has_port)
            port_text = after.substr(1);
        if (!std::all_of(parsed.host.begin(), parsed.host.end(), is_ipv6_char)) {
            reject(url, "the IPv6 address is not valid");
        }
    } else {
        const size_t colon = authority.find(':');
        parsed.host = authority.substr(0, colon);
        has_port = colon != std::string::npos;
        if (has_port)
            port_text = authority.substr(colon + 1);
        if (!std::all_of(parsed.host.begin(), parsed.host.end(), is_host_name_char)) {
            reject(url,
                   "the host name has characters a host name cannot have "
                   "(IPv6 addresses go in brackets: rtmp://[::1]/app/key)");
        }
    }
    if (parsed.host.empty())
        reject(url, "the host is missing (rtmp://host/app/key)");

    if (has_port) {
        const bool digits = !port_text.empty() && port_text.size() <= 5 &&
                            std::all_of(port_text.begin(), port_text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
        const int port = digits ? std::stoi(port_text) : 0;
        if (port < 1 || port > 65535)
            reject(url, "the port must be a number from 1 to 65535");
        parsed.port = port;
        parsed.explicit_port = true;
    } else {
        parsed.port = parsed.scheme == "rtmps" ? kDefaultRtmpsPort : kDefaultRtmpPort;
    }

    const char* shape = "rtmp://host/app/key";
    if (authority_end == std::string::npos || rest[authority_end] != '/') {
        reject(url, fmt::format("it needs an application and a stream key, as in {}", shape));
    }
    const std::string path = rest.substr(authority_end + 1);
    const size_t app_end = path.find('/');
    parsed.application = path.substr(0, app_end);
    if (parsed.application.empty()) {
        reject(url, fmt::format("the application name is missing, as in {}", shape));
    }
    if (app_end == std::string::npos || app_end + 1 == path.size()) {
        reject(url, fmt::format("the stream key is missing, as in {}", shape));
    }
    parsed.stream_key = path.substr(app_end + 1);
    return parsed;
}

std::string RtmpUrl::masked() const {
    return fmt::format("{}://{}{}/{}/{}", scheme, has_credentials ? "****@" : "",
                       explicit_port
                           ? endpoint()
                           : (host.find(':') != std::string::npos ? "[" + host + "]" : host),
                       application, kSecretMask);
}

std::string RtmpUrl::endpoint() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return fmt::format("{}{}{}:{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
}

}  // namespace lm
