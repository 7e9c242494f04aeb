#include "tools/screenshots/screenshot_session.hpp"

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/studio.hpp"
#include "ui/filters/filters_dialog.hpp"
#include "ui/mixer/audio_mixer_dock.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_widget.hpp"
#include "ui/properties/properties_form.hpp"
#include "ui/settings/profile_store.hpp"
#include "ui/settings/settings_dialog.hpp"
#include "ui/stats/stats_dock.hpp"
#include "ui/window/collection_store.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/output_actions.hpp"

namespace lm::tools {
namespace {

using Kind = ui::OutputController::Kind;
using Phase = ui::OutputController::Phase;

/// The names the window title shows: what a creator would call a real show.
constexpr const char* kShowName = "Evening Show";
constexpr int kWindowWidth = 1600;
constexpr int kWindowHeight = 900;
constexpr int kStatsDockWidth = 620;
constexpr int kStartTimeoutMs = 15000;

std::filesystem::path make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lm-screenshots-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr)
        throw ScreenshotError("cannot create a temporary folder in " + pattern);
    return pattern;
}

/// A profile that looks used: three stream destinations (an own RTMPS relay with its trusted
/// certificate, keys masked on the stream page; Twitch; an HLS folder), hotkeys, and
/// recordings and HLS going to the temporary folder rather than the user's folders.
ui::Profile show_profile(ui::Profile profile, const std::filesystem::path& temp_dir) {
    const std::filesystem::path recordings = temp_dir / "Videos";
    ui::StreamDestination relay;
    relay.name = "Studio relay";
    relay.service_id = "custom";
    relay.server_url = "rtmps://relay.example.com/live";
    relay.stream_key = "evening-show-5f3a9c";  // made up: only ever shown masked
    relay.trusted_certificate = (temp_dir / "relay-cert.pem").string();
    ui::StreamDestination twitch;
    twitch.service_id = "twitch";
    twitch.server_url = "rtmp://live.twitch.tv/app";
    twitch.stream_key = "live_000000000_screenshotkey";
    twitch.enabled = false;
    ui::StreamDestination hls;
    hls.name = "Own web server";
    hls.service_id = ui::kHlsServiceId;
    hls.hls.folder = (temp_dir / "www" / "hls").string();
    hls.enabled = false;
    profile.destinations = {relay, twitch, hls};
    profile.output.recording_folder = recordings.string();
    profile.output.replay_buffer.seconds = 30;
    profile.hotkeys[ui::kStartStreamingAction] = "Ctrl+Shift+S";
    profile.hotkeys[ui::kStopStreamingAction] = "Ctrl+Shift+X";
    profile.hotkeys[ui::kStartRecordingAction] = "Ctrl+Shift+R";
    profile.hotkeys[ui::kStopRecordingAction] = "Ctrl+Shift+T";
    profile.hotkeys[ui::kPauseRecordingAction] = "Ctrl+Shift+P";
    profile.hotkeys[ui::kResumeRecordingAction] = "Ctrl+Shift+U";
    profile.hotkeys[ui::kSaveReplayAction] = "F10";
    profile.hotkeys[std::string(ui::kSwitchScenePrefix) + "Scene"] = "F1";
    return profile;
}

}  // namespace

bool wait_until(const std::function<bool()>& done, int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeout_ms)
            return false;
        wait_ms(20);
    }
    return true;
}

