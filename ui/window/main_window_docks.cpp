// The studio window's layout: the preview in the centre (with the program picture and the
// Transition button beside it in studio mode), the docks and how they are wired to each other,
// the menu bar, and the dialogs the docks open (Settings, a source's Filters).
#include <QBoxLayout>
#include <QMenuBar>
#include <QPushButton>

#include "core/plugin/plugin_registry.hpp"
#include "core/studio.hpp"
#include "ui/docks/scenes_dock.hpp"
#include "ui/docks/sources_dock.hpp"
#include "ui/filters/filters_dialog.hpp"
#include "ui/mixer/audio_mixer_dock.hpp"
#include "ui/mixer/controls_dock.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_widget.hpp"
#include "ui/settings/settings_dialog.hpp"
#include "ui/stats/stats_dock.hpp"
#include "ui/stats/stats_panel.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/program_view.hpp"
#include "ui/window/studio_status_bar.hpp"
#include "ui/window/transitions_dock.hpp"

namespace lm::ui {

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

void MainWindow::set_studio_mode(bool on) {
    controller_->set_studio_mode(on);
    controls_dock_->set_studio_mode(on);
    studio_column_->setVisible(on);
    program_view_->setVisible(on);
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

}  // namespace lm::ui
