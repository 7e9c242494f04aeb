#include "ui/settings/profile.hpp"

#include <QDir>
#include <QStandardPaths>

#include <initializer_list>

namespace lm::ui {

Profile default_profile() {
    Profile profile;
    profile.output.recording_folder = default_recording_folder();
    return profile;
}

std::string default_recording_folder() {
    // Qt reads XDG_VIDEOS_DIR from user-dirs.dirs; it falls back to ~/Videos by itself.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
    if (folder.isEmpty())
        folder = QDir::home().filePath("Videos");
    return QDir::cleanPath(folder).toStdString();
}

bool StreamDestination::writes_hls() const {
    return service_id == kHlsServiceId;
}

std::vector<std::string> fixed_hotkey_actions() {
    return {kStartStreamingAction,    kStopStreamingAction,    kStartRecordingAction,
            kStopRecordingAction,     kPauseRecordingAction,   kResumeRecordingAction,
            kStartReplayBufferAction, kStopReplayBufferAction, kSaveReplayAction};
}

bool is_hotkey_action(const std::string& action) {
    for (const auto& fixed : fixed_hotkey_actions()) {
        if (action == fixed)
            return true;
    }
    const std::string prefix = kSwitchScenePrefix;
    return action.size() > prefix.size() && action.compare(0, prefix.size(), prefix) == 0;
}

std::string hotkey_action_label(const std::string& action) {
    if (action == kStartStreamingAction)
        return "Start streaming";
    if (action == kStopStreamingAction)
        return "Stop streaming";
    if (action == kStartRecordingAction)
        return "Start recording";
    if (action == kStopRecordingAction)
        return "Stop recording";
    if (action == kPauseRecordingAction)
        return "Pause recording";
    if (action == kResumeRecordingAction)
        return "Resume recording";
    if (action == kStartReplayBufferAction)
        return "Start replay buffer";
    if (action == kStopReplayBufferAction)
        return "Stop replay buffer";
    if (action == kSaveReplayAction)
        return "Save replay";
    const std::string prefix = kSwitchScenePrefix;
    if (action.compare(0, prefix.size(), prefix) == 0)
        return "Switch to scene '" + action.substr(prefix.size()) + "'";
    return action;
}

const char* to_string(RateControl mode) {
    switch (mode) {
        case RateControl::cbr:
            return "cbr";
        case RateControl::vbr:
            return "vbr";
        case RateControl::crf:
            return "crf";
    }
    return "cbr";
}

const char* to_string(RecordingContainer container) {
    switch (container) {
        case RecordingContainer::mkv:
            return "mkv";
        case RecordingContainer::mp4:
            return "mp4";
        case RecordingContainer::flv:
            return "flv";
    }
    return "mkv";
}

const char* to_string(HlsSegmentFormat format) {
    return format == HlsSegmentFormat::fmp4 ? "fmp4" : "mpegts";
}

const char* to_string(RecordingSplit mode) {
    switch (mode) {
        case RecordingSplit::off:
            return "off";
        case RecordingSplit::by_time:
            return "time";
        case RecordingSplit::by_size:
            return "size";
    }
    return "off";
}

namespace {

/// The value of `values` whose to_string() is `name`; false (and `out` untouched) for none.
template <typename Enum>
bool from_name(const std::string& name, std::initializer_list<Enum> values, Enum& out) {
    for (Enum value : values) {
        if (name == to_string(value)) {
            out = value;
            return true;
        }
    }
    return false;
}

}  // namespace

bool segment_format_from_string(const std::string& name, HlsSegmentFormat& out) {
    return from_name(name, {HlsSegmentFormat::mpegts, HlsSegmentFormat::fmp4}, out);
}

bool rate_control_from_string(const std::string& name, RateControl& out) {
    return from_name(name, {RateControl::cbr, RateControl::vbr, RateControl::crf}, out);
}

bool container_from_string(const std::string& name, RecordingContainer& out) {
    return from_name(
        name, {RecordingContainer::mkv, RecordingContainer::mp4, RecordingContainer::flv}, out);
}

bool split_from_string(const std::string& name, RecordingSplit& out) {
    return from_name(name, {RecordingSplit::off, RecordingSplit::by_time, RecordingSplit::by_size},
                     out);
}

std::vector<Rational> common_frame_rates() {
    return {{24, 1}, {25, 1}, {30000, 1001}, {30, 1}, {48, 1}, {50, 1}, {60000, 1001}, {60, 1}};
}

}  // namespace lm::ui
