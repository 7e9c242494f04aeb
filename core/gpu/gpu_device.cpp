#include "core/gpu/gpu_device.hpp"

#include <dlfcn.h>
#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace lm {
namespace {

bool has_extension(const char* list, std::string_view name) {
    if (list == nullptr) {
        return false;
    }
    std::string_view rest(list);
    while (!rest.empty()) {
        const size_t space = rest.find(' ');
        if (rest.substr(0, space) == name) {
            return true;
        }
        if (space == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(space + 1);
    }
    return false;
}

std::string egl_error_name(EGLint error) {
    switch (error) {
        case EGL_SUCCESS:
            return "EGL_SUCCESS";
        case EGL_NOT_INITIALIZED:
            return "EGL_NOT_INITIALIZED";
        case EGL_BAD_ACCESS:
            return "EGL_BAD_ACCESS";
        case EGL_BAD_ALLOC:
            return "EGL_BAD_ALLOC";
        case EGL_BAD_ATTRIBUTE:
            return "EGL_BAD_ATTRIBUTE";
        case EGL_BAD_CONFIG:
            return "EGL_BAD_CONFIG";
        case EGL_BAD_CONTEXT:
            return "EGL_BAD_CONTEXT";
        case EGL_BAD_DISPLAY:
            return "EGL_BAD_DISPLAY";
        case EGL_BAD_MATCH:
            return "EGL_BAD_MATCH";
        case EGL_BAD_PARAMETER:
            return "EGL_BAD_PARAMETER";
        case EGL_BAD_SURFACE:
            return "EGL_BAD_SURFACE";
        case EGL_CONTEXT_LOST:
            return "EGL_CONTEXT_LOST";
        default:
            return fmt::format("EGL error 0x{:x}", error);
    }
}

std::string last_egl_error() {
    return egl_error_name(eglGetError());
}

// One platform display worth trying, with a name for the log and for error messages.
struct Candidate {
    EGLDisplay display = EGL_NO_DISPLAY;
    std::string label;
};

struct Opened {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
};

// Initialises `display` and creates a current OpenGL 3.3 core context on it, or says why not.
std::optional<Opened> open_context(EGLDisplay display, std::string& why) {
    EGLint major = 0;
    EGLint minor = 0;
    if (!eglInitialize(display, &major, &minor)) {
        why = "eglInitialize failed: " + last_egl_error();
        return std::nullopt;
    }
    const char* extensions = eglQueryString(display, EGL_EXTENSIONS);
    if (!has_extension(extensions, "EGL_KHR_surfaceless_context")) {
        why = "no EGL_KHR_surfaceless_context (cannot render without a surface)";
        return std::nullopt;
    }
    if ((major < 1 || (major == 1 && minor < 5)) &&
        !has_extension(extensions, "EGL_KHR_create_context")) {
        why = fmt::format("EGL {}.{} without EGL_KHR_create_context (cannot ask for GL 3.3 core)",
                          major, minor);
        return std::nullopt;
    }
    if (!eglBindAPI(EGL_OPENGL_API)) {
        why = "eglBindAPI(EGL_OPENGL_API) failed (no desktop OpenGL): " + last_egl_error();
        return std::nullopt;
    }

    EGLConfig config = EGL_NO_CONFIG_KHR;
    if (!has_extension(extensions, "EGL_KHR_no_config_context")) {
        // A surface type mask of 0 matches every config: we never create a surface.
        const EGLint config_attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, 0,
                                         EGL_NONE};
        EGLint count = 0;
        if (!eglChooseConfig(display, config_attribs, &config, 1, &count) || count < 1) {
            why = "no EGL config with OpenGL: " + last_egl_error();
            return std::nullopt;
        }
    }

    const EGLint context_attribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                      3,
                                      EGL_CONTEXT_MINOR_VERSION,
                                      3,
                                      EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                      EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                      EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attribs);
    if (context == EGL_NO_CONTEXT) {
        why = "no OpenGL 3.3 core context: " + last_egl_error();
        return std::nullopt;
    }
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
        why = "eglMakeCurrent without a surface failed: " + last_egl_error();
        eglDestroyContext(display, context);
        return std::nullopt;
    }
    if (!epoxy_is_desktop_gl() || epoxy_gl_version() < 33) {
        why =
            fmt::format("context is not desktop OpenGL 3.3 or later (got {})", epoxy_gl_version());
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(display, context);
        return std::nullopt;
    }
    return Opened{display, context};
}

