// The window's model: the scene collection being edited, the live sources it shows, and the
// Studio it drives. Every dock and dialog changes the show through this one object; each
// change is applied to the engine at once (as a new immutable Scene) and announced with a
// signal so every view refreshes. GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audio/audio_meter.hpp"
#include "core/scene/scene_collection.hpp"
#include "core/scene/transition.hpp"

namespace lm {
class PluginRegistry;
class Source;
class Studio;
struct FilterType;
struct SourceType;
}  // namespace lm

namespace lm::ui {

/// One item of the current scene as the docks show it.
struct ItemView {
    int id = 0;                 ///< stable while the window is open
    std::string source_name;    ///< the source's unique name in the collection
    std::string source_type;    ///< a SourceType id
    unsigned capabilities = 0;  ///< Source::kVideo | Source::kAudio
    int width = 0;              ///< the source's native size (0 for audio-only)
    int height = 0;
    ItemTransform transform;
    bool visible = true;
    bool locked = false;
    double gain_db = 0;
    bool muted = false;
    int64_t sync_offset_ms = 0;
    MonitoringMode monitoring = MonitoringMode::off;
};

class StudioController : public QObject {
    Q_OBJECT

public:
    /// `registry` must outlive the controller.
    explicit StudioController(const PluginRegistry& registry, QObject* parent = nullptr);
    ~StudioController() override;

    /// Replaces the whole collection (creating every source). Throws SceneCollectionError
    /// and keeps the current one when the description cannot be instantiated.
    void load(const SceneCollectionDescription& description);
    /// The collection as it stands, ready to be saved.
    SceneCollectionDescription description() const;
    /// The studio the scenes are shown on (may be null: edit without an engine).
    void attach(Studio* studio);
    Studio* studio() const { return studio_; }

    // Scenes. The current scene is the one the docks edit: program, or in studio mode the
    // preview beside it.
    QStringList scene_names() const;
    QString current_scene() const;
    /// Makes `name` current; outside studio mode program changes to it with the transition.
    void set_current_scene(const QString& name);

    // Studio mode and transitions.
    /// The transition scene changes and the Transition button use.
    const Transition& transition() const { return transition_; }
    /// In studio mode, edits and scene switches go to the preview; program changes only on
    /// transition(). Leaving it puts program on the edited scene.
    void set_studio_mode(bool on);
    bool studio_mode() const { return studio_mode_; }
    /// The scene on program (the stream); equal to current_scene() outside studio mode.
    QString program_scene() const;
    /// Studio mode: sends the preview scene to program with the chosen transition.
    void transition_to_program();
    /// Adds an empty scene after the current one and makes it current; returns its name
    /// (`name`, or `name 2`, `name 3`... when taken).
    QString add_scene(const QString& name);
    /// Refuses (returns false) to remove the last scene.
    bool remove_scene(const QString& name);
    /// False (and nothing changes) when `to` is empty or taken.
    bool rename_scene(const QString& from, const QString& to);
    /// Copies the scene's items (sharing their sources); returns the new scene's name.
    QString duplicate_scene(const QString& name);
    void move_scene(const QString& name, int new_index);

    // Sources and the items of the current scene (bottom first).
    std::vector<const SourceType*> source_types() const;
    std::vector<ItemView> items() const;
    std::optional<ItemView> item(int id) const;
    /// Creates a source of `type` named `name` (made unique) with `settings` and puts it on
    /// top of the current scene, fitted to the canvas if larger. Returns the item id. Throws
    /// std::invalid_argument (with a message for the user) for bad settings.
    int add_source(const std::string& type, const QString& name, const nlohmann::json& settings);
    void remove_item(int id);
    /// Renames the item's source everywhere; false when `name` is empty or taken.
    bool rename_source(int id, const QString& name);
    void move_item(int id, int new_index);
    void set_item_visible(int id, bool visible);
    void set_item_locked(int id, bool locked);
    void set_item_transform(int id, const ItemTransform& transform);
    void set_item_gain_db(int id, double gain_db);
    void set_item_muted(int id, bool muted);
    void set_item_sync_offset_ms(int id, int64_t offset_ms);

