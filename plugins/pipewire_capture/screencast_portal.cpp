#include "plugins/pipewire_capture/screencast_portal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstring>

namespace lm {
namespace {

constexpr const char* kPortalService = "org.freedesktop.portal.Desktop";
constexpr const char* kPortalPath = "/org/freedesktop/portal/desktop";
constexpr const char* kScreenCast = "org.freedesktop.portal.ScreenCast";
constexpr uint64_t kPollInterval_us = 100'000;
// Cursor modes (AvailableCursorModes bits).
constexpr uint32_t kCursorHidden = 1;
constexpr uint32_t kCursorEmbedded = 2;
// Ask the portal to remember the choice until the user revokes it.
constexpr uint32_t kPersistUntilRevoked = 2;

std::string errno_text(int negative_errno) {
    return std::strerror(-negative_errno);
}

bool is_missing_service(const sd_bus_error& e) {
    return sd_bus_error_has_name(&e, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
           sd_bus_error_has_name(&e, SD_BUS_ERROR_NAME_HAS_NO_OWNER);
}

/// Skips one dictionary value ("v") the caller does not want.
int skip_variant(sd_bus_message* m) {
    return sd_bus_message_skip(m, "v");
}

}  // namespace

/// One Response signal: its code and the results this class reads.
struct ScreenCastPortal::Response {
    bool received = false;
    uint32_t code = 0;
    std::string session_handle;
    std::string restore_token;
    std::optional<uint32_t> node_id;
    int width = 0;
    int height = 0;
};

namespace {

// streams: a(ua{sv}); the first stream is the one captured (multiple = false).
int read_streams(sd_bus_message* m, int& width, int& height, std::optional<uint32_t>& node) {
    int r = sd_bus_message_enter_container(m, 'v', "a(ua{sv})");
    if (r < 0)
        return r;
    if ((r = sd_bus_message_enter_container(m, 'a', "(ua{sv})")) < 0)
        return r;
    while ((r = sd_bus_message_enter_container(m, 'r', "ua{sv}")) > 0) {
        uint32_t id = 0;
        if ((r = sd_bus_message_read(m, "u", &id)) < 0)
            return r;
        if (!node)
            node = id;
        if ((r = sd_bus_message_enter_container(m, 'a', "{sv}")) < 0)
            return r;
        while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
            const char* key = nullptr;
            if ((r = sd_bus_message_read(m, "s", &key)) < 0)
                return r;
            if (std::strcmp(key, "size") == 0 && node == id) {
                int32_t w = 0, h = 0;
                if ((r = sd_bus_message_read(m, "v", "(ii)", &w, &h)) < 0)
                    return r;
                width = w;
                height = h;
            } else if ((r = skip_variant(m)) < 0) {
                return r;
            }
            if ((r = sd_bus_message_exit_container(m)) < 0)
                return r;
        }
        if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)  // a{sv}
            return r;
        if ((r = sd_bus_message_exit_container(m)) < 0)  // (ua{sv})
            return r;
    }
    if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)  // array
        return r;
    return sd_bus_message_exit_container(m);  // variant
}

int on_response(sd_bus_message* m, void* userdata, sd_bus_error* /*error*/) {
    auto& response = *static_cast<ScreenCastPortal::Response*>(userdata);
    response.received = true;
    int r = sd_bus_message_read(m, "u", &response.code);
    if (r < 0 || (r = sd_bus_message_enter_container(m, 'a', "{sv}")) < 0)
        return 0;  // an unreadable answer counts as a failure: code stays as read (or 0)
    while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
        const char* key = nullptr;
        if (sd_bus_message_read(m, "s", &key) < 0)
            return 0;
        const char* text = nullptr;
        if (std::strcmp(key, "session_handle") == 0) {
            // Portals before 1.13 send an object path, later ones a string.
            if (sd_bus_message_read(m, "v", "s", &text) < 0 &&
                sd_bus_message_read(m, "v", "o", &text) < 0)
                return 0;
            response.session_handle = text;
        } else if (std::strcmp(key, "restore_token") == 0) {
            if (sd_bus_message_read(m, "v", "s", &text) < 0)
                return 0;
            response.restore_token = text;
        } else if (std::strcmp(key, "streams") == 0) {
            if (read_streams(m, response.width, response.height, response.node_id) < 0)
                return 0;
        } else if (skip_variant(m) < 0) {
            return 0;
        }
        if (sd_bus_message_exit_container(m) < 0)
            return 0;
    }
    return 0;
}

int on_session_closed(sd_bus_message* /*m*/, void* userdata, sd_bus_error* /*error*/) {
    *static_cast<bool*>(userdata) = true;
    return 0;
}

}  // namespace

