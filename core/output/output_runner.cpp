#include "core/output/output_runner.hpp"

#include <pthread.h>

#include <spdlog/spdlog.h>

namespace lm {

const char* to_string(OutputState state) {
    switch (state) {
        case OutputState::idle:
            return "idle";
        case OutputState::connecting:
            return "connecting";
        case OutputState::running:
            return "running";
        case OutputState::finished:
            return "finished";
        case OutputState::failed:
            return "failed";
    }
    return "unknown";
}

OutputRunner::OutputRunner(std::unique_ptr<Output> output, std::string type, size_t queue_capacity)
    : output_(std::move(output)),
      name_(output_->display_name()),
      type_(std::move(type)),
      queue_(queue_capacity) {}

OutputRunner::~OutputRunner() {
    queue_.close();
    if (thread_.joinable()) {
        output_->interrupt();
        thread_.join();
    }
}

void OutputRunner::open(const std::vector<StreamInfo>& streams) {
    state_.store(OutputState::connecting);
    try {
        output_->open(streams);
    } catch (const OutputError& e) {
        fail(e.what());
        throw;
    }
}

void OutputRunner::start() {
    state_.store(OutputState::running);
    thread_ = std::thread([this] { run(); });
}

void OutputRunner::offer(const PacketPtr& packet) {
    if (state_.load() != OutputState::running)
        return;
    std::lock_guard lock(mutex_);
    if (packet->kind == MediaKind::video) {
        if (waiting_for_keyframe_ && !packet->keyframe) {
            ++frames_dropped_;
            return;
        }
        waiting_for_keyframe_ = false;
        if (!queue_.try_push(packet)) {
            ++frames_dropped_;
            waiting_for_keyframe_ = true;
        }
    } else if (!queue_.try_push(packet)) {
        ++audio_packets_dropped_;
    }
}

void OutputRunner::end_input() {
    queue_.close();
}

void OutputRunner::join() {
    if (thread_.joinable())
        thread_.join();
}

void OutputRunner::interrupt() {
    output_->interrupt();
}

OutputCounters OutputRunner::counters() const {
    OutputCounters counters;
    counters.name = name_;
    counters.type = type_;
    counters.state = state_.load();
    counters.bytes = bytes_.load();
    counters.video_frames_written = video_frames_written_.load();
    counters.warning = output_->warning();
    std::lock_guard lock(mutex_);
    counters.error = error_;
    counters.frames_dropped = frames_dropped_;
    counters.audio_packets_dropped = audio_packets_dropped_;
    return counters;
}

void OutputRunner::fail(const std::string& error) {
    {
        std::lock_guard lock(mutex_);
        error_ = error;
    }
    state_.store(OutputState::failed);
    // Nobody will write what is queued; refusing further packets keeps the fan-out cheap.
    queue_.close();
}

void OutputRunner::run() {
    pthread_setname_np(pthread_self(), "lm-output");
    try {
        while (auto packet = queue_.pop()) {
            output_->write(**packet);
            bytes_.fetch_add((*packet)->data.size());
            if ((*packet)->kind == MediaKind::video)
                video_frames_written_.fetch_add(1);
        }
        output_->close();
        state_.store(OutputState::finished);
    } catch (const OutputError& e) {
        spdlog::error("{}: {}", name_, e.what());
        fail(e.what());
        try {
            output_->close();
        } catch (const OutputError&) {
            // Already failed; the first error is the one worth reporting.
        }
    }
}

}  // namespace lm
