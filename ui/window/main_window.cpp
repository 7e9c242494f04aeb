#include "ui/window/main_window.hpp"

#include <QAction>
#include <QBoxLayout>
#include <QCloseEvent>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "core/media/video_frame.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/studio.hpp"
#include "ui/docks/scenes_dock.hpp"
#include "ui/docks/sources_dock.hpp"
#include "ui/filters/filters_dialog.hpp"
#include "ui/mixer/audio_mixer_dock.hpp"
#include "ui/mixer/controls_dock.hpp"
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
#include "ui/window/transitions_dock.hpp"

namespace lm::ui {
namespace {

constexpr const char* kDefaultName = "Untitled";
/// The preview's picture is read back at most this large; the widget scales it.
constexpr int kPreviewMaxWidth = 960;
constexpr int kPreviewMaxHeight = 540;
constexpr int kFastRefreshMs = 33;  // preview and meters, 30 Hz

ControlsDock::OutputPhase controls_phase(OutputController::Phase phase) {
    switch (phase) {
        case OutputController::Phase::off:
            return ControlsDock::OutputPhase::kOff;
        case OutputController::Phase::starting:
            return ControlsDock::OutputPhase::kStarting;
        case OutputController::Phase::live:
            return ControlsDock::OutputPhase::kLive;
        case OutputController::Phase::stopping:
            return ControlsDock::OutputPhase::kStopping;
    }
    return ControlsDock::OutputPhase::kOff;
}

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

    connect(outputs_, &OutputController::phaseChanged, this, &MainWindow::on_phase);
    connect(outputs_, &OutputController::failed, this,
            [this](OutputController::Kind kind, const QString& message) {
                status_bar_->showMessage(message, 15000);
                show_error(kind == OutputController::Kind::streaming   ? tr("Streaming")
                           : kind == OutputController::Kind::recording ? tr("Recording")
                                                                       : tr("Replay buffer"),
                           message);
            });
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

void MainWindow::build_docks() {
    // The centre: the editable preview; in studio mode also the Transition button and the
    // program picture beside it.
    auto* centre = new QWidget(this);
    auto* row = new QHBoxLayout(centre);
    row->setContentsMargins(0, 0, 0, 0);
    preview_ = new PreviewWidget(*controller_, [this]() -> std::shared_ptr<const VideoFrame> {
        if (!studio_)
            return nullptr;
        return controller_->studio_mode() ? studio_->studio_preview_frame()
                                          : studio_->preview_frame();
    });
    program_view_ = new ProgramView([this]() -> std::shared_ptr<const VideoFrame> {
        return studio_ ? studio_->preview_frame() : nullptr;
    });
    studio_column_ = new QWidget(centre);
    auto* column = new QVBoxLayout(studio_column_);
    auto* transition = new QPushButton(tr("Transition"), studio_column_);
    transition->setObjectName("transitionButton");
    column->addStretch();
    column->addWidget(transition);
    column->addStretch();
    connect(transition, &QPushButton::clicked, controller_,
            &StudioController::transition_to_program);
    row->addWidget(preview_, 1);
    row->addWidget(studio_column_);
    row->addWidget(program_view_, 1);
    studio_column_->hide();
    program_view_->hide();
    setCentralWidget(centre);

    scenes_dock_ = new ScenesDock(*controller_, this);
    sources_dock_ = new SourcesDock(*controller_, this);
    mixer_dock_ = new AudioMixerDock(*controller_, this);
    controls_dock_ = new ControlsDock(this);
    transitions_dock_ = new TransitionsDock(*controller_, this);
    stats_dock_ = new StatsDock(this);
    stats_dock_->panel()->set_recording_folder(
        QString::fromStdString(profile_.output.recording_folder));
    for (QDockWidget* dock : std::initializer_list<QDockWidget*>{
             scenes_dock_, sources_dock_, mixer_dock_, transitions_dock_, controls_dock_}) {
        addDockWidget(Qt::BottomDockWidgetArea, dock);
    }
    addDockWidget(Qt::RightDockWidgetArea, stats_dock_);

    status_bar_ = new StudioStatusBar(this);
    setStatusBar(status_bar_);

    // Selection follows between the preview and the sources list.
    connect(preview_, &PreviewWidget::itemSelected, sources_dock_, &SourcesDock::select_item);
    connect(sources_dock_, &SourcesDock::itemSelected, preview_, &PreviewWidget::select_item);
    connect(preview_, &PreviewWidget::propertiesRequested, this, [this](int id) {
        sources_dock_->select_item(id);
        sources_dock_->show_properties();
    });
    connect(sources_dock_, &SourcesDock::filtersRequested, this, &MainWindow::show_filters);
    connect(preview_, &PreviewWidget::filtersRequested, this, &MainWindow::show_filters);
    connect(mixer_dock_, &AudioMixerDock::filtersRequested, this, &MainWindow::show_filters);
    connect(controls_dock_, &ControlsDock::streamToggleRequested, this,
            &MainWindow::toggle_streaming);
    connect(controls_dock_, &ControlsDock::recordToggleRequested, this,
            &MainWindow::toggle_recording);
    connect(controls_dock_, &ControlsDock::settingsRequested, this, &MainWindow::open_settings);
    connect(controls_dock_, &ControlsDock::studioModeToggled, this, &MainWindow::set_studio_mode);
    connect(controls_dock_, &ControlsDock::exitRequested, this, &QWidget::close);
}

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* settings = file->addAction(tr("&Settings…"), this, &MainWindow::open_settings);
    settings->setObjectName("settingsAction");
    file->addSeparator();
    file->addAction(tr("E&xit"), QKeySequence::Quit, this, &QWidget::close);

