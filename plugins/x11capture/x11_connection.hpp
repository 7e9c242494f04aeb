// X11Connection: one xcb connection to an X server, with the extensions capture uses looked up
// and their versions agreed. Each capture thread opens its own and uses it alone.
#pragma once

#include <xcb/xcb.h>

#include <memory>
#include <string>

namespace lm {

class X11Connection {
public:
    /// Connects to `display_name` (":0", ":1.0", "host:0"). Returns null when the server
    /// cannot be reached. May wait on the network for a remote display.
    static std::unique_ptr<X11Connection> open(const std::string& display_name);
    ~X11Connection();
    X11Connection(const X11Connection&) = delete;
    X11Connection& operator=(const X11Connection&) = delete;

    xcb_connection_t* get() const { return connection_; }
    /// True once the connection failed (the server went away); it never recovers.
    bool broken() const { return xcb_connection_has_error(connection_) != 0; }

    /// The screen the display name picked (":0.1" is screen 1).
    int default_screen() const { return default_screen_; }
    int screen_count() const;
    /// Screen `index`, or null when the server has fewer screens.
    const xcb_screen_t* screen(int index) const;

    /// Whether pixels of `depth` arrive as 32-bit little-endian words (B, G, R, X in memory),
    /// the only layout the grabber converts. True for 24- and 32-bit visuals on PCs.
    bool is_bgrx_depth(int depth) const;

    bool has_shm() const { return has_shm_; }
    bool has_xfixes() const { return has_xfixes_; }
    /// Composite 0.2 or later (NameWindowPixmap).
    bool has_composite() const { return has_composite_; }
    /// DAMAGE 1.1 or later: the server tells when what a window shows changes.
    bool has_damage() const { return has_damage_; }
    /// The code of DAMAGE's DamageNotify event on this connection (valid with has_damage()).
    uint8_t damage_notify_event() const { return damage_notify_event_; }

    /// Drops queued events and the errors of unchecked requests, like discard_events(), and
    /// says whether a DamageNotify was among them.
    bool take_damage_events();

    /// Drops queued events and the errors of unchecked requests, which capture never reads.
    void discard_events();

private:
    X11Connection(xcb_connection_t* connection, int default_screen);
    void query_extensions();

    xcb_connection_t* connection_;
    int default_screen_;
    bool has_shm_ = false;
    bool has_xfixes_ = false;
    bool has_composite_ = false;
    bool has_damage_ = false;
    uint8_t damage_notify_event_ = 0;
};

}  // namespace lm
