// Where the window keeps scene collections: $XDG_CONFIG_HOME/livemachine/scenes/<name>.json,
// saved atomically with the previous version kept as <name>.json.bak. Opening never loses a
// show: a file that does not load is reported and left untouched (copied aside as
// <name>.json.broken), and the backup or a fresh default collection is used instead.
// Managing the folder (rename, duplicate, remove, import, export) never overwrites a stored
// collection and leaves nothing half-written behind when it fails. Not thread-safe; use it
// from the UI thread.
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

    const std::filesystem::path& folder() const { return folder_; }
    std::filesystem::path file_of(const std::string& name) const;
    /// Names of the stored collections, sorted.
    std::vector<std::string> list() const;
    bool contains(const std::string& name) const;

    /// Throws SceneCollectionError (a message for the user) unless `name` can name a
    /// collection: not empty or only spaces, no '/', no leading '.', no control characters,
    /// at most 100 bytes.
    static void check_name(const std::string& name);
    /// check_name(), and throws when a collection named `name` is already stored.
    void check_new_name(const std::string& name) const;

    /// The operations below throw SceneCollectionError with a message for the user: a bad
    /// name, a name taken or missing, a file that does not load, a failed copy. A failed
    /// operation leaves the stored files as they were.
    ///
    /// Renames the file and its backup; the remembered current collection follows.
    void rename(const std::string& from, const std::string& to);
    /// Stores a copy of `from` (which must load) as `to`, without the backup.
    void duplicate(const std::string& from, const std::string& to);
    /// Deletes the collection and its backup. Refuses to remove the only stored collection,
    /// so there is always one to switch to.
    void remove(const std::string& name);
    /// Stores a copy of `file` (which must load) under the file's base name, made unique with
    /// free_name(); returns the name used. Never replaces a stored collection.
    std::string import_file(const std::filesystem::path& file);
    /// Copies the stored collection to `destination` (replaced if it exists; mode 0600, since
    /// source settings may hold addresses with credentials).
    void export_file(const std::string& name, const std::filesystem::path& destination) const;

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
    void require(const std::string& name) const;
    void ensure_folder() const;

    std::filesystem::path folder_;
};

/// The collection a first start shows: the test pattern (its beep muted) on one scene.
SceneCollectionDescription default_collection(int canvas_width, int canvas_height,
                                              bool with_text = false);

}  // namespace lm::ui
