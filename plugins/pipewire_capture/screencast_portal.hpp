// ScreenCastPortal: the org.freedesktop.portal.ScreenCast handshake over the session D-Bus
// (sd-bus): CreateSession -> SelectSources -> Start -> OpenPipeWireRemote. The portal asks the
// user what to share (or restores an earlier choice from a restore token) and hands back a
// PipeWire connection and the node to read. The session lives as long as this object.
//
// Not thread-safe: one thread (the capture source's session thread) makes and uses it.
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lm {

/// What the portal may offer (the portal's SourceType bits).
enum class PortalCaptureKind : uint32_t { screen = 1, window = 2 };

struct ScreenCastRequest {
    PortalCaptureKind kind = PortalCaptureKind::screen;
    bool show_cursor = true;
    /// From an earlier session: restores that choice without asking. Empty: ask.
    std::string restore_token;
};

struct ScreenCastGrant {
    int pipewire_fd = -1;  ///< owned by the receiver (pw_context_connect_fd takes it)
    uint32_t node_id = 0;
    int width = 0;  ///< the stream's size as the portal announced it; 0 if not told
    int height = 0;
    /// For the next start (persist_mode 2: until revoked); empty if the portal gave none.
    std::string restore_token;
};

/// Why the handshake ended without a grant.
enum class PortalFailure {
    none = 0,
    no_portal = 1,  ///< no session bus, or nothing answers on org.freedesktop.portal.Desktop
    cancelled,      ///< the user closed the dialog (response 1)
    refused,        ///< any other failure; the message says which
    stopped,        ///< should_stop() said so while waiting
};

class ScreenCastPortal {
public:
    /// Connects to the session bus at `bus_address` (DBUS_SESSION_BUS_ADDRESS syntax). On
    /// failure returns null with `error` set to a message for the status line.
    static std::unique_ptr<ScreenCastPortal> connect(const std::string& bus_address,
                                                     std::string& error);
    ~ScreenCastPortal();  ///< closes the portal session, if one was made
    ScreenCastPortal(const ScreenCastPortal&) = delete;
    ScreenCastPortal& operator=(const ScreenCastPortal&) = delete;

    /// Runs the handshake; blocks until the user answers, the portal fails or `should_stop`
    /// (polled about every 100 ms) returns true. On failure sets `failure` and `error`.
    std::optional<ScreenCastGrant> start(const ScreenCastRequest& request,
                                         const std::function<bool()>& should_stop,
                                         PortalFailure& failure, std::string& error);

    /// Handles what arrived on the bus without waiting; returns false once the portal has
    /// closed the session (the user stopped sharing, the portal went away).
    bool session_alive();

    /// One Response signal, as read off the bus (defined in the .cpp).
    struct Response;

private:
    explicit ScreenCastPortal(sd_bus* bus) : bus_(bus) {}
    /// Calls ScreenCast.`method` and waits for its Response. `append_arguments` appends the
    /// method's arguments up to and into its options dictionary, which it leaves open.
    bool request(const char* method, const std::function<int(sd_bus_message*)>& append_arguments,
                 const std::function<bool()>& should_stop, Response& response,
                 PortalFailure& failure, std::string& error);
    std::optional<uint32_t> property(const char* name, PortalFailure& failure, std::string& error);
    std::string next_token();

    sd_bus* bus_;
    std::string session_handle_;  // empty until CreateSession answered
    sd_bus_slot* closed_slot_ = nullptr;
    bool session_closed_ = false;
    int token_counter_ = 0;
};

}  // namespace lm
