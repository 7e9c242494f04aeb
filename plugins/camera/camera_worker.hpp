// CameraWorker: finds, opens and reads the camera on a thread of its own, decodes each frame
// to RGBA and hands the newest to the video thread through a one-frame slot. While there is no
// camera (not plugged in, unplugged mid-show, busy) the slot is empty, the status says why,
// and the worker looks again every kRetryInterval. Nothing here ever makes the mixer wait.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "core/media/video_frame.hpp"
#include "core/scene/source_status.hpp"
#include "plugins/camera/camera_devices.hpp"
#include "plugins/camera/camera_mode.hpp"

namespace lm {

struct CameraSettings {
    /// "" = the first camera; a /dev/videoN path; or "card (bus info)" / a card name, which
    /// survive renumbering.
    std::string device;
    CameraRequest request;
    /// Where to look for video nodes (tests point this at their own folder).
    std::filesystem::path dev_dir = "/dev";
};

/// The newest decoded frame and when it was dequeued (clock::now_ns()).
struct CapturedFrame {
    VideoFramePtr frame;  ///< RGBA; null while there is no camera
    int64_t captured_ns = 0;
};

class CameraWorker {
public:
    /// Looks for the device at once (so status() is right before the first draw), then starts
    /// the capture thread.
    explicit CameraWorker(CameraSettings settings);
    ~CameraWorker();  ///< stops and joins the thread (within about kPollInterval)
    CameraWorker(const CameraWorker&) = delete;
    CameraWorker& operator=(const CameraWorker&) = delete;

    /// The newest frame. MT safe, never blocks on the device.
    CapturedFrame latest() const;
    SourceStatus status() const { return status_.get(); }
    /// Frames decoded since the start (diagnostics, tests). MT safe.
    uint64_t decoded_frames() const { return decoded_frames_.load(); }

    static constexpr std::chrono::milliseconds kRetryInterval{2000};
    /// How long one wait for a frame lasts before checking whether to stop.
    static constexpr std::chrono::milliseconds kPollInterval{200};
    /// Without a frame for this long the device counts as stalled and is reopened.
    static constexpr std::chrono::milliseconds kStallTimeout{5000};

private:
    void run();
    /// Finds the device and sets the "not found" status; false when there is none.
    bool find_device(CameraDevice& found);
    void capture(const CameraDevice& device);
    void publish(CapturedFrame frame);
    /// Waits kRetryInterval or until stopping; true when stopping.
    bool wait_to_retry();

    const CameraSettings settings_;
    SourceStatusBox status_;
    std::atomic<uint64_t> decoded_frames_{0};

    mutable std::mutex slot_mutex_;
    CapturedFrame slot_;  // guarded by slot_mutex_

    std::mutex stop_mutex_;
    std::condition_variable stop_wake_;
    std::atomic<bool> stopping_{false};  // written under stop_mutex_
    std::thread thread_;
};

}  // namespace lm
