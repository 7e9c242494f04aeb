#include "plugins/pipewire_capture/pipewire_capture_types.hpp"

#include <cstdlib>

#include "core/scene/property_builders.hpp"
#include "plugins/pipewire_capture/pipewire_capture_source.hpp"

namespace lm {
namespace {

SourceType pipewire_capture_type() {
    return {"pipewire_capture",
            "Screen capture (PipeWire)",
            Source::kVideo,
            {property::list("capture", "Capture", "screen",
                            {{"Screen", "screen"}, {"Window", "window"}},
                            "What the desktop's dialog offers to share (Wayland, through the "
                            "desktop portal). Not every desktop offers windows."),
             property::boolean("show_cursor", "Show the cursor", true),
             property::make("restore_token", "Restore token", PropertyType::text, "",
                            "Set from an earlier session: shares the same screen again without "
                            "asking. Empty: the desktop asks.")},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                PipeWireCaptureSettings settings;
                // Read here rather than on the session thread: getenv is not thread-safe.
                const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
                settings.bus_address = bus ? bus : "";
                settings.request.kind = s["capture"].get<std::string>() == "window"
                                            ? PortalCaptureKind::window
                                            : PortalCaptureKind::screen;
                settings.request.show_cursor = s["show_cursor"].get<bool>();
                settings.request.restore_token = s["restore_token"].get<std::string>();
                return std::make_shared<PipeWireCaptureSource>(std::move(settings));
            }};
}

}  // namespace

void register_pipewire_capture_types(PluginRegistry& registry) {
    registry.add(pipewire_capture_type());
}

}  // namespace lm
