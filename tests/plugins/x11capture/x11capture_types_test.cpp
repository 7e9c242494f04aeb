// The two source types as the registry creates them: settings, defaults and environment.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

#include "plugins/x11capture/x11capture_types.hpp"
#include "tests/plugins/x11capture/capture_test_support.hpp"
#include "tests/plugins/x11capture/xvfb_server.hpp"

using namespace lm;
using namespace lm::test;

namespace {

/// Sets (or, with nullopt, unsets) an environment variable for the object's lifetime.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, std::optional<std::string> value) : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value)
            setenv(name, value->c_str(), 1);
        else
            unsetenv(name);
    }
    ~ScopedEnvironment() {
        if (old_)
            setenv(name_, old_->c_str(), 1);
        else
            unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

PluginRegistry registry_with_capture() {
    PluginRegistry registry;
    register_x11capture_types(registry);
    return registry;
}

}  // namespace

TEST_CASE("the capture types are registered with their settings", "[x11capture]") {
    const PluginRegistry registry = registry_with_capture();
    const SourceType* screen = registry.source("screen_capture");
    const SourceType* window = registry.source("window_capture");
    REQUIRE(screen);
    REQUIRE(window);
    CHECK(screen->display_name == "Screen capture");
    CHECK(window->display_name == "Window capture");
    auto keys = [](const SourceType& type) {
        std::vector<std::string> out;
        for (const Property& p : type.properties)
            out.push_back(p.key);
        return out;
    };
    CHECK(keys(*screen) == std::vector<std::string>{"display", "screen", "x", "y", "width",
                                                    "height", "show_cursor"});
    CHECK(keys(*window) == std::vector<std::string>{"display", "window", "show_cursor"});
    CHECK_THROWS_AS(registry.create_source("screen_capture", {{"width", -1}}),
                    std::invalid_argument);
}

TEST_CASE("an empty display setting means the DISPLAY variable", "[x11capture][gpu]") {
    XvfbServer server;
    const PluginRegistry registry = registry_with_capture();
    ScopedEnvironment no_wayland("WAYLAND_DISPLAY", std::nullopt);
    {
        ScopedEnvironment display("DISPLAY", server.display());
        auto source = registry.create_source("screen_capture", nlohmann::json::object());
        REQUIRE(wait_until([&] { return source->width() == 640; }));
        CHECK(source->status().ok());
    }
    {
        ScopedEnvironment display("DISPLAY", std::nullopt);
        auto source = registry.create_source("screen_capture", nlohmann::json::object());
        CHECK(wait_until([&] {
            return source->status().message ==
                   "screen capture: no X display given and DISPLAY is not set; set 'display' "
                   "(for example ':0')";
        }));
    }
}

TEST_CASE("in a Wayland session the capture warns that it sees only X windows", "[x11capture]") {
    XvfbServer server;
    const PluginRegistry registry = registry_with_capture();
    ScopedEnvironment wayland("WAYLAND_DISPLAY", "wayland-0");
    auto source = registry.create_source("window_capture",
                                         {{"display", server.display()}, {"window", "Nowhere"}});
    // The missing window is the error; once there is nothing wrong, the warning stands.
    CHECK(wait_until([&] {
        return source->status().message ==
               "window capture: no window titled 'Nowhere'; it will be picked up when it opens";
    }));
    auto screen = registry.create_source("screen_capture", {{"display", server.display()}});
    CHECK(wait_until([&] {
        return screen->status() ==
               SourceStatus{SourceStatus::Level::warning,
                            "screen capture: this is a Wayland session: X11 capture sees only X "
                            "(XWayland) windows, not native Wayland ones"};
    }));
}
