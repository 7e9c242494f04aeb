#include "plugins/x11capture/x11_connection.hpp"

#include <xcb/composite.h>
#include <xcb/damage.h>
#include <xcb/shm.h>
#include <xcb/xfixes.h>

#include <cstdlib>

#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {

std::unique_ptr<X11Connection> X11Connection::open(const std::string& display_name) {
    int default_screen = 0;
    xcb_connection_t* connection = xcb_connect(display_name.c_str(), &default_screen);
    if (xcb_connection_has_error(connection)) {
        xcb_disconnect(connection);  // xcb_connect always returns an object to free
        return nullptr;
    }
    auto result = std::unique_ptr<X11Connection>(new X11Connection(connection, default_screen));
    result->query_extensions();
    return result;
}

X11Connection::X11Connection(xcb_connection_t* connection, int default_screen)
    : connection_(connection), default_screen_(default_screen) {}

X11Connection::~X11Connection() {
    xcb_disconnect(connection_);
}

void X11Connection::query_extensions() {
    // Ask for all of them at once: one round trip instead of four.
    xcb_prefetch_extension_data(connection_, &xcb_shm_id);
    xcb_prefetch_extension_data(connection_, &xcb_xfixes_id);
    xcb_prefetch_extension_data(connection_, &xcb_composite_id);
    xcb_prefetch_extension_data(connection_, &xcb_damage_id);
    auto present = [this](xcb_extension_t* id) {
        const xcb_query_extension_reply_t* data = xcb_get_extension_data(connection_, id);
        return data != nullptr && data->present != 0;
    };
    const bool shm = present(&xcb_shm_id);
    const bool xfixes = present(&xcb_xfixes_id);
    const bool composite = present(&xcb_composite_id);
    const bool damage = present(&xcb_damage_id);

    // XFixes and Composite refuse requests until the client has said which version it speaks.
    xcb_shm_query_version_cookie_t shm_cookie{};
    xcb_xfixes_query_version_cookie_t xfixes_cookie{};
    xcb_composite_query_version_cookie_t composite_cookie{};
    xcb_damage_query_version_cookie_t damage_cookie{};
    if (shm)
        shm_cookie = xcb_shm_query_version(connection_);
    if (xfixes)
        xfixes_cookie = xcb_xfixes_query_version(connection_, 4, 0);
    if (composite)
        composite_cookie = xcb_composite_query_version(connection_, 0, 4);
    if (damage)
        damage_cookie = xcb_damage_query_version(connection_, 1, 1);
    if (shm) {
        auto reply = xcb_owned(xcb_shm_query_version_reply(connection_, shm_cookie, nullptr));
        has_shm_ = reply != nullptr;
    }
    if (xfixes) {
        auto reply = xcb_owned(xcb_xfixes_query_version_reply(connection_, xfixes_cookie, nullptr));
        has_xfixes_ = reply != nullptr && reply->major_version >= 2;  // cursor images: 2.0
    }
    if (composite) {
        auto reply =
            xcb_owned(xcb_composite_query_version_reply(connection_, composite_cookie, nullptr));
        has_composite_ =
            reply != nullptr && (reply->major_version > 0 || reply->minor_version >= 2);
    }
    if (damage) {
        auto reply = xcb_owned(xcb_damage_query_version_reply(connection_, damage_cookie, nullptr));
        has_damage_ =
            reply != nullptr &&
            (reply->major_version > 1 || (reply->major_version == 1 && reply->minor_version >= 1));
        damage_notify_event_ = static_cast<uint8_t>(
            xcb_get_extension_data(connection_, &xcb_damage_id)->first_event + XCB_DAMAGE_NOTIFY);
    }
}

int X11Connection::screen_count() const {
    return xcb_setup_roots_length(xcb_get_setup(connection_));
}

const xcb_screen_t* X11Connection::screen(int index) const {
    if (index < 0)
        return nullptr;
    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(connection_));
    for (int i = 0; it.rem > 0; ++i, xcb_screen_next(&it)) {
        if (i == index)
            return it.data;
    }
    return nullptr;
}

bool X11Connection::is_bgrx_depth(int depth) const {
    const xcb_setup_t* setup = xcb_get_setup(connection_);
    if (setup->image_byte_order != XCB_IMAGE_ORDER_LSB_FIRST)
        return false;
    xcb_format_iterator_t it = xcb_setup_pixmap_formats_iterator(setup);
    for (; it.rem > 0; xcb_format_next(&it)) {
        if (it.data->depth == depth)
            return (depth == 24 || depth == 32) && it.data->bits_per_pixel == 32;
    }
    return false;
}

void X11Connection::discard_events() {
    take_damage_events();
}

bool X11Connection::take_damage_events() {
    bool damaged = false;
    while (xcb_generic_event_t* event = xcb_poll_for_event(connection_)) {
        // The top bit marks an event sent by another client (SendEvent).
        if (has_damage_ && (event->response_type & 0x7F) == damage_notify_event_)
            damaged = true;
        std::free(event);
    }
    return damaged;
}

}  // namespace lm
