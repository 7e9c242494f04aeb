// ProfileStore in a temporary folder: the life of profiles and the current-profile memory.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ui/settings/profile_json.hpp"
#include "ui/settings/profile_store.hpp"

using namespace lm::ui;
namespace fs = std::filesystem;

namespace {

Profile with_bitrate(int kbps) {
    Profile p;
    p.output.bitrate_kbps = kbps;
    p.destinations.push_back({"", "twitch", "rtmp://live.twitch.tv/app", "live_key", true, {}, {}});
    return p;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

mode_t mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("the default folder follows XDG_CONFIG_HOME", "[settings][store]") {
    QTemporaryDir dir;
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    const fs::path folder = ProfileStore::default_folder();
    qputenv("XDG_CONFIG_HOME", saved);
    CHECK(folder == fs::path(dir.path().toStdString()) / "livemachine" / "profiles");
}

TEST_CASE("create, list, load, save", "[settings][store]") {
    QTemporaryDir dir;
    ProfileStore store(fs::path(dir.path().toStdString()) / "profiles");
    CHECK(store.list().empty());
    store.create("Gaming", with_bitrate(6000));
    store.create("Podcast", with_bitrate(3000));
    CHECK(store.list() == std::vector<std::string>{"Gaming", "Podcast"});
    CHECK(store.load("Gaming").output.bitrate_kbps == 6000);
    CHECK(mode_of(store.file_of("Gaming")) == 0600);
    CHECK(mode_of(store.folder() / "Gaming") == 0700);
    CHECK_THROWS_WITH(store.create("Gaming", Profile()),
                      "A profile named 'Gaming' already exists.");
    CHECK(store.load("Gaming").output.bitrate_kbps == 6000);

    store.save("Gaming", with_bitrate(8000));
    CHECK(store.load("Gaming").output.bitrate_kbps == 8000);
    CHECK(load_profile(store.file_of("Gaming").string() + ".bak").output.bitrate_kbps == 6000);

    CHECK_THROWS_WITH(store.load("Nope"), "There is no profile named 'Nope'.");
    CHECK_THROWS_AS(store.create("../escape", Profile()), ProfileError);
    CHECK_THROWS_AS(store.create(".hidden", Profile()), ProfileError);
    CHECK_THROWS_WITH(store.create("  ", Profile()), "A profile needs a name.");
    CHECK(store.list().size() == 2);
}

TEST_CASE("rename, duplicate and remove keep the current profile right", "[settings][store]") {
    QTemporaryDir dir;
    ProfileStore store(dir.path().toStdString());
    store.create("A", with_bitrate(1000));
    store.create("B", with_bitrate(2000));
    store.set_current("A");
    CHECK(store.current() == "A");
    // Another store over the same folder (the next start of the app) remembers it.
    CHECK(ProfileStore(dir.path().toStdString()).current() == "A");

    store.rename("A", "Main");
    CHECK(store.list() == std::vector<std::string>{"B", "Main"});
    CHECK(store.load("Main").output.bitrate_kbps == 1000);
    CHECK(store.current() == "Main");
    CHECK_THROWS_WITH(store.rename("Main", "B"), "A profile named 'B' already exists.");
    CHECK(store.load("B").output.bitrate_kbps == 2000);

    store.duplicate("Main", "Main copy");
    CHECK(store.load("Main copy") == store.load("Main"));
    CHECK(mode_of(store.file_of("Main copy")) == 0600);
    CHECK(store.current() == "Main");

    store.remove("Main");
    CHECK(store.list() == std::vector<std::string>{"B", "Main copy"});
    CHECK(store.current().empty());
    CHECK_FALSE(fs::exists(store.folder() / "Main"));
    CHECK_THROWS_AS(store.remove("Main"), ProfileError);
    CHECK_THROWS_AS(store.set_current("Main"), ProfileError);
}

TEST_CASE("import takes only files that parse, export writes a private copy", "[settings][store]") {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    ProfileStore store(root / "profiles");
    store.create("Show", with_bitrate(4000));
    const std::string good = read_text(store.file_of("Show"));

    const fs::path exported = root / "Show export.json";
    store.export_file("Show", exported);
    CHECK(mode_of(exported) == 0600);
    CHECK(load_profile(exported) == store.load("Show"));

    CHECK(store.import_file(exported) == "Show export");
    CHECK(store.load("Show export") == store.load("Show"));
    CHECK(store.import_file(exported, "Other") == "Other");
    CHECK(mode_of(store.file_of("Other")) == 0600);

    // A bad file never replaces a good one, and leaves nothing behind.
    const fs::path bad = root / "Show.json";
    std::ofstream(bad) << R"({"format": "livemachine-profile", "version": 1,
                              "output": {"bitrate_kbps": 0}})";
    CHECK_THROWS_WITH(store.import_file(bad, "Fresh"),
                      "Show.json: output.bitrate_kbps must be a positive integer");
    CHECK_FALSE(fs::exists(store.folder() / "Fresh"));
    CHECK_THROWS_WITH(store.import_file(bad), "A profile named 'Show' already exists.");
    CHECK(read_text(store.file_of("Show")) == good);
    CHECK(store.list() == std::vector<std::string>{"Other", "Show", "Show export"});
}
