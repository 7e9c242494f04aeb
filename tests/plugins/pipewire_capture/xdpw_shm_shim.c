/* LD_PRELOAD shim for xdg-desktop-portal-wlr 0.7 (test only). xdpw refuses to start a cast
 * unless the compositor offers a DMA-BUF format for screencopy (upstream xdpw#289), which a
 * pixman-rendered compositor without /dev/dri never does. The shim announces the SHM format
 * as a linux_dmabuf format too; without a GBM device xdpw then negotiates SHM buffers. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

struct wl_proxy;
const char* wl_proxy_get_class(struct wl_proxy* proxy);

/* zwlr_screencopy_frame_v1 events, in protocol order (version 3). */
struct frame_listener {
    void (*buffer)(void*, struct wl_proxy*, uint32_t format, uint32_t w, uint32_t h,
                   uint32_t stride);
    void (*flags)(void*, struct wl_proxy*, uint32_t);
    void (*ready)(void*, struct wl_proxy*, uint32_t, uint32_t, uint32_t);
    void (*failed)(void*, struct wl_proxy*);
    void (*damage)(void*, struct wl_proxy*, uint32_t, uint32_t, uint32_t, uint32_t);
    void (*linux_dmabuf)(void*, struct wl_proxy*, uint32_t format, uint32_t w, uint32_t h);
    void (*buffer_done)(void*, struct wl_proxy*);
};

enum { MAX_FRAMES = 64 };
static struct {
    struct wl_proxy* frame;
    const struct frame_listener* original;
    uint32_t drm_format, width, height;
    int dmabuf_seen;
} frames[MAX_FRAMES];

static int slot_of(struct wl_proxy* frame) {
    for (int i = 0; i < MAX_FRAMES; ++i)
        if (frames[i].frame == frame)
            return i;
    return -1;
}

static void on_buffer(void* data, struct wl_proxy* frame, uint32_t format, uint32_t w, uint32_t h,
                      uint32_t stride) {
    int i = slot_of(frame);
    /* wl_shm uses 0/1 for ARGB8888/XRGB8888 and DRM fourccs for the rest. */
    frames[i].drm_format = format == 0 ? 0x34325241u : format == 1 ? 0x34325258u : format;
    frames[i].width = w;
    frames[i].height = h;
    frames[i].original->buffer(data, frame, format, w, h, stride);
}
static void on_flags(void* d, struct wl_proxy* f, uint32_t a) {
    frames[slot_of(f)].original->flags(d, f, a);
}
static void on_ready(void* d, struct wl_proxy* f, uint32_t a, uint32_t b, uint32_t c) {
    frames[slot_of(f)].original->ready(d, f, a, b, c);
}
static void on_failed(void* d, struct wl_proxy* f) {
    frames[slot_of(f)].original->failed(d, f);
}
static void on_damage(void* d, struct wl_proxy* f, uint32_t a, uint32_t b, uint32_t c, uint32_t e) {
    frames[slot_of(f)].original->damage(d, f, a, b, c, e);
}
static void on_linux_dmabuf(void* d, struct wl_proxy* f, uint32_t a, uint32_t b, uint32_t c) {
    frames[slot_of(f)].dmabuf_seen = 1;
    frames[slot_of(f)].original->linux_dmabuf(d, f, a, b, c);
}
static void on_buffer_done(void* d, struct wl_proxy* f) {
    int i = slot_of(f);
    if (!frames[i].dmabuf_seen && frames[i].original->linux_dmabuf)
        frames[i].original->linux_dmabuf(d, f, frames[i].drm_format, frames[i].width,
                                         frames[i].height);
    frames[i].original->buffer_done(d, f);
}
static const struct frame_listener wrapping_listener = {
    on_buffer, on_flags, on_ready, on_failed, on_damage, on_linux_dmabuf, on_buffer_done};

int wl_proxy_add_listener(struct wl_proxy* proxy, void (**implementation)(void), void* data) {
    int (*next)(struct wl_proxy*, void (**)(void), void*) = (int (*)(
        struct wl_proxy*, void (**)(void), void*))dlsym(RTLD_NEXT, "wl_proxy_add_listener");
    if (strcmp(wl_proxy_get_class(proxy), "zwlr_screencopy_frame_v1") == 0) {
        /* Frames are short-lived: a destroyed frame's address comes back for a new one. */
        int i = slot_of(proxy);
        for (int j = 0; i < 0 && j < MAX_FRAMES; ++j)
            if (frames[j].frame == NULL)
                i = j;
        if (i < 0)
            i = (int)(((uintptr_t)proxy >> 4) % MAX_FRAMES);
        memset(&frames[i], 0, sizeof frames[i]);
        frames[i].frame = proxy;
        frames[i].original = (const struct frame_listener*)implementation;
        return next(proxy, (void (**)(void)) & wrapping_listener, data);
    }
    return next(proxy, implementation, data);
}