// The EGL device platform's displays, hardware devices first so a desktop GPU wins over
// Mesa's software device when both are listed.
std::vector<Candidate> device_candidates(const char* client_extensions, const EGLint* attribs,
                                         std::vector<std::string>& errors) {
    std::vector<Candidate> result;
    if (!has_extension(client_extensions, "EGL_EXT_device_enumeration") &&
        !has_extension(client_extensions, "EGL_EXT_device_base")) {
        errors.push_back("device platform: no EGL_EXT_device_enumeration");
        return result;
    }
    if (!has_extension(client_extensions, "EGL_EXT_platform_device")) {
        errors.push_back("device platform: no EGL_EXT_platform_device");
        return result;
    }
    EGLint count = 0;
    if (!eglQueryDevicesEXT(0, nullptr, &count) || count <= 0) {
        errors.push_back("device platform: eglQueryDevicesEXT found no device");
        return result;
    }
    std::vector<EGLDeviceEXT> devices(static_cast<size_t>(count));
    eglQueryDevicesEXT(count, devices.data(), &count);
    devices.resize(static_cast<size_t>(count));

    const bool can_query = has_extension(client_extensions, "EGL_EXT_device_query") ||
                           has_extension(client_extensions, "EGL_EXT_device_base");
    std::vector<std::pair<bool, Candidate>> found;  // (is software, candidate)
    for (size_t i = 0; i < devices.size(); ++i) {
        const char* device_extensions =
            can_query ? eglQueryDeviceStringEXT(devices[i], EGL_EXTENSIONS) : nullptr;
        const bool software = has_extension(device_extensions, "EGL_MESA_device_software");
        std::string label = fmt::format("EGL device {}", i);
        if (has_extension(device_extensions, "EGL_EXT_device_drm")) {
            const char* node = eglQueryDeviceStringEXT(devices[i], EGL_DRM_DEVICE_FILE_EXT);
            if (node != nullptr) {
                label += fmt::format(" ({})", node);
            }
        } else if (software) {
            label += " (software)";
        }
        EGLDisplay display = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], attribs);
        if (display == EGL_NO_DISPLAY) {
            errors.push_back(label + ": no display: " + last_egl_error());
            continue;
        }
        found.push_back({software, Candidate{display, std::move(label)}});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return !a.first && b.first; });
    for (auto& entry : found) {
        result.push_back(std::move(entry.second));
    }
    return result;
}

}  // namespace

struct GpuDevice::Impl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    // Only with EGL_KHR_display_reference is the display ours to terminate: without it every
    // eglGetPlatformDisplay of the same device returns one shared display, and terminating it
    // would pull the rug from under any other GpuDevice on it.
    bool terminate_display = false;
    std::string description;
};

std::unique_ptr<GpuDevice> GpuDevice::create() {
    // libepoxy aborts the process when libEGL is missing; check first so we can throw instead.
    if (void* egl = dlopen("libEGL.so.1", RTLD_LAZY | RTLD_LOCAL)) {
        dlclose(egl);
    } else {
        throw GpuError(fmt::format("GpuDevice: cannot load libEGL.so.1: {}", dlerror()));
    }
    const char* client_extensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    if (client_extensions == nullptr) {
        throw GpuError(
            "GpuDevice: EGL has no client extensions (EGL 1.5 / EXT_client_extensions"
            " needed for a display without a window system)");
    }
    if (!has_extension(client_extensions, "EGL_EXT_platform_base")) {
        throw GpuError(
            "GpuDevice: EGL lacks EGL_EXT_platform_base (eglGetPlatformDisplayEXT); is an EGL "
            "driver (Mesa libegl-mesa0 or a vendor one) installed?");
    }
    const bool track_references = has_extension(client_extensions, "EGL_KHR_display_reference");
    const EGLint tracked_attribs[] = {EGL_TRACK_REFERENCES_KHR, EGL_TRUE, EGL_NONE};
    const EGLint* display_attribs = track_references ? tracked_attribs : nullptr;

    std::vector<std::string> errors;
    std::vector<Candidate> candidates =
        device_candidates(client_extensions, display_attribs, errors);
    if (has_extension(client_extensions, "EGL_MESA_platform_surfaceless")) {
        EGLDisplay display = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA,
                                                      EGL_DEFAULT_DISPLAY, display_attribs);
        if (display != EGL_NO_DISPLAY) {
            candidates.push_back(Candidate{display, "Mesa surfaceless platform"});
        } else {
            errors.push_back("surfaceless platform: no display: " + last_egl_error());
        }
    } else {
        errors.push_back("surfaceless platform: no EGL_MESA_platform_surfaceless");
    }

    for (const Candidate& candidate : candidates) {
        std::string why;
        std::optional<Opened> opened = open_context(candidate.display, why);
        if (!opened) {
            errors.push_back(candidate.label + ": " + why);
            if (track_references) {
                eglTerminate(candidate.display);
            }
            continue;
        }
        auto impl = std::make_unique<Impl>();
        impl->display = opened->display;
        impl->context = opened->context;
        impl->terminate_display = track_references;
        const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
        impl->description = fmt::format("{}, OpenGL {} ({})", renderer ? renderer : "?",
                                        version ? version : "?", candidate.label);
        for (const std::string& skipped : errors) {
            spdlog::debug("GpuDevice: skipped {}", skipped);
        }
        spdlog::debug("GpuDevice: {}", impl->description);
        return std::unique_ptr<GpuDevice>(new GpuDevice(std::move(impl)));
    }
    throw GpuError(fmt::format("GpuDevice: no OpenGL 3.3 core context without a window: {}",
                               fmt::join(errors, "; ")));
}

GpuDevice::GpuDevice(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

GpuDevice::~GpuDevice() {
    if (eglGetCurrentContext() == impl_->context) {
        eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    }
    eglDestroyContext(impl_->display, impl_->context);
    if (impl_->terminate_display) {
        eglTerminate(impl_->display);
    }
}

void GpuDevice::make_current() {
    if (!eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, impl_->context)) {
        throw GpuError("GpuDevice: eglMakeCurrent failed (context current on another thread?): " +
                       last_egl_error());
    }
}

void GpuDevice::release_current() {
    if (!eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT)) {
        throw GpuError("GpuDevice: releasing the context failed: " + last_egl_error());
    }
}

std::string GpuDevice::description() const {
    return impl_->description;
}

}  // namespace lm