std::unique_ptr<ScreenCastPortal> ScreenCastPortal::connect(const std::string& bus_address,
                                                            std::string& error) {
    if (bus_address.empty()) {
        error =
            "no desktop portal on this session (not Wayland?): there is no session bus "
            "(DBUS_SESSION_BUS_ADDRESS is not set, and there is no $XDG_RUNTIME_DIR/bus)";
        return nullptr;
    }
    sd_bus* bus = nullptr;
    int r = sd_bus_new(&bus);
    if (r >= 0)
        r = sd_bus_set_address(bus, bus_address.c_str());
    if (r >= 0)
        r = sd_bus_set_bus_client(bus, 1);
    if (r >= 0)
        r = sd_bus_start(bus);
    if (r < 0) {
        sd_bus_unref(bus);
        error = fmt::format(
            "no desktop portal on this session (not Wayland?): cannot connect to the session "
            "bus: {}",
            errno_text(r));
        return nullptr;
    }
    return std::unique_ptr<ScreenCastPortal>(new ScreenCastPortal(bus));
}

ScreenCastPortal::~ScreenCastPortal() {
    if (!session_handle_.empty() && !session_closed_) {
        // Tells the portal (and through it the compositor) to stop the cast now rather than
        // when it notices the connection is gone.
        sd_bus_call_method(bus_, kPortalService, session_handle_.c_str(),
                           "org.freedesktop.portal.Session", "Close", nullptr, nullptr, "");
    }
    sd_bus_slot_unref(closed_slot_);
    sd_bus_flush_close_unref(bus_);
}

std::string ScreenCastPortal::next_token() {
    return fmt::format("livemachine{}_{}", getpid(), ++token_counter_);
}

std::optional<uint32_t> ScreenCastPortal::property(const char* name, PortalFailure& failure,
                                                   std::string& error) {
    sd_bus_error e = SD_BUS_ERROR_NULL;
    uint32_t value = 0;
    const int r = sd_bus_get_property_trivial(bus_, kPortalService, kPortalPath, kScreenCast, name,
                                              &e, 'u', &value);
    if (r < 0) {
        if (is_missing_service(e)) {
            failure = PortalFailure::no_portal;
            error =
                "no desktop portal on this session (not Wayland?): nothing answers on "
                "org.freedesktop.portal.Desktop";
        } else {
            failure = PortalFailure::refused;
            error = fmt::format(
                "the desktop portal on this session offers no screen capture (ScreenCast): {}",
                e.message ? e.message : errno_text(r));
        }
        sd_bus_error_free(&e);
        return std::nullopt;
    }
    return value;
}

bool ScreenCastPortal::request(const char* method,
                               const std::function<int(sd_bus_message*)>& append_arguments,
                               const std::function<bool()>& should_stop, Response& response,
                               PortalFailure& failure, std::string& error) {
    // The Response comes on a path made of our unique name and a token of ours; listening
    // before the call means it cannot slip past.
    const char* unique = nullptr;
    sd_bus_get_unique_name(bus_, &unique);
    std::string sender = unique ? unique + 1 : "";
    for (char& c : sender)
        if (c == '.')
            c = '_';
    const std::string token = next_token();
    const std::string request_path =
        fmt::format("/org/freedesktop/portal/desktop/request/{}/{}", sender, token);
    sd_bus_slot* slot = nullptr;
    int r =
        sd_bus_match_signal(bus_, &slot, nullptr, request_path.c_str(),
                            "org.freedesktop.portal.Request", "Response", on_response, &response);
    if (r < 0) {
        failure = PortalFailure::refused;
        error = fmt::format("screen capture: cannot listen on the session bus: {}", errno_text(r));
        return false;
    }
    std::unique_ptr<sd_bus_slot, decltype(&sd_bus_slot_unref)> slot_owner(slot, sd_bus_slot_unref);

    sd_bus_message* call = nullptr;
    r = sd_bus_message_new_method_call(bus_, &call, kPortalService, kPortalPath, kScreenCast,
                                       method);
    std::unique_ptr<sd_bus_message, decltype(&sd_bus_message_unref)> call_owner(
        call, sd_bus_message_unref);
    if (r >= 0)
        r = append_arguments(call);
    // append_arguments left the options dictionary open: every request's token goes last.
    if (r >= 0)
        r = sd_bus_message_append(call, "{sv}", "handle_token", "s", token.c_str());
    if (r >= 0)
        r = sd_bus_message_close_container(call);
    if (r < 0) {
        failure = PortalFailure::refused;
        error = fmt::format("screen capture: cannot build the {} call: {}", method, errno_text(r));
        return false;
    }
    sd_bus_error e = SD_BUS_ERROR_NULL;
    sd_bus_message* reply = nullptr;
    r = sd_bus_call(bus_, call, 0, &e, &reply);
    sd_bus_message_unref(reply);
    if (r < 0) {
        failure = is_missing_service(e) ? PortalFailure::no_portal : PortalFailure::refused;
        error = failure == PortalFailure::no_portal
                    ? std::string("no desktop portal on this session (not Wayland?)")
                    : fmt::format("the desktop portal refused {}: {}", method,
                                  e.message ? e.message : errno_text(r));
        sd_bus_error_free(&e);
        return false;
    }

    while (!response.received) {
        if (should_stop()) {
            failure = PortalFailure::stopped;
            return false;
        }
        r = sd_bus_process(bus_, nullptr);
        if (r == 0)
            r = sd_bus_wait(bus_, kPollInterval_us);
        if (r < 0) {
            failure = PortalFailure::refused;
            error = fmt::format("screen capture: lost the session bus while waiting for {}: {}",
                                method, errno_text(r));
            return false;
        }
    }
    if (response.code == 1) {
        failure = PortalFailure::cancelled;
        error = "the user cancelled the screen selection";
        return false;
    }
    if (response.code != 0) {
        failure = PortalFailure::refused;
        error = fmt::format(
            "the desktop portal could not {} the screen cast (response {}); see the portal's "
            "log",
            std::strcmp(method, "Start") == 0 ? "start" : "set up", response.code);
        return false;
    }
    return true;
}

