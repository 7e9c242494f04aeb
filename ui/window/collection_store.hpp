// Where the window keeps scene collections: $XDG_CONFIG_HOME/livemachine/scenes/<name>.json,
// saved atomically with the previous version kept as <name>.json.bak. Opening never loses a
// show: a file that does not load is reported and left untouched (copied aside as
// <name>.json.broken), and the backup or a fresh default collection is used instead.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/scene/scene_collection.hpp"

namespace lm {
class PluginRegistry;
}

namespace lm::ui {

/// What opening the current collection gave, and what the user should be told.
struct OpenedCollection {
    SceneCollectionDescription description;
    std::string problem;       ///< empty when the file loaded as it was
    bool file_broken = false;  ///< the file exists but did not load: do not save over it
};

class CollectionStore {
public:
    /// `folder` is created (mode 0700) on the first save; tests pass a temporary folder.
    explicit CollectionStore(std::filesystem::path folder = default_folder());
    /// $XDG_CONFIG_HOME/livemachine/scenes (~/.config/livemachine/scenes).
    static std::filesystem::path default_folder();

    std::filesystem::path file_of(const std::string& name) const;
    /// Names of the stored collections, sorted.
    std::vector<std::string> list() const;

    /// Loads collection `name` so that `registry` can instantiate it; falls back to the backup,
    /// then to `fallback`, explaining why in `problem`.
    OpenedCollection open(const std::string& name, const PluginRegistry& registry,
                          const SceneCollectionDescription& fallback) const;
    /// Saves atomically (0600), keeping the previous file as .bak. Throws SceneCollectionError.
    void save(const std::string& name, const SceneCollectionDescription& description) const;

    /// The collection used last ("" when none is remembered).
    std::string current() const;
    void set_current(const std::string& name) const;
    /// `base`, or `base (2)`, `base (3)`... whichever has no file yet.
    std::string free_name(const std::string& base) const;

private:
    std::filesystem::path folder_;
};

/// The collection a first start shows: the test pattern (its beep muted) on one scene.
SceneCollectionDescription default_collection(int canvas_width, int canvas_height);

}  // namespace lm::ui
