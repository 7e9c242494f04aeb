// Scene collections: the scenes and sources of a show, saved as versioned JSON. The format is
// documented in docs/scene-collection.md.
//
// Two layers:
//  - SceneCollectionDescription is pure data: what the file says, checked for shape and
//    references but not yet tied to any plugin. parse/serialize round-trip exactly.
//  - instantiate() turns a description into live Scenes, creating each source once through the
//    PluginRegistry and sharing it between every item that shows it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/scene/scene.hpp"
#include "core/scene/transition.hpp"

namespace lm {

class PluginRegistry;

/// The "format" every scene collection file carries, and the newest "version" this build
/// reads and the one it writes.
inline constexpr const char* kSceneCollectionFormat = "livemachine-scene-collection";
inline constexpr int kSceneCollectionVersion = 1;

/// Every failure to read, check, instantiate or save a collection. The message is ready for a
/// user: "show.json:12:5: scene 'Main' item 2 refers to source 'Cam' which is not defined".
class SceneCollectionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where a value was read from, so errors found later (by instantiate) can still name the
/// line. Empty for descriptions built in memory. Metadata only: never serialized and never
/// makes two descriptions compare different.
struct TextOrigin {
    std::string file;
    int line = 0;
    int column = 0;
    bool known() const { return line > 0; }
    friend bool operator==(const TextOrigin&, const TextOrigin&) { return true; }
};

/// Where a source's parts were read from (metadata, like TextOrigin: always compares equal).
struct SourceOrigin {
    TextOrigin type;
    TextOrigin settings;
    std::map<std::string, TextOrigin> setting_values;  ///< by settings key
    friend bool operator==(const SourceOrigin&, const SourceOrigin&) { return true; }
};

/// A filter on a source: applied in order, picture filters to the picture and sound filters
/// to the sound, wherever the source is shown.
struct FilterDescription {
    std::string name;  ///< unique within the source, for the creator
    std::string type;  ///< a FilterType id: "color_correction", "noise_gate" ...
    bool enabled = true;
    nlohmann::json settings = nlohmann::json::object();  ///< checked by the type's schema
    friend bool operator==(const FilterDescription&, const FilterDescription&) = default;
};

struct SourceDescription {
    std::string name;  ///< unique within the collection; items refer to it
    std::string type;  ///< a SourceType id: "color_source", "test_pattern" ...
    nlohmann::json settings = nlohmann::json::object();  ///< checked by the type's schema
    SourceOrigin origin;
    std::vector<FilterDescription> filters{};  ///< last, so {name, type, settings, {}} still reads
    friend bool operator==(const SourceDescription&, const SourceDescription&) = default;
};

struct ItemDescription {
    std::string source;  ///< name of a SourceDescription
    ItemTransform transform;
    bool visible = true;
    bool locked = false;
    double gain_db = 0;
    bool muted = false;
    int64_t sync_offset_ms = 0;
    TextOrigin source_origin;
    /// Last, so {source, transform, ..., origin} still reads; files without it load as off.
    MonitoringMode monitoring = MonitoringMode::off;
    friend bool operator==(const ItemDescription&, const ItemDescription&) = default;
};

struct SceneDescription {
    std::string name;                    ///< unique within the collection
    std::vector<ItemDescription> items;  ///< bottom first
    friend bool operator==(const SceneDescription&, const SceneDescription&) = default;
};

struct SceneCollectionDescription {
    std::string name;
    std::vector<SourceDescription> sources;
    std::vector<SceneDescription> scenes;  ///< at least one
    std::string current_scene;             ///< the name of one of `scenes`
    /// The transition scene changes use, with its settings (never its live `stinger`).
    Transition transition{Transition::Kind::fade, 300};
    friend bool operator==(const SceneCollectionDescription&,
                           const SceneCollectionDescription&) = default;
};

/// Parses and checks a collection. `file_name` is only used in messages. Throws
/// SceneCollectionError "file:line:column: what" for a JSON syntax error, a wrong type or
/// range, an unknown key, a duplicate name, a dangling reference or a newer version.
SceneCollectionDescription parse_scene_collection(std::string_view text,
                                                  const std::string& file_name);

/// Pretty JSON (two-space indent, short arrays on one line, trailing newline) that
/// parse_scene_collection reads back into an equal description. Writes the current version.
std::string serialize(const SceneCollectionDescription& description);

/// A source created for a collection, with the name items know it by.
struct NamedSource {
    std::string name;
    std::string type;
    std::shared_ptr<Source> source;
};

/// Live scenes, ready for the mixers.
struct SceneCollection {
    std::string name;
    std::vector<NamedSource> sources;  ///< every source of the file, once, in file order
    std::vector<Scene> scenes;         ///< items share the sources above; ids are 1, 2, ...
    std::string current_scene;
};

/// Creates every source once with registry.create_source and builds the scenes. Throws
/// SceneCollectionError naming the file position when the description came from a file:
/// unknown source type (listing the known ones), a setting the type refuses, a dangling
/// reference. Creating sources may touch devices; call it where that is allowed (not on the
/// video or audio thread).
SceneCollection instantiate(const SceneCollectionDescription& description,
                            const PluginRegistry& registry);

/// Reads and parses a file. Throws SceneCollectionError, e.g. "cannot open scene collection
/// 'x.json': No such file or directory".
SceneCollectionDescription load_scene_collection_file(const std::filesystem::path& path);

/// Writes `description` to a temporary file beside `path`, fsyncs it and renames it over
/// `path`, so a failed save (disk full, no permission, crash) leaves the previous file intact.
/// An existing file keeps its permission bits; a new one is created 0600. Throws
/// SceneCollectionError naming the file and the reason.
void save_scene_collection_file(const std::filesystem::path& path,
                                const SceneCollectionDescription& description);

}  // namespace lm