    // Audio monitoring (studio_controller_monitoring.cpp).
    /// Whether the item's sound is heard on the monitoring device and/or in the program;
    /// saved with the item.
    void set_item_monitoring(int id, MonitoringMode mode);
    /// Moves the attached studio's monitoring to `device` ("default": the system's default
    /// output). Nothing without a studio: the profile keeps the choice for the next one.
    void set_monitoring_device(const std::string& device);
    /// The output devices monitoring can play on, {value, label}, "default" first; only
    /// "default" when no audio monitor plugin is loaded. Asks the sound server (up to ~2 s
    /// when it does not answer).
    std::vector<std::pair<std::string, std::string>> monitoring_devices() const;
    /// The settings of the item's source.
    nlohmann::json source_settings(int id) const;
    /// What the item's source says about itself (a missing file, a vanished device); ok for
    /// an unknown id.
    SourceStatus source_status(int id) const;
    /// Re-creates the item's source with `settings` (every item showing it follows). Throws
    /// std::invalid_argument for settings the type refuses; nothing changes then.
    void set_source_settings(int id, const nlohmann::json& settings);
    /// Merges what the live sources learned while running (Source::learned_settings, e.g. a
    /// PipeWire restore token) into their saved settings, without re-creating them; emits
    /// modified() and returns true when anything changed. The window calls it once a second.
    bool keep_learned_settings();

    // Filters of the item's source (studio_controller_filters.cpp).
    /// Every registered filter type (picture and sound).
    std::vector<const FilterType*> filter_types() const;
    /// The source's filters in order, enabled or not; empty for an unknown id.
    std::vector<FilterDescription> source_filters(int id) const;
    /// Replaces the source's filters: the same source is wrapped in the new chain (a camera is
    /// not reopened, a media file not restarted), every item showing it follows, and the
    /// collection keeps them. Throws std::invalid_argument naming the filter (unknown type,
    /// a setting the type refuses); nothing changes then.
    void set_source_filters(int id, const std::vector<FilterDescription>& filters);
    /// What is wrong with the filter named `filter_name` of the item's source (a LUT that is
    /// not one); ok when it is fine, disabled or unknown.
    SourceStatus filter_status(int id, const std::string& filter_name) const;

    // The chosen transition (studio_controller_transitions.cpp).
    /// Makes `transition` the one scene changes use, and the collection keeps it. A stinger's
    /// video is checked first (it reads the file) and opened ahead of its first run. Returns
    /// what is wrong, for the user ("'x.mov' not found."), and changes nothing then; empty
    /// when applied.
    std::string set_transition(const Transition& transition);
    /// What is wrong with the chosen transition now (a saved stinger whose video has gone
    /// since), or empty.
    std::string transition_problem() const;

    /// A name not used by any source: `base`, `base 2`, `base 3`...
    QString unique_source_name(const QString& base) const;
    /// The newest meter reading of the item's audio (after gain and mute), or nothing when
    /// no studio is attached or the item makes no sound.
    std::optional<AudioLevels> item_levels(int id) const;

    /// The canvas the items are placed on (from the attached studio, else 1280x720).
    int canvas_width() const;
    int canvas_height() const;

signals:
    /// The list of scenes or their names changed.
    void scenesChanged();
    void currentSceneChanged();
    void programSceneChanged();
    void studioModeChanged(bool on);
    /// Items of the current scene were added, removed, reordered or changed.
    void itemsChanged();
    /// The collection changed in a way worth saving.
    void modified();
    /// The chosen transition changed (set, or restored by load()).
    void transitionChanged();

private:
    struct EditableItem {
        int id = 0;
        ItemDescription description;
    };
    struct EditableScene {
        std::string name;
        std::vector<EditableItem> items;
    };

    EditableScene* find_scene(const std::string& name);
    const EditableScene* find_scene(const std::string& name) const;
    EditableScene& current();
    const EditableScene& current() const;
    EditableItem* find_item(int id);
    const EditableItem* find_item(int id) const;
    const SourceDescription* find_source(const std::string& name) const;
    SourceDescription* find_source(const std::string& name);
    ItemView view_of(const EditableItem& item) const;
    std::string unique_scene_name(const std::string& base) const;
    /// Sends the current scene to the studio and tells the views.
    void items_edited();
    void push_scene();
    std::shared_ptr<const Scene> live_scene(const std::string& name) const;
    /// load(): the collection's transition, its stinger opened even when its video has gone
    /// (the dock then says so, and scene changes cut).
    void restore_transition(const Transition& saved);
    /// The transition as the collection saves it (without the live stinger).
    Transition saved_transition() const;

    const PluginRegistry& registry_;
    Studio* studio_ = nullptr;
    std::string name_;
    std::vector<SourceDescription> sources_;
    std::map<std::string, std::shared_ptr<Source>> live_;  // by source name
    std::vector<EditableScene> scenes_;
    std::string current_;
    std::string program_;  // the scene on program; == current_ outside studio mode
    bool studio_mode_ = false;
    Transition transition_{Transition::Kind::fade, 300};
    std::string restored_problem_;  // what was wrong with the transition load() restored
    int next_item_id_ = 1;
};

}  // namespace lm::ui
