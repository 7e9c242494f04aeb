// WindowFinder: finds a top-level window by its title. With a window manager that follows
// EWMH (nearly all), the candidates are its _NET_CLIENT_LIST; without one, the children of
// the root, and for an untitled child (a reparenting manager's frame) its own children.
#pragma once

#include <xcb/xcb.h>

#include <string>
#include <vector>

#include "plugins/x11capture/x11_connection.hpp"

namespace lm {

class WindowFinder {
public:
    /// `connection` must outlive the finder. Looks up the atoms it needs (one round trip).
    explicit WindowFinder(X11Connection& connection);

    /// The window under `root` titled exactly `title`, else one whose title contains it
    /// (the topmost of several); XCB_WINDOW_NONE when there is none.
    xcb_window_t find(xcb_window_t root, const std::string& title);

private:
    std::vector<xcb_window_t> client_list(xcb_window_t root);
    std::vector<xcb_window_t> children(const std::vector<xcb_window_t>& parents);
    /// Titles of `windows` (_NET_WM_NAME, else WM_NAME), asked all at once; "" when a window
    /// has none or is gone.
    std::vector<std::string> titles(const std::vector<xcb_window_t>& windows);

    X11Connection& connection_;
    xcb_atom_t net_client_list_ = XCB_ATOM_NONE;
    xcb_atom_t net_wm_name_ = XCB_ATOM_NONE;
    xcb_atom_t utf8_string_ = XCB_ATOM_NONE;
};

}  // namespace lm
