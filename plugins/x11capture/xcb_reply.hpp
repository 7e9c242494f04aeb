// Ownership of xcb replies, which the caller must free() (xcb allocates them with malloc).
#pragma once

#include <cstdlib>
#include <memory>

namespace lm {

struct XcbFree {
    void operator()(void* reply) const { std::free(reply); }
};

template <typename T>
using XcbReply = std::unique_ptr<T, XcbFree>;

/// Takes ownership of a reply (or of an error from a checked request); null stays null.
template <typename T>
XcbReply<T> xcb_owned(T* reply) {
    return XcbReply<T>(reply);
}

}  // namespace lm