std::optional<ScreenCastGrant> ScreenCastPortal::start(const ScreenCastRequest& request,
                                                       const std::function<bool()>& should_stop,
                                                       PortalFailure& failure, std::string& error) {
    failure = PortalFailure::none;
    const auto source_types = property("AvailableSourceTypes", failure, error);
    if (!source_types)
        return std::nullopt;
    const auto kind = static_cast<uint32_t>(request.kind);
    if ((*source_types & kind) == 0) {
        failure = PortalFailure::refused;
        error = request.kind == PortalCaptureKind::window
                    ? "this desktop's portal offers no window capture; choose 'screen'"
                    : "this desktop's portal offers no screen capture; choose 'window'";
        return std::nullopt;
    }
    const auto cursor_modes = property("AvailableCursorModes", failure, error);
    if (!cursor_modes)
        return std::nullopt;
    const uint32_t wanted_cursor = request.show_cursor ? kCursorEmbedded : kCursorHidden;

    Response created;
    const std::string session_token = next_token();
    if (!this->request(
            "CreateSession",
            [&](sd_bus_message* m) {
                int r = sd_bus_message_open_container(m, 'a', "{sv}");
                if (r >= 0)
                    r = sd_bus_message_append(m, "{sv}", "session_handle_token", "s",
                                              session_token.c_str());
                return r;
            },
            should_stop, created, failure, error)) {
        return std::nullopt;
    }
    session_handle_ = created.session_handle;
    sd_bus_match_signal(bus_, &closed_slot_, nullptr, session_handle_.c_str(),
                        "org.freedesktop.portal.Session", "Closed", on_session_closed,
                        &session_closed_);

    Response selected;
    if (!this->request(
            "SelectSources",
            [&](sd_bus_message* m) {
                int r = sd_bus_message_append(m, "o", session_handle_.c_str());
                if (r >= 0)
                    r = sd_bus_message_open_container(m, 'a', "{sv}");
                if (r >= 0)
                    r = sd_bus_message_append(m, "{sv}{sv}{sv}", "types", "u", kind, "multiple",
                                              "b", 0, "persist_mode", "u", kPersistUntilRevoked);
                // A mode the portal does not offer would make it refuse the whole request.
                if (r >= 0 && (*cursor_modes & wanted_cursor) != 0)
                    r = sd_bus_message_append(m, "{sv}", "cursor_mode", "u", wanted_cursor);
                if (r >= 0 && !request.restore_token.empty())
                    r = sd_bus_message_append(m, "{sv}", "restore_token", "s",
                                              request.restore_token.c_str());
                return r;
            },
            should_stop, selected, failure, error)) {
        return std::nullopt;
    }

    Response started;
    if (!this->request(
            "Start",
            [&](sd_bus_message* m) {
                int r = sd_bus_message_append(m, "os", session_handle_.c_str(), "");
                if (r >= 0)
                    r = sd_bus_message_open_container(m, 'a', "{sv}");
                return r;
            },
            should_stop, started, failure, error)) {
        return std::nullopt;
    }
    if (!started.node_id) {
        failure = PortalFailure::refused;
        error = "the desktop portal started the screen cast but named no stream";
        return std::nullopt;
    }

    sd_bus_error e = SD_BUS_ERROR_NULL;
    sd_bus_message* reply = nullptr;
    int r = sd_bus_call_method(bus_, kPortalService, kPortalPath, kScreenCast, "OpenPipeWireRemote",
                               &e, &reply, "oa{sv}", session_handle_.c_str(), 0);
    int fd = -1;
    if (r >= 0)
        r = sd_bus_message_read(reply, "h", &fd);
    // The descriptor belongs to the message; the stream needs its own.
    const int owned_fd = r >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : -1;
    sd_bus_message_unref(reply);
    if (owned_fd < 0) {
        failure = PortalFailure::refused;
        error = fmt::format("the desktop portal gave no PipeWire connection: {}",
                            e.message ? e.message : errno_text(r < 0 ? r : -errno));
        sd_bus_error_free(&e);
        return std::nullopt;
    }
    return ScreenCastGrant{owned_fd, *started.node_id, started.width, started.height,
                           started.restore_token};
}

bool ScreenCastPortal::session_alive() {
    while (sd_bus_process(bus_, nullptr) > 0) {
    }
    return !session_closed_;
}

}  // namespace lm
