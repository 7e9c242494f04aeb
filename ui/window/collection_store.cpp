#include "ui/window/collection_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/plugin/plugin_registry.hpp"

namespace lm::ui {
namespace fs = std::filesystem;

namespace {

fs::path backup_of(const fs::path& file) {
    return fs::path(file.string() + ".bak");
}

/// Loads and instantiates (so a source type that is not installed counts as a bad file).
SceneCollectionDescription load_checked(const fs::path& file, const PluginRegistry& registry) {
    SceneCollectionDescription description = load_scene_collection_file(file);
    instantiate(description, registry);
    return description;
}

}  // namespace

CollectionStore::CollectionStore(fs::path folder) : folder_(std::move(folder)) {}

fs::path CollectionStore::default_folder() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    const fs::path base = config && *config ? fs::path(config)
                          : home && *home   ? fs::path(home) / ".config"
                                            : fs::current_path();
    return base / "livemachine" / "scenes";
}

fs::path CollectionStore::file_of(const std::string& name) const {
    return folder_ / (name + ".json");
}

std::vector<std::string> CollectionStore::list() const {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

OpenedCollection CollectionStore::open(const std::string& name, const PluginRegistry& registry,
                                       const SceneCollectionDescription& fallback) const {
    const fs::path file = file_of(name);
    if (!fs::exists(file))
        return {fallback, "", false};
    std::string problem;
    try {
        return {load_checked(file, registry), "", false};
    } catch (const SceneCollectionError& e) {
        problem = e.what();
    }
    try {
        OpenedCollection opened{load_checked(backup_of(file), registry), "", true};
        opened.problem =
            fmt::format("{}\nOpened the backup from the previous save instead.", problem);
        return opened;
    } catch (const SceneCollectionError&) {
    }
    return {fallback, fmt::format("{}\nStarted with a new default collection.", problem), true};
}

void CollectionStore::save(const std::string& name,
                           const SceneCollectionDescription& description) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    fs::permissions(folder_, fs::perms::owner_all, error);
    const fs::path file = file_of(name);
    // The backup is the last file that loaded: a broken file never replaces a good backup.
    bool previous_is_good = false;
    try {
        previous_is_good = fs::exists(file) && (load_scene_collection_file(file), true);
    } catch (const SceneCollectionError&) {
    }
    if (previous_is_good) {
        fs::copy_file(file, backup_of(file), fs::copy_options::overwrite_existing, error);
        fs::permissions(backup_of(file), fs::perms::owner_read | fs::perms::owner_write, error);
    }
    save_scene_collection_file(file, description);
}

std::string CollectionStore::free_name(const std::string& base) const {
    if (!fs::exists(file_of(base)))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = fmt::format("{} ({})", base, n);
        if (!fs::exists(file_of(candidate)))
            return candidate;
    }
}

std::string CollectionStore::current() const {
    std::ifstream state(folder_ / ".current");
    std::string name;
    std::getline(state, name);
    return name;
}

void CollectionStore::set_current(const std::string& name) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    std::ofstream(folder_ / ".current") << name << "\n";
}

SceneCollectionDescription default_collection(int canvas_width, int canvas_height) {
    SceneCollectionDescription description;
    description.name = "Untitled";
    description.sources = {
        {"Test pattern", "test_pattern", {{"width", canvas_width}, {"height", canvas_height}}, {}}};
    ItemDescription pattern;
    pattern.source = "Test pattern";
    pattern.muted = true;  // a first start should not beep at the user every second
    description.scenes = {{"Scene", {pattern}}};
    description.current_scene = "Scene";
    return description;
}

}  // namespace lm::ui
