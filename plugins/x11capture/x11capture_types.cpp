#include "plugins/x11capture/x11capture_types.hpp"

#include <cstdlib>

#include "plugins/x11capture/capture_source.hpp"
#include "plugins/x11capture/screen_capturer.hpp"
#include "plugins/x11capture/window_capturer.hpp"

namespace lm {
namespace {

// X coordinates are 16-bit.
constexpr double kMaxCoordinate = 32767;

Property text(std::string key, std::string label, std::string description) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = PropertyType::text;
    p.default_value = "";
    p.description = std::move(description);
    return p;
}

Property integer(std::string key, std::string label, int value, double max,
                 std::string description) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = PropertyType::integer;
    p.default_value = value;
    p.min = 0;
    p.max = max;
    p.description = std::move(description);
    return p;
}

Property boolean(std::string key, std::string label, bool value) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = PropertyType::boolean;
    p.default_value = value;
    return p;
}

Property display_property() {
    return text("display", "X display",
                "Like ':0'. Empty: the display this program runs on (DISPLAY).");
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

/// The connection options from the settings and, read here rather than on the capture
/// thread, the environment.
X11CaptureOptions x11_options(const nlohmann::json& s) {
    X11CaptureOptions options;
    options.display_name = s["display"].get<std::string>();
    if (options.display_name.empty())
        options.display_name = environment("DISPLAY");
    options.show_cursor = s["show_cursor"].get<bool>();
    options.wayland_session = !environment("WAYLAND_DISPLAY").empty();
    return options;
}

SourceType screen_capture_type() {
    return {"screen_capture",
            "Screen capture",
            Source::kVideo,
            {display_property(), integer("screen", "Screen", 0, 255, "X screen number"),
             integer("x", "Left", 0, kMaxCoordinate, "Left edge of the captured area"),
             integer("y", "Top", 0, kMaxCoordinate, "Top edge of the captured area"),
             integer("width", "Width", 0, kMaxCoordinate, "0: up to the screen's right edge"),
             integer("height", "Height", 0, kMaxCoordinate, "0: up to the screen's bottom edge"),
             boolean("show_cursor", "Show the cursor", true)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                ScreenCaptureSettings settings;
                settings.x11 = x11_options(s);
                settings.screen = s["screen"].get<int>();
                settings.x = s["x"].get<int>();
                settings.y = s["y"].get<int>();
                settings.width = s["width"].get<int>();
                settings.height = s["height"].get<int>();
                return std::make_shared<CaptureSource>(
                    std::make_unique<ScreenCapturer>(std::move(settings)));
            }};
}

SourceType window_capture_type() {
    return {"window_capture",
            "Window capture",
            Source::kVideo,
            {display_property(),
             text("window", "Window title",
                  "The window's title, or a part of it; the exact title wins."),
             boolean("show_cursor", "Show the cursor", true)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                WindowCaptureSettings settings;
                settings.x11 = x11_options(s);
                settings.title = s["window"].get<std::string>();
                return std::make_shared<CaptureSource>(
                    std::make_unique<WindowCapturer>(std::move(settings)));
            }};
}

}  // namespace

void register_x11capture_types(PluginRegistry& registry) {
    registry.add(screen_capture_type());
    registry.add(window_capture_type());
}

}  // namespace lm
