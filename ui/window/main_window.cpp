// The studio window's frame: what it owns and builds at start and takes apart at the end, the
// engine (rebuilt when the profile changes the canvas or the encoders), the 30 Hz refresh of
// the pictures and meters, error messages, dropped files and closing. The layout is in
// main_window_docks.cpp, the outputs in main_window_outputs.cpp, the collections and profiles
// in main_window_collections.cpp.
#include "ui/window/main_window.hpp"

#include <QCloseEvent>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "core/studio.hpp"
#include "ui/mixer/audio_mixer_dock.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_widget.hpp"
#include "ui/settings/profile_json.hpp"
#include "ui/settings/profile_requests.hpp"
#include "ui/settings/settings_dialog.hpp"
#include "ui/stats/stats_dock.hpp"
#include "ui/stats/stats_panel.hpp"
#include "ui/window/collection_menu.hpp"
#include "ui/window/file_drop.hpp"
#include "ui/window/hotkeys.hpp"
#include "ui/window/output_actions.hpp"
#include "ui/window/profile_menu.hpp"
#include "ui/window/program_view.hpp"
#include "ui/window/studio_status_bar.hpp"

namespace lm::ui {
namespace {

constexpr const char* kDefaultName = "Untitled";
/// The preview's picture is read back at most this large; the widget scales it.
constexpr int kPreviewMaxWidth = 960;
constexpr int kPreviewMaxHeight = 540;
constexpr int kFastRefreshMs = 33;  // preview and meters, 30 Hz

}  // namespace

MainWindow::MainWindow(const PluginRegistry& registry, WindowPaths paths, QWidget* parent)
    : QMainWindow(parent),
      registry_(registry),
      profiles_(paths.profiles),
      collections_(paths.collections),
      controller_(new StudioController(registry, this)),
      outputs_(new OutputController(this)),
      confirm_quit_([this] {
          return QMessageBox::question(this, tr("Exit"),
                                       tr("Streaming or recording is active. Stop and exit?")) ==
                 QMessageBox::Yes;
      }) {
    setObjectName("mainWindow");
    setWindowTitle(tr("Live Machine"));
    resize(1280, 800);
    setAcceptDrops(true);  // files dropped anywhere on the window become sources

    // The profile: the remembered one, or a new default on first start.
    profile_name_ = profiles_.current();
    if (profile_name_.empty()) {
        profile_name_ = kDefaultName;
        profile_ = default_profile();
        try {
            if (!profiles_.contains(profile_name_))
                profiles_.create(profile_name_, profile_);
            profiles_.set_current(profile_name_);
        } catch (const ProfileError& e) {
            shown_errors_ << QString::fromStdString(e.what());
        }
    } else {
        try {
            profile_ = profiles_.load(profile_name_);
        } catch (const ProfileError& e) {
            profile_ = default_profile();
            show_error(tr("Profile"), tr("%1\nUsing default settings; the file was left as it is.")
                                          .arg(QString::fromStdString(e.what())));
        }
    }

    build_docks();
    output_actions_ = new OutputActions(
        *outputs_, *controls_dock_, *status_bar_, profile_,
        [this](const QString& title, const QString& message) { show_error(title, message); }, this);
    build_menus();
    start_studio();
    const std::string remembered = collections_.current();
    load_collection(remembered.empty() ? kDefaultName : remembered);
    new ProfileMenu(*this);
    new CollectionMenu(*this);
    hotkeys_ = new Hotkeys(*this);

    save_timer_ = new QTimer(this);
    save_timer_->setSingleShot(true);
    save_timer_->setInterval(500);
    connect(save_timer_, &QTimer::timeout, this, &MainWindow::save_collection);
    connect(controller_, &StudioController::modified, save_timer_, qOverload<>(&QTimer::start));

    fast_timer_ = new QTimer(this);
    fast_timer_->setInterval(kFastRefreshMs);
    connect(fast_timer_, &QTimer::timeout, this, &MainWindow::refresh_fast);
    fast_timer_->start();
    stats_timer_ = new QTimer(this);
    stats_timer_->setInterval(1000);
    connect(stats_timer_, &QTimer::timeout, this, &MainWindow::refresh_stats);
    stats_timer_->start();

    connect_outputs();
}

MainWindow::~MainWindow() {
    // The docks hold pointers into the controller and the studio: stop feeding them first.
    fast_timer_->stop();
    stats_timer_->stop();
    outputs_->set_studio(nullptr);
    controller_->attach(nullptr);
    // The views hold references to the controller, a child created before them (so deleted
    // before them by QObject): delete the views first, while everything they use exists.
    delete settings_dialog_;
    for (QDockWidget* dock : findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
        delete dock;
    delete takeCentralWidget();
    studio_.reset();
}

void MainWindow::start_studio() {
    outputs_->set_studio(nullptr);
    controller_->attach(nullptr);
    studio_.reset();
    try {
        auto studio = std::make_unique<Studio>(registry_, studio_settings(profile_));
        studio->set_preview_size(kPreviewMaxWidth, kPreviewMaxHeight);
        studio->start_mixing();
        studio_ = std::move(studio);
    } catch (const StudioError& e) {
        show_error(tr("Engine"), tr("The engine could not start: %1\nYou can still edit scenes; "
                                    "preview, streaming and recording need it.")
                                     .arg(QString::fromStdString(e.what())));
    }
    controller_->attach(studio_.get());
    outputs_->set_studio(studio_.get());
}

void MainWindow::apply_profile(const Profile& profile) {
    const bool canvas_changed =
        !(studio_settings(profile).video.width == studio_settings(profile_).video.width &&
          studio_settings(profile).video.height == studio_settings(profile_).video.height &&
          studio_settings(profile).video.frame_rate == studio_settings(profile_).video.frame_rate);
    const bool encoder_changed = studio_settings(profile).video_encoder_settings !=
                                     studio_settings(profile_).video_encoder_settings ||
                                 studio_settings(profile).audio_encoder_settings !=
                                     studio_settings(profile_).audio_encoder_settings ||
                                 !(profile.network == profile_.network);
    profile_ = profile;
    try {
        profiles_.save(profile_name_, profile_);
    } catch (const ProfileError& e) {
        show_error(tr("Profile"), QString::fromStdString(e.what()));
    }
    stats_dock_->panel()->set_recording_folder(
        QString::fromStdString(profile_.output.recording_folder));
    if (hotkeys_)
        hotkeys_->reload();
    controller_->set_monitoring_device(profile_.audio.monitoring_device);
    // The engine's settings are fixed for its lifetime: rebuild it while nothing is live.
    if ((canvas_changed || encoder_changed || !studio_) && !outputs_->any_active()) {
        start_studio();
    }
}

void MainWindow::refresh_fast() {
    preview_->refresh();
    if (program_view_->isVisible())
        program_view_->refresh();
    mixer_dock_->refresh_meters(QDateTime::currentMSecsSinceEpoch() / 1000.0);
}

void MainWindow::show_error(const QString& title, const QString& message) {
    shown_errors_ << message;
    spdlog::warn("{}", message.toStdString());
    // Non-modal: the window (and the show) never waits on a message box.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::add_files(const QList<QUrl>& urls) {
    const QStringList refused = add_dropped_files(*controller_, urls);
    if (!refused.isEmpty())
        show_error(tr("Some files were not added"), refused.join(QLatin1Char('\n')));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && has_local_files(event->mimeData()->urls()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    add_files(event->mimeData()->urls());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (outputs_->any_active() && !confirm_quit_()) {
        event->ignore();
        return;
    }
    save_timer_->stop();
    save_collection();
    event->accept();
}

}  // namespace lm::ui
