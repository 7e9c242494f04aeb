#include "plugins/x11capture/window_finder.hpp"

#include <cstring>

#include "plugins/x11capture/xcb_reply.hpp"

namespace lm {
namespace {

// Longest title read, in 32-bit units (4 KiB): enough for any window title.
constexpr uint32_t kMaxTitleLongs = 1024;
// Most windows a client list is read for.
constexpr uint32_t kMaxClients = 65536;

}  // namespace

WindowFinder::WindowFinder(X11Connection& connection) : connection_(connection) {
    xcb_connection_t* c = connection_.get();
    const char* names[] = {"_NET_CLIENT_LIST", "_NET_WM_NAME", "UTF8_STRING"};
    xcb_intern_atom_cookie_t cookies[3];
    for (int i = 0; i < 3; ++i)
        cookies[i] = xcb_intern_atom(c, 0, uint16_t(std::strlen(names[i])), names[i]);
    xcb_atom_t* atoms[] = {&net_client_list_, &net_wm_name_, &utf8_string_};
    for (int i = 0; i < 3; ++i) {
        auto reply = xcb_owned(xcb_intern_atom_reply(c, cookies[i], nullptr));
        if (reply)
            *atoms[i] = reply->atom;
    }
}

std::vector<xcb_window_t> WindowFinder::client_list(xcb_window_t root) {
    xcb_connection_t* c = connection_.get();
    auto reply = xcb_owned(xcb_get_property_reply(
        c, xcb_get_property(c, 0, root, net_client_list_, XCB_ATOM_WINDOW, 0, kMaxClients),
        nullptr));
    if (!reply || reply->type != XCB_ATOM_WINDOW || reply->format != 32)
        return {};
    const auto* windows = static_cast<const xcb_window_t*>(xcb_get_property_value(reply.get()));
    const int count = xcb_get_property_value_length(reply.get()) / 4;
    return {windows, windows + count};
}

std::vector<xcb_window_t> WindowFinder::children(const std::vector<xcb_window_t>& parents) {
    xcb_connection_t* c = connection_.get();
    std::vector<xcb_query_tree_cookie_t> cookies;
    for (xcb_window_t parent : parents)
        cookies.push_back(xcb_query_tree(c, parent));
    std::vector<xcb_window_t> result;
    for (auto cookie : cookies) {
        auto reply = xcb_owned(xcb_query_tree_reply(c, cookie, nullptr));
        if (!reply)
            continue;  // the parent closed meanwhile
        const xcb_window_t* kids = xcb_query_tree_children(reply.get());
        result.insert(result.end(), kids, kids + xcb_query_tree_children_length(reply.get()));
    }
    return result;
}

std::vector<std::string> WindowFinder::titles(const std::vector<xcb_window_t>& windows) {
    xcb_connection_t* c = connection_.get();
    std::vector<xcb_get_property_cookie_t> net_names;
    std::vector<xcb_get_property_cookie_t> names;
    for (xcb_window_t window : windows) {
        net_names.push_back(
            xcb_get_property(c, 0, window, net_wm_name_, utf8_string_, 0, kMaxTitleLongs));
        names.push_back(xcb_get_property(c, 0, window, XCB_ATOM_WM_NAME, XCB_GET_PROPERTY_TYPE_ANY,
                                         0, kMaxTitleLongs));
    }
    auto text_of = [c](xcb_get_property_cookie_t cookie) {
        auto reply = xcb_owned(xcb_get_property_reply(c, cookie, nullptr));
        if (!reply || reply->format != 8)
            return std::string();
        return std::string(static_cast<const char*>(xcb_get_property_value(reply.get())),
                           size_t(xcb_get_property_value_length(reply.get())));
    };
    std::vector<std::string> result;
    for (size_t i = 0; i < windows.size(); ++i) {
        // Both replies are read so none is left queued; the EWMH (UTF-8) title wins.
        std::string net_name = text_of(net_names[i]);
        std::string name = text_of(names[i]);
        result.push_back(net_name.empty() ? std::move(name) : std::move(net_name));
    }
    return result;
}

xcb_window_t WindowFinder::find(xcb_window_t root, const std::string& title) {
    std::vector<xcb_window_t> windows = client_list(root);
    std::vector<std::string> names;
    if (!windows.empty()) {
        names = titles(windows);
    } else {
        windows = children({root});
        names = titles(windows);
        std::vector<xcb_window_t> untitled;
        for (size_t i = 0; i < windows.size(); ++i) {
            if (names[i].empty())
                untitled.push_back(windows[i]);
        }
        const std::vector<xcb_window_t> inner = children(untitled);
        const std::vector<std::string> inner_names = titles(inner);
        windows.insert(windows.end(), inner.begin(), inner.end());
        names.insert(names.end(), inner_names.begin(), inner_names.end());
    }
    // Later windows are higher in the stacking order (or opened later): search from the end.
    for (size_t i = windows.size(); i-- > 0;) {
        if (names[i] == title)
            return windows[i];
    }
    for (size_t i = windows.size(); i-- > 0;) {
        if (names[i].find(title) != std::string::npos)
            return windows[i];
    }
    return XCB_WINDOW_NONE;
}

}  // namespace lm
