#include "plugins/camera/camera_worker.hpp"

#include <pthread.h>

#include "plugins/camera/camera_frame_decoder.hpp"
#include "plugins/camera/v4l2_stream.hpp"

namespace lm {
namespace {

// A camera sends the odd corrupt JPEG (a USB hiccup): skip those quietly, but say so when
// nothing decodes for about a second at 30 fps.
constexpr int kDecodeFailuresBeforeError = 30;

}  // namespace

CameraWorker::CameraWorker(CameraSettings settings) : settings_(std::move(settings)) {
    CameraDevice ignored;
    find_device(ignored);
    thread_ = std::thread([this] { run(); });
}

CameraWorker::~CameraWorker() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_.store(true);
    }
    stop_wake_.notify_all();
    thread_.join();
}

CapturedFrame CameraWorker::latest() const {
    std::lock_guard lock(slot_mutex_);
    return slot_;
}

void CameraWorker::publish(CapturedFrame frame) {
    std::lock_guard lock(slot_mutex_);
    slot_ = std::move(frame);
}

bool CameraWorker::wait_to_retry() {
    std::unique_lock lock(stop_mutex_);
    return stop_wake_.wait_for(lock, kRetryInterval, [this] { return stopping_.load(); });
}

bool CameraWorker::find_device(CameraDevice& found) {
    const auto devices = list_camera_devices(settings_.dev_dir);
    if (auto device = find_camera_device(devices, settings_.device)) {
        found = std::move(*device);
        return true;
    }
    if (settings_.device.empty() && devices.empty())
        status_.set_error("camera: no video capture device found (is it plugged in?)");
    else
        status_.set_error("camera: '" + settings_.device +
                          "' is not connected; it is picked up when plugged in");
    return false;
}

void CameraWorker::run() {
    pthread_setname_np(pthread_self(), "lm-camera");
    while (!stopping_.load()) {
        CameraDevice device;
        if (find_device(device))
            capture(device);
        publish({});  // back to the no-signal picture until the camera delivers again
        if (stopping_.load() || wait_to_retry())
            return;
    }
}

void CameraWorker::capture(const CameraDevice& device) {
    auto mode = choose_camera_mode(device, settings_.request);
    if (auto* message = std::get_if<std::string>(&mode)) {
        status_.set_error(*message);
        return;
    }
    auto opened = V4l2Stream::open(device, std::get<CameraMode>(mode));
    if (auto* failure = std::get_if<CameraStreamError>(&opened)) {
        status_.set_error(failure->message);
        return;
    }
    const auto stream = std::move(std::get<std::unique_ptr<V4l2Stream>>(opened));
    const CameraFrameLayout layout = stream->layout();
    const std::string name = device.display_name();

    CameraFrameDecoder decoder;
    int failures_in_a_row = 0;
    auto last_frame = std::chrono::steady_clock::now();
    auto on_frame = [&](const uint8_t* data, size_t size, int64_t captured_ns) {
        CameraDecodeResult decoded = decoder.decode(data, size, layout);
        if (!decoded.frame) {
            if (++failures_in_a_row == kDecodeFailuresBeforeError)
                status_.set_error(decoded.error);
            return;
        }
        failures_in_a_row = 0;
        decoded_frames_.fetch_add(1);
        publish({std::move(decoded.frame), captured_ns});
        status_.set_ok();
    };
    while (!stopping_.load()) {
        auto read = stream->read(kPollInterval, on_frame);
        if (auto* failure = std::get_if<CameraStreamError>(&read)) {
            status_.set_error(failure->message);
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (std::get<V4l2Stream::ReadStatus>(read) == V4l2Stream::ReadStatus::frame) {
            last_frame = now;
        } else if (now - last_frame > kStallTimeout) {
            // Some devices stop delivering without an error (a capture card losing its
            // input, a hung driver): reopening is the one thing that may bring them back.
            status_.set_error("camera: '" + name +
                              "' stopped sending frames; reopening it (check its input or cable)");
            return;
        }
    }
}

}  // namespace lm
