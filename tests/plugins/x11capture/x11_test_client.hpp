// What the capture tests paint on their X server, through a connection of their own: the
// root's colour, plain windows with a title and a colour (painted by the server itself, so
// they stay right when uncovered), coloured quadrants, a solid cursor and the pointer.
#pragma once

#include <xcb/xcb.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

namespace lm::test {

class X11TestClient {
public:
    explicit X11TestClient(const std::string& display) {
        connection_ = xcb_connect(display.c_str(), &screen_number_);
        REQUIRE(xcb_connection_has_error(connection_) == 0);
    }
    ~X11TestClient() { xcb_disconnect(connection_); }
    X11TestClient(const X11TestClient&) = delete;
    X11TestClient& operator=(const X11TestClient&) = delete;

    xcb_connection_t* get() const { return connection_; }

    xcb_screen_t* screen(int index = 0) const {
        xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(connection_));
        for (int i = 0; i < index; ++i)
            xcb_screen_next(&it);
        return it.data;
    }

    /// Waits until the server has handled everything sent so far.
    void sync() {
        std::free(
            xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr));
    }

    /// Paints the whole root window of `screen_index` in `rgb` (0xRRGGBB), like xsetroot.
    void set_root_colour(uint32_t rgb, int screen_index = 0) {
        const xcb_window_t root = screen(screen_index)->root;
        xcb_change_window_attributes(connection_, root, XCB_CW_BACK_PIXEL, &rgb);
        xcb_clear_area(connection_, 0, root, 0, 0, 0, 0);
        sync();
    }

    /// Repaints `window` (and what the server paints for it from now on) in `rgb`.
    void set_colour(xcb_window_t window, uint32_t rgb) {
        xcb_change_window_attributes(connection_, window, XCB_CW_BACK_PIXEL, &rgb);
        xcb_clear_area(connection_, 0, window, 0, 0, 0, 0);
        sync();
    }

    /// A mapped window filled with `rgb`, titled `title` (WM_NAME, as XStoreName sets it).
    xcb_window_t create_window(int x, int y, int width, int height, uint32_t rgb,
                               const std::string& title = "", xcb_window_t parent = 0) {
        if (parent == 0)
            parent = screen()->root;
        const xcb_window_t window = xcb_generate_id(connection_);
        const uint32_t values[] = {rgb};
        xcb_create_window(connection_, XCB_COPY_FROM_PARENT, window, parent, int16_t(x), int16_t(y),
                          uint16_t(width), uint16_t(height), 0, XCB_WINDOW_CLASS_INPUT_OUTPUT,
                          screen()->root_visual, XCB_CW_BACK_PIXEL, values);
        if (!title.empty())
            set_title(window, title);
        xcb_map_window(connection_, window);
        sync();
        return window;
    }

    /// Splits `window` (width x height) into four child windows: top-left, top-right,
    /// bottom-left, bottom-right.
    void add_quadrants(xcb_window_t window, int width, int height, const uint32_t rgb[4]) {
        const int w = width / 2;
        const int h = height / 2;
        create_window(0, 0, w, h, rgb[0], "", window);
        create_window(w, 0, width - w, h, rgb[1], "", window);
        create_window(0, h, w, height - h, rgb[2], "", window);
        create_window(w, h, width - w, height - h, rgb[3], "", window);
    }

    void set_title(xcb_window_t window, const std::string& title) {
        xcb_change_property(connection_, XCB_PROP_MODE_REPLACE, window, XCB_ATOM_WM_NAME,
                            XCB_ATOM_STRING, 8, uint32_t(title.size()), title.data());
        sync();
    }

    void resize(xcb_window_t window, int width, int height) {
        const uint32_t values[] = {uint32_t(width), uint32_t(height)};
        xcb_configure_window(connection_, window,
                             XCB_CONFIG_WINDOW_WIDTH | XCB_CONFIG_WINDOW_HEIGHT, values);
        sync();
    }

    void unmap(xcb_window_t window) {
        xcb_unmap_window(connection_, window);
        sync();
    }

    void map(xcb_window_t window) {
        xcb_map_window(connection_, window);
        sync();
    }

    void destroy(xcb_window_t window) {
        xcb_destroy_window(connection_, window);
        sync();
    }

    /// Gives the root (and so every window without its own) a `size` x `size` cursor of solid
    /// `rgb` with its hot spot at the top-left corner.
    void set_solid_cursor(uint32_t rgb, int size) {
        const xcb_window_t root = screen()->root;
        const xcb_pixmap_t bits = xcb_generate_id(connection_);
        xcb_create_pixmap(connection_, 1, bits, root, uint16_t(size), uint16_t(size));
        const xcb_gcontext_t gc = xcb_generate_id(connection_);
        const uint32_t ones[] = {1};
        xcb_create_gc(connection_, gc, bits, XCB_GC_FOREGROUND, ones);
        const xcb_rectangle_t all{0, 0, uint16_t(size), uint16_t(size)};
        xcb_poly_fill_rectangle(connection_, bits, gc, 1, &all);
        const xcb_cursor_t cursor = xcb_generate_id(connection_);
        auto channel16 = [](uint32_t value) { return uint16_t(value * 257); };
        xcb_create_cursor(connection_, cursor, bits, bits, channel16((rgb >> 16) & 0xFF),
                          channel16((rgb >> 8) & 0xFF), channel16(rgb & 0xFF), 0, 0, 0, 0, 0);
        xcb_change_window_attributes(connection_, root, XCB_CW_CURSOR, &cursor);
        xcb_free_gc(connection_, gc);
        xcb_free_pixmap(connection_, bits);
        sync();
    }

    void move_pointer(int x, int y) {
        xcb_warp_pointer(connection_, XCB_NONE, screen()->root, 0, 0, 0, 0, int16_t(x), int16_t(y));
        sync();
    }

private:
    xcb_connection_t* connection_ = nullptr;
    int screen_number_ = 0;
};

}  // namespace lm::test
