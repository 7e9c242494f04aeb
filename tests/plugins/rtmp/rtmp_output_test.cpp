// Tests plugins/rtmp: URL checks and masking, and how connection failures read, against real
// loopback sockets (the end-to-end publish to nginx lives in tests/e2e).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/rtmp/rtmp_output.hpp"
#include "plugins/rtmp/rtmp_types.hpp"
#include "plugins/rtmp/rtmp_url.hpp"

using namespace lm;
using Catch::Matchers::Contains;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kSecret = "SECRETKEY";

/// A listening TCP socket on 127.0.0.1 that either hangs up on every client at once or keeps
/// them connected and silent, like a server that accepted but never speaks RTMP.
class LoopbackServer {
public:
    enum class Behaviour { hang_up = 1, stay_silent };

    explicit LoopbackServer(Behaviour behaviour) : behaviour_(behaviour) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listener_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(listen(listener_, 4) == 0);
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~LoopbackServer() {
        stop_ = true;
        thread_.join();
        for (int client : clients_)
            close(client);
        close(listener_);
    }
    int port() const { return port_; }

private:
    void run() {
        while (!stop_) {
            pollfd fd{listener_, POLLIN, 0};
            if (poll(&fd, 1, 20) <= 0)
                continue;
            const int client = accept(listener_, nullptr, nullptr);
            if (client < 0)
                continue;
            if (behaviour_ == Behaviour::hang_up) {
                close(client);
            } else {
                clients_.push_back(client);
            }
        }
    }

    Behaviour behaviour_;
    int listener_ = -1;
    int port_ = 0;
    std::vector<int> clients_;  // owned by the server thread until it is joined
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

/// A loopback port nothing listens on (bound, then released).
int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

std::vector<StreamInfo> av_streams() {
    StreamInfo video;
    video.kind = MediaKind::video;
    video.codec = "h264";
    video.time_base = {1, 30};
    video.width = 1280;
    video.height = 720;
    video.frame_rate = {30, 1};
    StreamInfo audio;
    audio.kind = MediaKind::audio;
    audio.codec = "aac";
    audio.time_base = {1, 48000};
    audio.sample_rate = 48000;
    audio.channels = 2;
    audio.frame_size = 1024;
    return {video, audio};
}

/// Opens `url` and returns the error message and how long the attempt took.
std::pair<std::string, double> open_failure(const std::string& url, int timeout_s = 10) {
    RtmpOutput output(nlohmann::json{{"url", url}, {"connect_timeout_s", timeout_s}});
    const auto start = Clock::now();
    try {
        output.open(av_streams());
    } catch (const OutputError& error) {
        return {error.what(), std::chrono::duration<double>(Clock::now() - start).count()};
    }
    FAIL("open() succeeded against " << output.display_name());
    return {};
}

}  // namespace

TEST_CASE("valid URLs are accepted and shown with the key masked", "[rtmp]") {
    struct Case {
        const char* url;
        const char* masked;
        const char* endpoint;
        const char* key;
    };
    const Case cases[] = {
        {"rtmp://127.0.0.1:1935/live/SECRETKEY", "rtmp://127.0.0.1:1935/live/****",
         "127.0.0.1:1935", "SECRETKEY"},
        {"rtmp://live.example.com/app/SECRETKEY", "rtmp://live.example.com/app/****",
         "live.example.com:1935", "SECRETKEY"},
        {"rtmps://live.example.com/app/SECRETKEY?auth=x", "rtmps://live.example.com/app/****",
         "live.example.com:443", "SECRETKEY?auth=x"},
        {"RTMP://[::1]:1936/live/SECRETKEY", "rtmp://[::1]:1936/live/****", "[::1]:1936",
         "SECRETKEY"},
        {"  rtmp://host/live/a/SECRETKEY\n", "rtmp://host/live/****", "host:1935", "a/SECRETKEY"},
        {"rtmp://user:SECRETKEY@host/live/k", "rtmp://****@host/live/****", "host:1935", "k"},
    };
    for (const Case& c : cases) {
        INFO(c.url);
        const RtmpUrl url = RtmpUrl::parse(c.url);
        CHECK(url.masked() == c.masked);
        CHECK(url.endpoint() == c.endpoint);
        CHECK(url.stream_key == c.key);
        CHECK(RtmpOutput(nlohmann::json{{"url", c.url}}).display_name() == c.masked);
    }
    CHECK(RtmpUrl::parse("rtmp://h/live/k").application == "live");
}

