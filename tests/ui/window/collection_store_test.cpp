// Managing the folder of scene collections: rename, duplicate, remove, import and export on a
// temporary folder, with the refusals a user meets (bad names, taken names, bad files).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "ui/window/collection_store.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;
namespace fs = std::filesystem;

namespace {

SceneCollectionDescription collection_with_scenes(std::vector<std::string> names) {
    SceneCollectionDescription description = default_collection(1280, 720);
    for (const std::string& name : names)
        description.scenes.push_back({name, {}});
    return description;
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Every entry of the folder, hidden ones included: what a failed operation must not change.
std::vector<std::string> entries(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> scene_names(const SceneCollectionDescription& description) {
    std::vector<std::string> names;
    for (const auto& scene : description.scenes)
        names.push_back(scene.name);
    return names;
}

const char* kBrokenCollection = "{ \"format\": \"livemachine-scene-collection\", \"version\": 1,";

}  // namespace

TEST_CASE("rename moves the collection with its backup and the current name follows",
          "[ui][window][collections]") {
    TempDir dir;
    CollectionStore store(dir.path());
    store.save("Show", collection_with_scenes({"First"}));
    store.save("Show", collection_with_scenes({"First", "Second"}));  // keeps a backup
    store.set_current("Show");
    REQUIRE(fs::exists(dir.path() / "Show.json.bak"));

    store.rename("Show", "Evening show");
    CHECK(store.list() == std::vector<std::string>{"Evening show"});
    CHECK(store.current() == "Evening show");
    CHECK(scene_names(load_scene_collection_file(store.file_of("Evening show"))) ==
          std::vector<std::string>{"Scene", "First", "Second"});
    CHECK(scene_names(load_scene_collection_file(dir.path() / "Evening show.json.bak")) ==
          std::vector<std::string>{"Scene", "First"});
    CHECK_FALSE(fs::exists(dir.path() / "Show.json.bak"));
}

TEST_CASE("rename drops a stale backup left under the new name", "[ui][window][collections]") {
    TempDir dir;
    CollectionStore store(dir.path());
    store.save("A", collection_with_scenes({}));
    std::ofstream(dir.path() / "B.json.bak") << "an old backup of some other collection";
    store.rename("A", "B");
    CHECK(store.list() == std::vector<std::string>{"B"});
    CHECK_FALSE(fs::exists(dir.path() / "B.json.bak"));
}

TEST_CASE("bad, taken and missing names are refused and nothing changes",
          "[ui][window][collections]") {
    TempDir dir;
    CollectionStore store(dir.path());
    store.save("A", collection_with_scenes({}));
    store.save("B", collection_with_scenes({}));
    const auto before = entries(dir.path());

    const std::vector<std::string> bad_names = {"",        "   ",       "a/b",
                                                ".hidden", "tab\there", std::string(101, 'x')};
    for (const std::string& bad : bad_names) {
        CAPTURE(bad);
        CHECK_THROWS_AS(store.rename("A", bad), SceneCollectionError);
        CHECK_THROWS_AS(store.duplicate("A", bad), SceneCollectionError);
    }
    CHECK_THROWS_WITH(store.rename("A", "B"), Catch::Contains("already exists"));
    CHECK_THROWS_WITH(store.duplicate("A", "B"), Catch::Contains("already exists"));
    CHECK_THROWS_WITH(store.rename("Missing", "C"), Catch::Contains("no scene collection"));
    CHECK_THROWS_WITH(store.remove("Missing"), Catch::Contains("no scene collection"));
    CHECK_THROWS_WITH(store.export_file("Missing", dir.path() / "out.json"),
                      Catch::Contains("no scene collection"));
    CHECK_THROWS_WITH(CollectionStore::check_name("a/b"), Catch::Contains("no '/'"));
    CHECK(entries(dir.path()) == before);
}

TEST_CASE("duplicate copies a collection that loads, and refuses a broken one",
          "[ui][window][collections]") {
    TempDir dir;
    CollectionStore store(dir.path());
    store.save("A", collection_with_scenes({"Intro"}));
    store.duplicate("A", "A copy");
    CHECK(store.list() == std::vector<std::string>{"A", "A copy"});
    CHECK(load_scene_collection_file(store.file_of("A copy")) ==
          load_scene_collection_file(store.file_of("A")));

    std::ofstream(store.file_of("Broken")) << kBrokenCollection;
    const auto before = entries(dir.path());
    CHECK_THROWS_AS(store.duplicate("Broken", "Fixed"), SceneCollectionError);
    CHECK(entries(dir.path()) == before);
}

TEST_CASE("remove deletes the file and its backup but never the only collection",
          "[ui][window][collections]") {
    TempDir dir;
    CollectionStore store(dir.path());
    store.save("A", collection_with_scenes({}));
    store.save("A", collection_with_scenes({"x"}));
    store.save("B", collection_with_scenes({}));
    store.set_current("A");
    store.remove("A");
    CHECK(store.list() == std::vector<std::string>{"B"});
    CHECK_FALSE(fs::exists(dir.path() / "A.json.bak"));
    CHECK(store.current().empty());

    CHECK_THROWS_WITH(store.remove("B"), Catch::Contains("only scene collection"));
    CHECK(store.list() == std::vector<std::string>{"B"});
}

TEST_CASE("import stores a copy under the file's name, made unique, never overwriting",
          "[ui][window][collections]") {
    TempDir dir;
    TempDir outside;
    CollectionStore store(dir.path() / "scenes");
    store.save("Show", collection_with_scenes({"Old"}));
    const std::string old_text = read(store.file_of("Show"));

    const fs::path file = outside.path() / "Show.json";
    save_scene_collection_file(file, collection_with_scenes({"Imported scene"}));
    CHECK(store.import_file(file) == "Show (2)");
    CHECK(store.import_file(file) == "Show (3)");
    CHECK(read(store.file_of("Show")) == old_text);
    CHECK(read(store.file_of("Show (2)")) == read(file));
    CHECK(scene_names(load_scene_collection_file(store.file_of("Show (3)"))) ==
          std::vector<std::string>{"Scene", "Imported scene"});
    CHECK((fs::status(store.file_of("Show (2)")).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));

    // A name that cannot name a collection is tidied rather than refused.
    const fs::path hidden = outside.path() / ".hidden.json";
    fs::copy_file(file, hidden);
    CHECK(store.import_file(hidden) == "hidden");
}

TEST_CASE("a bad import file is refused with its reason and leaves nothing behind",
          "[ui][window][collections]") {
    TempDir dir;
    TempDir outside;
    CollectionStore store(dir.path());
    store.save("Show", collection_with_scenes({}));
    const auto before = entries(dir.path());

    const fs::path broken = outside.path() / "Show.json";
    std::ofstream(broken) << kBrokenCollection;
    CHECK_THROWS_WITH(store.import_file(broken), Catch::Contains(broken.string()));
    CHECK_THROWS_AS(store.import_file(dir.path() / "no such file.json"), SceneCollectionError);
    CHECK(entries(dir.path()) == before);
}

TEST_CASE("export writes a private copy, replacing the destination", "[ui][window][collections]") {
    TempDir dir;
    TempDir outside;
    CollectionStore store(dir.path());
    store.save("Show", collection_with_scenes({"Main"}));
    const fs::path destination = outside.path() / "backup.json";
    std::ofstream(destination) << "something older";

    store.export_file("Show", destination);
    CHECK(read(destination) == read(store.file_of("Show")));
    CHECK((fs::status(destination).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(entries(outside.path()) == std::vector<std::string>{"backup.json"});

    CHECK_THROWS_AS(store.export_file("Show", outside.path() / "missing folder" / "x.json"),
                    SceneCollectionError);
    CHECK(entries(outside.path()) == std::vector<std::string>{"backup.json"});
}