    profile_menu_ = menuBar()->addMenu(tr("&Profile"));
    profile_menu_->setObjectName("profileMenu");
    collection_menu_ = menuBar()->addMenu(tr("Scene &Collection"));
    collection_menu_->setObjectName("collectionMenu");

    QMenu* view = menuBar()->addMenu(tr("&Docks"));
    for (QDockWidget* dock :
         std::initializer_list<QDockWidget*>{scenes_dock_, sources_dock_, mixer_dock_,
                                             transitions_dock_, controls_dock_, stats_dock_}) {
        view->addAction(dock->toggleViewAction());
    }
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

void MainWindow::load_collection(const std::string& name) {
    collection_name_ = name;
    const auto fallback =
        default_collection(controller_->canvas_width(), controller_->canvas_height(),
                           registry_.source("text_source") != nullptr);
    OpenedCollection opened = collections_.open(collection_name_, registry_, fallback);
    try {
        controller_->load(opened.description);
    } catch (const SceneCollectionError& e) {
        opened.problem = e.what();
        controller_->load(fallback);
    }
    if (opened.file_broken) {
        // Leave the broken file exactly as it is for the creator to repair or inspect; this
        // session's edits are saved under a new name.
        const std::string broken = collections_.file_of(collection_name_).string();
        collection_name_ = collections_.free_name(collection_name_ + " (recovered)");
        opened.problem += "\n" + tr("The file '%1' was left untouched; changes are saved as "
                                    "the collection '%2'.")
                                     .arg(QString::fromStdString(broken),
                                          QString::fromStdString(collection_name_))
                                     .toStdString();
    }
    if (!opened.problem.empty())
        show_error(tr("Scene collection"), QString::fromStdString(opened.problem));
    collections_.set_current(collection_name_);
    setWindowTitle(
        tr("Live Machine - %1 - %2")
            .arg(QString::fromStdString(profile_name_), QString::fromStdString(collection_name_)));
}

void MainWindow::switch_collection(const std::string& name) {
    if (name == collection_name_)
        return;
    save_timer_->stop();
    save_collection();
    load_collection(name);
    save_collection();  // a new collection exists on disk from now on
}

QString MainWindow::switch_profile(const std::string& name) {
    if (outputs_->any_active())
        return tr("Stop streaming and recording before switching profiles.");
    Profile profile;
    try {
        profile = profiles_.load(name);
    } catch (const ProfileError& e) {
        return QString::fromStdString(e.what());
    }
    profile_name_ = name;
    profiles_.set_current(name);
    apply_profile(profile);
    return {};
}

void MainWindow::save_collection() {
    try {
        collections_.save(collection_name_, controller_->description());
    } catch (const SceneCollectionError& e) {
        status_bar_->showMessage(QString::fromStdString(e.what()), 15000);
        spdlog::warn("{}", e.what());
    }
}

void MainWindow::toggle_streaming() {
    using Kind = OutputController::Kind;
    if (outputs_->phase(Kind::streaming) != OutputController::Phase::off) {
        outputs_->stop(Kind::streaming);
        return;
    }
    const std::vector<OutputRequest> requests = stream_requests(profile_);
    if (requests.empty()) {
        // Nowhere to stream to yet: take the creator straight to where that is set.
        open_settings();
        settings_dialog_->show_page(SettingsDialog::Page::stream);
        return;
    }
    if (const QString error = outputs_->start(Kind::streaming, requests); !error.isEmpty())
        show_error(tr("Streaming"), error);
}

void MainWindow::toggle_recording() {
    using Kind = OutputController::Kind;
    if (outputs_->phase(Kind::recording) != OutputController::Phase::off) {
        outputs_->stop(Kind::recording);
        return;
    }
    try {
        const OutputRequest request = record_request(profile_, QDateTime::currentDateTime());
        if (const QString error = outputs_->start(Kind::recording, {request}); !error.isEmpty())
            show_error(tr("Recording"), error);
    } catch (const std::exception& e) {
        show_error(tr("Recording"), QString::fromStdString(e.what()));
    }
}

void MainWindow::open_settings() {
    if (settings_dialog_) {
        settings_dialog_->raise();
        return;
    }
    std::vector<EncoderChoice> encoders;
    for (const VideoEncoderType* type : registry_.video_encoders()) {
        // The probe (NVENC: driver, device, engine, session) decides; its reason is shown.
        const EncoderAvailability availability = type->availability();
        encoders.push_back({QString::fromStdString(type->id),
                            QString::fromStdString(type->display_name), availability.available,
                            QString::fromStdString(availability.reason)});
    }
    // Hardware encoders are listed, disabled with the reason, until they exist (issue #6).
    if (!registry_.video_encoder("nvenc")) {
        encoders.push_back({"nvenc", tr("NVIDIA NVENC H.264"), false,
                            tr("hardware encoding is not built into this version yet")});
    }
    settings_dialog_ = new SettingsDialog(profile_, encoders, this);
    settings_dialog_->setAttribute(Qt::WA_DeleteOnClose);
    settings_dialog_->set_scene_names(controller_->scene_names());
    settings_dialog_->set_monitoring_devices(controller_->monitoring_devices());
    settings_dialog_->set_outputs_active(outputs_->any_active());
    connect(settings_dialog_, &SettingsDialog::profileApplied, this, &MainWindow::apply_profile);
    connect(settings_dialog_, &QObject::destroyed, this, [this] { settings_dialog_ = nullptr; });
    settings_dialog_->show();
}

FiltersDialog* MainWindow::filters_dialog() const {
    return filters_dialog_;
}

void MainWindow::show_filters(int item_id) {
    if (filters_dialog_)
        filters_dialog_->close();  // one at a time: it edits the show live
    if (!controller_->item(item_id))
        return;
    filters_dialog_ = new FiltersDialog(*controller_, item_id, this);
    filters_dialog_->setAttribute(Qt::WA_DeleteOnClose);
    filters_dialog_->setWindowModality(Qt::WindowModal);
    filters_dialog_->show();
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

void MainWindow::set_studio_mode(bool on) {
    controller_->set_studio_mode(on);
    controls_dock_->set_studio_mode(on);
    studio_column_->setVisible(on);
    program_view_->setVisible(on);
}

void MainWindow::refresh_fast() {
    preview_->refresh();
    if (program_view_->isVisible())
        program_view_->refresh();
    mixer_dock_->refresh_meters(QDateTime::currentMSecsSinceEpoch() / 1000.0);
}

void MainWindow::refresh_stats() {
    outputs_->poll();
    using Kind = OutputController::Kind;
    status_bar_->show_output(Kind::streaming, outputs_->phase(Kind::streaming),
                             outputs_->live_seconds(Kind::streaming));
    status_bar_->show_output(Kind::recording, outputs_->phase(Kind::recording),
                             outputs_->live_seconds(Kind::recording), outputs_->recording_paused());
    if (!studio_)
        return;
    const double fps = studio_->settings().video.frame_rate.to_double();
    if (auto stats = studio_->last_second_stats()) {
        stats_dock_->panel()->update(*stats, fps);
        status_bar_->show_stats(*stats, fps);
    }
}

void MainWindow::on_phase(OutputController::Kind kind, OutputController::Phase phase) {
    if (kind == OutputController::Kind::streaming)
        controls_dock_->set_streaming(controls_phase(phase));
    else if (kind == OutputController::Kind::recording)
        controls_dock_->set_recording(controls_phase(phase));
    else
        controls_dock_->set_replay_buffer(controls_phase(phase));
    status_bar_->show_output(
        kind, phase, outputs_->live_seconds(kind),
        kind == OutputController::Kind::recording && outputs_->recording_paused());
    if (settings_dialog_)
        settings_dialog_->set_outputs_active(outputs_->any_active());
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