TEST_CASE("malformed URLs are refused with a message saying what is wrong", "[rtmp]") {
    CHECK_THROWS_MATCHES(
        RtmpUrl::parse("http://x"), OutputError,
        Catch::Matchers::Message(
            "invalid stream URL 'http://x': the scheme must be rtmp:// or rtmps://"));
    const std::pair<const char*, const char*> cases[] = {
        {"", "no stream URL given"},
        {"live.example.com/app/key", "the scheme must be rtmp:// or rtmps://"},
        {"srt://host:9000/live/key", "the scheme must be rtmp:// or rtmps://"},
        {"rtmp:///live/key", "the host is missing"},
        {"rtmp://:1935/live/key", "the host is missing"},
        {"rtmp://host:0/live/key", "the port must be a number from 1 to 65535"},
        {"rtmp://host:65536/live/key", "the port must be a number from 1 to 65535"},
        {"rtmp://host:19x5/live/key", "the port must be a number from 1 to 65535"},
        {"rtmp://host:/live/key", "the port must be a number from 1 to 65535"},
        {"rtmp://host", "it needs an application and a stream key"},
        {"rtmp://host/live", "the stream key is missing"},
        {"rtmp://host/live/", "the stream key is missing"},
        {"rtmp://host//key", "the application name is missing"},
        {"rtmp://ho st/live/key", "spaces"},
        {"rtmp://ho%st/live/key", "the host name has characters"},
        {"rtmp://[::1/live/key", "closing ']'"},
    };
    for (const auto& [url, message] : cases) {
        INFO(url);
        CHECK_THROWS_WITH(RtmpUrl::parse(url), Contains(message));
        CHECK_THROWS_AS(RtmpOutput(nlohmann::json{{"url", url}}), OutputError);
    }
    CHECK_THROWS_WITH(RtmpOutput(nlohmann::json::object()), Contains("no stream URL given"));
    CHECK_THROWS_WITH(RtmpOutput(nlohmann::json{{"url", 5}}), Contains("must be text"));
}

TEST_CASE("the stream key never appears in an error message", "[rtmp]") {
    const char* urls[] = {
        "SECRETKEY",
        "http://host/live/SECRETKEY",
        "rtmp://host:99999/live/SECRETKEY",
        "rtmp://host:1935/live/SECRETKEY extra",
        "rtmp://user:SECRETKEY@:1935/live/x",
        "rtmp:/host/live/SECRETKEY",
        "rtmp://host?SECRETKEY",
        "rtmp://host/live?SECRETKEY",
    };
    for (const char* url : urls) {
        INFO(url);
        try {
            RtmpOutput output(nlohmann::json{{"url", url}});
            FAIL("accepted");
        } catch (const OutputError& error) {
            CHECK_THAT(error.what(), !Contains(kSecret));
        }
        CHECK_THAT(mask_stream_url(url), !Contains(kSecret));
    }
    CHECK(mask_stream_url("http://x") == "http://x");
    CHECK(mask_stream_url("SECRETKEY") == "****");
}

TEST_CASE("connecting to a port nobody listens on fails fast: refused", "[rtmp]") {
    const int port = closed_port();
    const auto [message, seconds] =
        open_failure(fmt::format("rtmp://127.0.0.1:{}/live/{}", port, kSecret));
    CHECK(message == fmt::format("could not connect to 127.0.0.1:{}: Connection refused (is the "
                                 "server running?)",
                                 port));
    CHECK(seconds < 2.0);
}

TEST_CASE("a server that hangs up says so and points at the app and key", "[rtmp]") {
    LoopbackServer server(LoopbackServer::Behaviour::hang_up);
    const auto [message, seconds] =
        open_failure(fmt::format("rtmp://127.0.0.1:{}/live/{}", server.port(), kSecret));
    CHECK_THAT(message, Contains(fmt::format("127.0.0.1:{}", server.port())) &&
                            Contains("closed it before publishing") && Contains("'live'"));
    CHECK_THAT(message, !Contains(kSecret));
    CHECK(seconds < 2.0);
}

TEST_CASE("a server that never answers times out after connect_timeout_s", "[rtmp]") {
    LoopbackServer server(LoopbackServer::Behaviour::stay_silent);
    const auto [message, seconds] =
        open_failure(fmt::format("rtmp://127.0.0.1:{}/live/{}", server.port(), kSecret), 1);
    CHECK_THAT(message, Contains(fmt::format("127.0.0.1:{}", server.port())) &&
                            Contains("no answer within 1 s"));
    CHECK_THAT(message, !Contains(kSecret));
    CHECK(seconds > 0.9);
    CHECK(seconds < 3.0);
}

TEST_CASE("interrupt() cancels a connection attempt from another thread", "[rtmp]") {
    LoopbackServer server(LoopbackServer::Behaviour::stay_silent);
    RtmpOutput output(nlohmann::json{
        {"url", fmt::format("rtmp://127.0.0.1:{}/live/{}", server.port(), kSecret)}});
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        output.interrupt();
    });
    const auto start = Clock::now();
    CHECK_THROWS_WITH(output.open(av_streams()), Contains("was cancelled"));
    stopper.join();
    CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 1.5);
}

TEST_CASE("the registered type marks the URL secret and checks it at create()", "[rtmp]") {
    PluginRegistry registry;
    register_rtmp_types(registry);
    const OutputType* type = registry.output("rtmp");
    REQUIRE(type != nullptr);
    const Property& url = type->properties.at(0);
    CHECK(url.key == "url");
    CHECK(url.secret);
    CHECK_THROWS_WITH(type->create(nlohmann::json{{"url", "http://x"}}),
                      Contains("the scheme must be rtmp:// or rtmps://"));
    const auto output = type->create(nlohmann::json{{"url", "rtmp://h:1/live/k"}});
    CHECK(output->display_name() == "rtmp://h:1/live/****");
}
