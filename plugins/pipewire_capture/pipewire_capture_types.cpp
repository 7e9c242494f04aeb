#include "plugins/pipewire_capture/pipewire_capture_types.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "core/scene/property_builders.hpp"
#include "plugins/pipewire_capture/pipewire_capture_source.hpp"

namespace lm {
namespace {

/// DBUS_SESSION_BUS_ADDRESS, or where systemd puts the user's bus when that is not set (as
/// sd_bus_open_user does); empty when there is neither.
std::string session_bus_address() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address)
        return address;
    const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR");
    if (!runtime_dir || !*runtime_dir)
        return {};
    const std::string socket = std::string(runtime_dir) + "/bus";
    return access(socket.c_str(), F_OK) == 0 ? "unix:path=" + socket : std::string();
}

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
                settings.bus_address = session_bus_address();
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
