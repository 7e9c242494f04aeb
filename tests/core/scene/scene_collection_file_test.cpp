#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/scene/scene_collection.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// A fresh directory per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "lm-scene-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::set<std::string> names_in(const fs::path& directory) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

lm::SceneCollectionDescription small_show(const std::string& name) {
    lm::SceneCollectionDescription d;
    d.name = name;
    d.sources.push_back({"Bars", "test_pattern", {{"width", 1280}}, {}});
    d.scenes.push_back({"Main", {}});
    d.scenes[0].items.push_back({});
    d.scenes[0].items[0].source = "Bars";
    d.current_scene = "Main";
    return d;
}

// Large enough that writing it crosses the file size limit set below.
lm::SceneCollectionDescription big_show() {
    lm::SceneCollectionDescription d = small_show("big");
    for (int i = 0; i < 200; ++i)
        d.scenes[0].items.push_back(d.scenes[0].items[0]);
    return d;
}

mode_t mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

fs::path resources() {
    // Tests run from the build tree; the collections ship in the source tree.
    return fs::path(__FILE__).parent_path() / "../../../resources/collections";
}

}  // namespace

TEST_CASE("a saved collection loads back equal", "[scene]") {
    TempDir dir;
    const fs::path path = dir.path() / "show.json";
    const auto show = small_show("Saved");
    lm::save_scene_collection_file(path, show);
    CHECK(lm::load_scene_collection_file(path) == show);
    CHECK(read(path) == lm::serialize(show));
    CHECK(mode_of(path) == 0600);  // new files are private: settings may hold secrets
    CHECK(names_in(dir.path()) == std::set<std::string>{"show.json"});  // no temporary left
}

TEST_CASE("saving over a file replaces it and keeps its permissions", "[scene]") {
    TempDir dir;
    const fs::path path = dir.path() / "show.json";
    lm::save_scene_collection_file(path, small_show("first"));
    REQUIRE(::chmod(path.c_str(), 0644) == 0);
    lm::save_scene_collection_file(path, small_show("second"));
    CHECK(lm::load_scene_collection_file(path).name == "second");
    CHECK(mode_of(path) == 0644);
}

TEST_CASE("saving through a symbolic link replaces the file, not the link", "[scene]") {
    TempDir dir;
    const fs::path real = dir.path() / "real.json";
    const fs::path link = dir.path() / "link.json";
    lm::save_scene_collection_file(real, small_show("first"));
    fs::create_symlink(real, link);
    lm::save_scene_collection_file(link, small_show("second"));
    CHECK(fs::is_symlink(link));
    CHECK(lm::load_scene_collection_file(real).name == "second");
    CHECK(names_in(dir.path()) == std::set<std::string>{"link.json", "real.json"});
}

TEST_CASE("a save that fails while writing keeps the previous file intact", "[scene]") {
    TempDir dir;
    const fs::path path = dir.path() / "show.json";
    lm::save_scene_collection_file(path, small_show("good"));
    const std::string good = read(path);
    const std::string big = lm::serialize(big_show());
    REQUIRE(big.size() > 8 * good.size());

    // A full disk, simulated with a file size limit (works even as root, unlike permissions):
    // writing the temporary file fails halfway.
    struct rlimit saved {};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    struct rlimit limit = saved;
    limit.rlim_cur = 4 * good.size();
    auto* previous_handler = signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of a killed process
    REQUIRE(setrlimit(RLIMIT_FSIZE, &limit) == 0);
    std::string error;
    try {
        lm::save_scene_collection_file(path, big_show());
    } catch (const lm::SceneCollectionError& failure) {
        error = failure.what();
    }
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, previous_handler);

    CHECK_THAT(error, StartsWith("cannot save scene collection '" + path.string() + "': "));
    CHECK_THAT(error, Contains("File too large"));
    CHECK(read(path) == good);
    CHECK(names_in(dir.path()) == std::set<std::string>{"show.json"});
}

TEST_CASE("a save into a folder that cannot be written keeps the previous file", "[scene]") {
    TempDir dir;
    const fs::path path = dir.path() / "show.json";
    lm::save_scene_collection_file(path, small_show("good"));
    const std::string good = read(path);
    REQUIRE(::chmod(dir.path().c_str(), 0555) == 0);
    if (::access(dir.path().c_str(), W_OK) == 0) {
        // Root ignores directory permissions; the file size test above covers this user.
        WARN("running as a user who can write a read-only folder: nothing to check");
        return;
    }
    CHECK_THROWS_WITH(lm::save_scene_collection_file(path, small_show("new")),
                      StartsWith("cannot save scene collection '" + path.string() +
                                 "': cannot create a temporary file in") &&
                          Contains("Permission denied"));
    CHECK(read(path) == good);
}

TEST_CASE("loading a missing file names it and the reason", "[scene]") {
    CHECK_THROWS_WITH(lm::load_scene_collection_file("x.json"),
                      "cannot open scene collection 'x.json': No such file or directory");
    TempDir dir;
    CHECK_THROWS_WITH(lm::load_scene_collection_file(dir.path()),
                      "cannot read scene collection '" + dir.path().string() + "': Is a directory");
}

TEST_CASE("errors in a loaded file name the file as given", "[scene]") {
    TempDir dir;
    const fs::path path = dir.path() / "broken.json";
    std::ofstream(path)
        << "{\n  \"format\": \"livemachine-scene-collection\",\n  \"version\": 9\n}";
    CHECK_THROWS_WITH(lm::load_scene_collection_file(path),
                      path.string() +
                          ":3:14: this file was written by a newer Live Machine "
                          "(version 9); this one reads up to 1");
}

TEST_CASE("the shipped example collection uses every source type and parses", "[scene]") {
    const auto d = lm::load_scene_collection_file(resources() / "example.json");
    std::set<std::string> types;
    std::set<std::string> shown;
    for (const auto& source : d.sources)
        types.insert(source.type);
    for (const auto& scene : d.scenes) {
        for (const auto& item : scene.items)
            shown.insert(item.source);
    }
    // Every source type the plugins register (kept by hand; the e2e test "the example
    // collection records with every plugin" shows that each of them instantiates).
    CHECK(types == std::set<std::string>{"audio_input", "camera", "color_source", "desktop_audio",
                                         "image_source", "media_source", "pipewire_capture",
                                         "screen_capture", "test_pattern", "text_source",
                                         "tone_source", "window_capture"});
    CHECK(shown.size() == d.sources.size());  // every source appears in some scene
    CHECK(d.scenes.size() >= 2);
}

TEST_CASE("the shipped collections are in the form Live Machine saves", "[scene]") {
    // So that saving an unchanged show does not rewrite the file.
    for (const char* name : {"example.json"}) {
        INFO(name);
        const fs::path path = resources() / name;
        CHECK(lm::serialize(lm::load_scene_collection_file(path)) == read(path));
    }
}