void wait_ms(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

ScreenshotSession::ScreenshotSession(const std::filesystem::path& plugin_dir)
    : temp_dir_(make_temp_dir()) {
    const ModuleLoadReport report = modules_.load_directory(plugin_dir, registry_);
    for (const auto& error : report.errors)
        std::fprintf(stderr, "lm_screenshots: %s\n", error.c_str());
    if (report.loaded.empty())
        throw ScreenshotError("no plugin modules in " + plugin_dir.string());
}

ScreenshotSession::~ScreenshotSession() {
    window_.reset();  // stops the engine before its recording folder goes
    std::error_code error;
    std::filesystem::remove_all(temp_dir_, error);
}

void ScreenshotSession::set_up_show() {
    const std::filesystem::path config = temp_dir_ / "config";
    std::filesystem::create_directories(temp_dir_ / "Videos");
    std::filesystem::create_directories(temp_dir_ / "www" / "hls");
    // The relay's own certificate, as a creator keeps it beside the profile (not a real one:
    // only its path shows, and the settings check it is a PEM file).
    std::ofstream(temp_dir_ / "relay-cert.pem")
        << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const ui::WindowPaths paths{config / "profiles", config / "scenes"};
    // Named profile and collection, so the title bar reads like a real show, not "Untitled".
    ui::ProfileStore profiles(paths.profiles);
    profiles.create(kShowName, show_profile(ui::default_profile(), temp_dir_));
    profiles.set_current(kShowName);
    ui::CollectionStore(paths.collections).set_current(kShowName);

    window_ = std::make_unique<ui::MainWindow>(registry_, paths);
    window_->set_confirm_quit([] { return true; });
    window_->resize(kWindowWidth, kWindowHeight);
    window_->show();
    // Wide enough for the outputs table without a scroll bar, as a creator would drag it.
    if (auto* stats = window_->findChild<ui::StatsDock*>())
        window_->resizeDocks({stats}, {kStatsDockWidth}, Qt::Horizontal);
    if (!window_->studio())
        throw ScreenshotError("the engine did not start");
    if (!wait_until([&] { return window_->studio()->preview_frame() != nullptr; }, kStartTimeoutMs))
        throw ScreenshotError("no preview frame after 15 s");

    ui::StudioController& controller = window_->controller();
    const int canvas_width = controller.canvas_width();
    const int canvas_height = controller.canvas_height();
    // A lower-third bar across the bottom of the picture, as a show's name strap sits.
    const int bar_width = canvas_width * 2 / 3;
    const int bar_height = canvas_height / 9;
    const int bar = controller.add_source(
        "color_source", "Lower third",
        {{"color", 0xE01E5AA8u}, {"width", bar_width}, {"height", bar_height}});
    ItemTransform transform;
    // Behind the default collection's caption (at 1/20 of the width, 4/5 of the height).
    transform.position = {canvas_width / 20.0 - 16, canvas_height * 0.8 - bar_height / 6.0};
    controller.set_item_transform(bar, transform);
    if (controller.items().size() > 2)
        controller.move_item(bar, 1);  // above the test pattern, under the caption
    // A steady tone, so the mixer strip shows a level (the pattern's beep is muted).
    controller.add_source("tone_source", "Tone", {{"frequency_hz", 440.0}, {"level_dbfs", -12.0}});

    // Handles round the bar in the preview (the sources list follows the selection).
    auto* preview = window_->findChild<ui::PreviewWidget*>();
    if (preview == nullptr)
        throw ScreenshotError("the window has no preview");
    preview->select_item(bar);
}

void ScreenshotSession::run_show(int seconds) {
    window_->toggle_recording();
    window_->output_actions().toggle_replay_buffer();
    if (!wait_until(
            [&] {
                return window_->outputs().phase(Kind::recording) == Phase::live &&
                       window_->outputs().phase(Kind::replay_buffer) == Phase::live;
            },
            kStartTimeoutMs))
        throw ScreenshotError("the recording or the replay buffer did not start");
    wait_ms(seconds * 1000);
}

void ScreenshotSession::save_window_pictures(const std::filesystem::path& out_dir) {
    std::filesystem::create_directories(out_dir);
    save(*window_, out_dir / "main-window.png");
    auto* stats = window_->findChild<ui::StatsDock*>();
    auto* mixer = window_->findChild<ui::AudioMixerDock*>();
    if (stats == nullptr || mixer == nullptr)
        throw ScreenshotError("the window lacks the stats or audio mixer dock");
    save(*stats, out_dir / "stats-dock.png");
    save(*mixer, out_dir / "audio-mixer.png");
}

void ScreenshotSession::save_studio_mode_picture(const std::filesystem::path& out_dir) {
    // Studio mode with a second scene being prepared on the left while program stays live.
    ui::StudioController& controller = window_->controller();
    const QString program = controller.current_scene();
    window_->set_studio_mode(true);
    controller.add_scene("Be right back");
    controller.add_source("color_source", "Backdrop",
                          {{"color", 0xFF203040}, {"width", 1280}, {"height", 720}});
    controller.add_source("color_source", "Banner",
                          {{"color", 0xFFE0A030}, {"width", 800}, {"height", 120}});
    if (!wait_until([&] { return window_->studio()->studio_preview_frame() != nullptr; }, 5000))
        throw ScreenshotError("the studio-mode preview shows no picture");
    wait_ms(1000);
    save(*window_, out_dir / "studio-mode.png");
    window_->set_studio_mode(false);
    controller.set_current_scene(program);
    wait_ms(300);
}

void ScreenshotSession::save_settings_pictures(const std::filesystem::path& out_dir) {
    std::filesystem::create_directories(out_dir);
    window_->open_settings();
    ui::SettingsDialog* dialog = window_->settings_dialog();
    if (dialog == nullptr)
        throw ScreenshotError("the settings dialog did not open");
    using Page = ui::SettingsDialog::Page;
    const std::pair<Page, const char*> pages[] = {
        {Page::stream, "settings-stream.png"},   {Page::output, "settings-output.png"},
        {Page::network, "settings-network.png"}, {Page::video, "settings-video.png"},
        {Page::audio, "settings-audio.png"},     {Page::hotkeys, "settings-hotkeys.png"},
    };
    for (const auto& [page, file] : pages) {
        dialog->show_page(page);
        wait_ms(300);  // the page lays out and paints before the grab
        save(*dialog, out_dir / file);
    }
    // The HLS folder destination: a folder and its segments in place of server and key.
    dialog->show_page(Page::stream);
    if (auto* list = dialog->findChild<QListWidget*>("destinationList"); list && list->count() > 2)
        list->setCurrentRow(2);
    wait_ms(300);
    save(*dialog, out_dir / "settings-stream-hls.png");
    dialog->reject();
    wait_ms(100);
}

void ScreenshotSession::save_filters_picture(const std::filesystem::path& out_dir) {
    std::filesystem::create_directories(out_dir);
    ui::StudioController& controller = window_->controller();
    int bar = 0;
    for (const ui::ItemView& item : controller.items()) {
        if (item.source_name == "Lower third")
            bar = item.id;
    }
    if (bar == 0)
        throw ScreenshotError("the lower-third bar is gone");
    window_->show_filters(bar);
    ui::FiltersDialog* dialog = window_->filters_dialog();
    if (dialog == nullptr)
        throw ScreenshotError("the filters dialog did not open");
    dialog->add_filter("color_correction");
    dialog->add_filter("lut");
    // A LUT the creator has not copied over yet: its row says so.
    if (auto* file = dialog->form() ? dialog->form()->findChild<QLineEdit*>("file") : nullptr)
        file->setText(QString::fromStdString((temp_dir_ / "looks" / "warm.cube").string()));
    dialog->select(0);
    auto* saturation =
        dialog->form() ? dialog->form()->findChild<QDoubleSpinBox*>("saturation") : nullptr;
    auto* brightness =
        dialog->form() ? dialog->form()->findChild<QDoubleSpinBox*>("brightness") : nullptr;
    if (saturation == nullptr || brightness == nullptr || dialog->list()->count() != 2)
        throw ScreenshotError("the filters dialog lacks the colour correction it was given");
    saturation->setValue(0.4);
    brightness->setValue(0.05);
    wait_ms(700);  // the statuses are polled twice a second; the program shows the change
    save(*dialog, out_dir / "filters.png");
    dialog->reject();
    wait_ms(100);
}

void ScreenshotSession::stop_recording() {
    if (window_->outputs().phase(Kind::recording) != Phase::off)
        window_->toggle_recording();
    if (window_->outputs().phase(Kind::replay_buffer) != Phase::off)
        window_->output_actions().toggle_replay_buffer();
    if (!wait_until([&] { return !window_->outputs().any_active(); }, kStartTimeoutMs))
        throw ScreenshotError("the recording or the replay buffer did not stop");
}

void ScreenshotSession::finish() {
    window_->close();
    wait_ms(100);
    const QStringList errors = window_->shown_errors();
    window_.reset();
    if (!errors.isEmpty())
        throw ScreenshotError("the window reported: " + errors.join("\n").toStdString());
}

void ScreenshotSession::save(QWidget& widget, const std::filesystem::path& file) const {
    const QPixmap picture = widget.grab();
    if (picture.isNull() || !picture.save(QString::fromStdString(file.string()), "PNG"))
        throw ScreenshotError("cannot write " + file.string());
    std::printf("%s (%dx%d)\n", file.c_str(), picture.width(), picture.height());
}

}  // namespace lm::tools
