// The studio window: a frame holding the preview and the docks (scenes, sources, audio mixer,
// controls, stats), a status bar and menus. It owns the Studio (rebuilt when the canvas
// changes), the StudioController every dock edits through, the output controller for
// streaming, recording and the replay buffer (with OutputActions for pausing and saving
// replays), and the stores that keep profiles and scene collections.
#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

#include "ui/settings/profile.hpp"
#include "ui/settings/profile_store.hpp"
#include "ui/window/collection_store.hpp"
#include "ui/window/output_controller.hpp"

class QMenu;
class QTimer;

namespace lm {
class PluginRegistry;
class Studio;
}  // namespace lm

namespace lm::ui {

class AudioMixerDock;
class ControlsDock;
class FiltersDialog;
class Hotkeys;
class OutputActions;
class PreviewWidget;
class ProgramView;
class TransitionsDock;
class ScenesDock;
class SettingsDialog;
class SourcesDock;
class StatsDock;
class StudioController;
class StudioStatusBar;

/// Where the window keeps its files; tests point them at temporary folders.
struct WindowPaths {
    std::filesystem::path profiles = ProfileStore::default_folder();
    std::filesystem::path collections = CollectionStore::default_folder();
};

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `registry` (with the plugins loaded) must outlive the window.
    MainWindow(const PluginRegistry& registry, WindowPaths paths, QWidget* parent = nullptr);
    ~MainWindow() override;

    StudioController& controller() const { return *controller_; }
    OutputController& outputs() const { return *outputs_; }
    /// Pausing the recording, the replay buffer and saving replays.
    OutputActions& output_actions() const { return *output_actions_; }
    Studio* studio() const { return studio_.get(); }
    const Profile& profile() const { return profile_; }
    /// Replaces the profile as the settings dialog's OK does (saved, applied).
    void apply_profile(const Profile& profile);
    ProfileStore& profile_store() { return profiles_; }
    CollectionStore& collection_store() { return collections_; }
    const std::string& profile_name() const { return profile_name_; }
    const std::string& collection_name() const { return collection_name_; }
    /// Saves the current collection and opens `name` (a new default one when it has no file
    /// yet); reports a file that does not load as at start.
    void switch_collection(const std::string& name);
    /// Opens profile `name` and applies it. Refused (returns the reason) while streaming or
    /// recording, since it changes the encoders; empty on success.
    QString switch_profile(const std::string& name);
    /// The menu bar's "Profile" and "Scene Collection" menus, for the menus to fill.
    QMenu* profile_menu() const { return profile_menu_; }
    QMenu* collection_menu() const { return collection_menu_; }
    /// The settings dialog, when open (tests drive it).
    SettingsDialog* settings_dialog() const { return settings_dialog_; }
    /// The Filters dialog, when open (tests drive it).
    FiltersDialog* filters_dialog() const;
    /// Errors the window showed (a message box is non-modal so nothing ever blocks on it).
    const QStringList& shown_errors() const { return shown_errors_; }
    /// Answers "really quit while live?" (tests replace the question).
    void set_confirm_quit(std::function<bool()> confirm) { confirm_quit_ = std::move(confirm); }

public slots:
    /// Studio mode: the edited scene as a preview beside program, changed by a transition.
    void set_studio_mode(bool on);
    void toggle_streaming();
    void toggle_recording();
    void open_settings();
    /// The Filters dialog of item `item_id`'s source, modal to the window but not blocking
    /// (the Sources dock's Filters, the preview's and the audio mixer's menus ask for it).
    void show_filters(int item_id);

    /// Adds the dropped files as sources on the current scene (see file_drop.hpp); files it
    /// cannot show are named in one non-modal message.
    void add_files(const QList<QUrl>& urls);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // main_window_docks.cpp
    void build_docks();
    void build_menus();
    // main_window_collections.cpp
    void load_collection(const std::string& name);
    void save_collection();
    // main_window_outputs.cpp
    /// Phases and failures of the outputs into the Controls dock, status bar and messages.
    void connect_outputs();
    void refresh_stats();
    void on_phase(OutputController::Kind kind, OutputController::Phase phase);
    // main_window.cpp
    void start_studio();
    void refresh_fast();
    void show_error(const QString& title, const QString& message);

    const PluginRegistry& registry_;
    ProfileStore profiles_;
    CollectionStore collections_;
    std::string profile_name_;
    std::string collection_name_;
    Profile profile_;
    std::unique_ptr<Studio> studio_;
    StudioController* controller_;
    OutputController* outputs_;
    OutputActions* output_actions_ = nullptr;

    PreviewWidget* preview_ = nullptr;
    ProgramView* program_view_ = nullptr;
    QWidget* studio_column_ = nullptr;  // the Transition button between the two pictures
    TransitionsDock* transitions_dock_ = nullptr;
    ScenesDock* scenes_dock_ = nullptr;
    SourcesDock* sources_dock_ = nullptr;
    AudioMixerDock* mixer_dock_ = nullptr;
    ControlsDock* controls_dock_ = nullptr;
    StatsDock* stats_dock_ = nullptr;
    StudioStatusBar* status_bar_ = nullptr;
    SettingsDialog* settings_dialog_ = nullptr;
    QPointer<FiltersDialog> filters_dialog_;  // deleted on close
    Hotkeys* hotkeys_ = nullptr;
    QMenu* profile_menu_ = nullptr;
    QMenu* collection_menu_ = nullptr;
    QTimer* fast_timer_ = nullptr;
    QTimer* stats_timer_ = nullptr;
    QTimer* save_timer_ = nullptr;
    QStringList shown_errors_;
    std::function<bool()> confirm_quit_;
};

}  // namespace lm::ui
