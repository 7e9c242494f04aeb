// The Profile and Scene Collection menus on the real window: what a user sees in the menus
// and in the window after New, Duplicate, Rename, Remove, Import, Export and a click in the
// list. Prompts are answered by the test, so no modal dialog ever opens.
#include <catch2/catch.hpp>

#include <QAction>
#include <QMenu>

#include "ui/model/studio_controller.hpp"
#include "ui/window/collection_menu.hpp"
#include "ui/window/profile_menu.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;
namespace fs = std::filesystem;
using Kind = OutputController::Kind;
using Phase = OutputController::Phase;

namespace {

/// The window's own instance once MainWindow installs it, else a new one.
template <class T>
T& installed(MainWindow& window) {
    if (auto* existing = window.findChild<T*>())
        return *existing;
    return *new T(window);
}

/// The names listed below the separator, as the menu shows them once opened.
QStringList listed(QMenu* menu) {
    emit menu->aboutToShow();
    QStringList names;
    for (QAction* action : menu->actions()) {
        if (action->data().isValid())
            names << action->text();
    }
    return names;
}

QString checked(QMenu* menu) {
    emit menu->aboutToShow();
    QString name;
    for (QAction* action : menu->actions()) {
        if (action->data().isValid() && action->isChecked())
            name += action->text();
    }
    return name;
}

void click_listed(QMenu* menu, const QString& name) {
    emit menu->aboutToShow();
    for (QAction* action : menu->actions()) {
        if (action->data().toString() == name) {
            action->trigger();
            return;
        }
    }
    FAIL("no '" << name.toStdString() << "' in the menu");
}

void click(MainWindow& window, const char* object_name) {
    auto* action = window.findChild<QAction*>(object_name);
    REQUIRE(action);
    action->trigger();
}

void answer_name(MenuPrompts& prompts, const QString& name) {
    prompts.name = [name](const QString&, const QString&, const QString&) { return name; };
}

}  // namespace

TEST_CASE("New collection starts from the default, and the list switches back to saved edits",
          "[ui][window][gpu][menus]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    CollectionMenu& menu = installed<CollectionMenu>(window);
    window.controller().add_scene("Interview");

    answer_name(menu.prompts(), "Second show");
    click(window, "newCollectionAction");
    CHECK(window.collection_name() == "Second show");
    CHECK(window.controller().scene_names() == QStringList{"Scene"});
    CHECK(listed(window.collection_menu()) == QStringList{"Second show", "Untitled"});
    CHECK(checked(window.collection_menu()) == "Second show");

    click_listed(window.collection_menu(), "Untitled");
    CHECK(window.collection_name() == "Untitled");
    CHECK(window.controller().scene_names() == QStringList{"Scene", "Interview"});
    CHECK(checked(window.collection_menu()) == "Untitled");
    CHECK(menu.last_error().isEmpty());

    // Names that cannot be used are refused with the reason, and nothing switches.
    answer_name(menu.prompts(), "a/b");
    click(window, "newCollectionAction");
    CHECK(menu.last_error().contains("no '/'"));
    answer_name(menu.prompts(), "Second show");
    click(window, "newCollectionAction");
    CHECK(menu.last_error().contains("already exists"));
    CHECK(window.collection_name() == "Untitled");
    CHECK(listed(window.collection_menu()) == QStringList{"Second show", "Untitled"});
}

TEST_CASE("Duplicate, Rename and Remove act on the current collection",
          "[ui][window][gpu][menus]") {
    TempDir config;
    const fs::path scenes = config.path() / "scenes";
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    CollectionMenu& menu = installed<CollectionMenu>(window);
    window.controller().add_scene("Interview");

    answer_name(menu.prompts(), "Copy");
    click(window, "duplicateCollectionAction");
    CHECK(window.collection_name() == "Copy");
    CHECK(window.controller().scene_names() == QStringList{"Scene", "Interview"});
    CHECK(fs::exists(scenes / "Untitled.json"));

    // An edit made just before (not saved yet) survives the rename.
    window.controller().add_scene("Late");
    answer_name(menu.prompts(), "Renamed");
    click(window, "renameCollectionAction");
    CHECK(window.collection_name() == "Renamed");
    CHECK(window.controller().scene_names() == QStringList{"Scene", "Interview", "Late"});
    CHECK_FALSE(fs::exists(scenes / "Copy.json"));
    CHECK(listed(window.collection_menu()) == QStringList{"Renamed", "Untitled"});
    CHECK(checked(window.collection_menu()) == "Renamed");

    menu.prompts().confirm = [](const QString&, const QString&) { return false; };
    click(window, "removeCollectionAction");
    CHECK(window.collection_name() == "Renamed");
    CHECK(fs::exists(scenes / "Renamed.json"));

    QString question;
    menu.prompts().confirm = [&](const QString&, const QString& text) {
        question = text;
        return true;
    };
    click(window, "removeCollectionAction");
    CHECK(question.contains("'Renamed'"));
    CHECK(window.collection_name() == "Untitled");
    CHECK(window.controller().scene_names() == QStringList{"Scene", "Interview"});
    CHECK_FALSE(fs::exists(scenes / "Renamed.json"));
    CHECK(listed(window.collection_menu()) == QStringList{"Untitled"});

    click(window, "removeCollectionAction");
    CHECK(menu.last_error().contains("only scene collection"));
    CHECK(fs::exists(scenes / "Untitled.json"));
}

TEST_CASE("Export writes the current collection and Import adds a file to the list",
          "[ui][window][gpu][menus]") {
    TempDir config;
    TempDir outside;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    CollectionMenu& menu = installed<CollectionMenu>(window);
    window.controller().add_scene("Interview");

    const fs::path exported = outside.path() / "Evening.json";
    menu.prompts().save_file = [&](const QString&, const QString& suggested, const QString&) {
        CHECK(suggested == "Untitled.json");
        return QString::fromStdString(exported.string());
    };
    click(window, "exportCollectionAction");
    REQUIRE(fs::exists(exported));
    CHECK(load_scene_collection_file(exported).scenes.size() == 2);

    menu.prompts().open_file = [&](const QString&, const QString&) {
        return QString::fromStdString(exported.string());
    };
    click(window, "importCollectionAction");
    CHECK(listed(window.collection_menu()) == QStringList{"Evening", "Untitled"});
    CHECK(window.collection_name() == "Untitled");
    click_listed(window.collection_menu(), "Evening");
    CHECK(window.controller().scene_names() == QStringList{"Scene", "Interview"});

    const fs::path broken = outside.path() / "Broken.json";
    std::ofstream(broken) << "{ not json";
    menu.prompts().open_file = [&](const QString&, const QString&) {
        return QString::fromStdString(broken.string());
    };
    click(window, "importCollectionAction");
    CHECK(menu.last_error().contains("Broken.json"));
    CHECK(listed(window.collection_menu()) == QStringList{"Evening", "Untitled"});

    // Cancelled pickers change nothing.
    menu.prompts().open_file = [](const QString&, const QString&) { return QString(); };
    click(window, "importCollectionAction");
    CHECK(listed(window.collection_menu()) == QStringList{"Evening", "Untitled"});
}

TEST_CASE("New profile starts from the defaults, then rename, duplicate, remove, switch",
          "[ui][window][gpu][menus]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    ProfileMenu& menu = installed<ProfileMenu>(window);
    Profile tuned = window.profile();
    tuned.output.bitrate_kbps = 6000;
    window.apply_profile(tuned);

    answer_name(menu.prompts(), "Recording");
    click(window, "newProfileAction");
    CHECK(window.profile_name() == "Recording");
    CHECK(window.profile().output.bitrate_kbps == default_profile().output.bitrate_kbps);
    CHECK(listed(window.profile_menu()) == QStringList{"Recording", "Untitled"});
    CHECK(checked(window.profile_menu()) == "Recording");

    click_listed(window.profile_menu(), "Untitled");
    CHECK(window.profile_name() == "Untitled");
    CHECK(window.profile().output.bitrate_kbps == 6000);

    answer_name(menu.prompts(), "Main");
    click(window, "renameProfileAction");
    CHECK(window.profile_name() == "Main");
    CHECK(window.profile_store().list() == std::vector<std::string>{"Main", "Recording"});
    CHECK(window.profile_store().current() == "Main");
    CHECK(window.profile().output.bitrate_kbps == 6000);

    answer_name(menu.prompts(), "Main copy");
    click(window, "duplicateProfileAction");
    CHECK(window.profile_name() == "Main copy");
    CHECK(window.profile().output.bitrate_kbps == 6000);

    menu.prompts().confirm = [](const QString&, const QString&) { return true; };
    click(window, "removeProfileAction");
    CHECK(window.profile_name() == "Main");
    CHECK(listed(window.profile_menu()) == QStringList{"Main", "Recording"});
    click(window, "removeProfileAction");
    click(window, "removeProfileAction");
    CHECK(window.profile_name() == "Recording");
    CHECK(menu.last_error().contains("only profile"));
    CHECK(listed(window.profile_menu()) == QStringList{"Recording"});
}

TEST_CASE("profile Export and Import round-trip through a file", "[ui][window][gpu][menus]") {
    TempDir config;
    TempDir outside;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    ProfileMenu& menu = installed<ProfileMenu>(window);
    Profile tuned = window.profile();
    tuned.output.bitrate_kbps = 4321;
    window.apply_profile(tuned);

    const fs::path file = outside.path() / "Untitled.json";
    menu.prompts().save_file = [&](const QString&, const QString&, const QString&) {
        return QString::fromStdString(file.string());
    };
    click(window, "exportProfileAction");
    REQUIRE(fs::exists(file));
    menu.prompts().open_file = [&](const QString&, const QString&) {
        return QString::fromStdString(file.string());
    };
    click(window, "importProfileAction");
    CHECK(menu.last_error().isEmpty());
    CHECK(listed(window.profile_menu()) == QStringList{"Untitled", "Untitled (2)"});
    CHECK(window.profile_store().load("Untitled (2)").output.bitrate_kbps == 4321);
}

TEST_CASE("while recording the profile cannot change: the reason shows and nothing changes",
          "[ui][window][gpu][menus]") {
    TempDir config;
    TempDir recordings;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    ProfileMenu& menu = installed<ProfileMenu>(window);
    Profile profile = window.profile();
    profile.output.recording_folder = recordings.path().string();
    window.apply_profile(profile);
    window.profile_store().create("Other", default_profile());

    window.toggle_recording();
    REQUIRE(window.outputs().phase(Kind::recording) != Phase::off);

    click_listed(window.profile_menu(), "Other");
    CHECK(menu.last_error().contains("Stop streaming and recording"));
    CHECK(window.profile_name() == "Untitled");

    answer_name(menu.prompts(), "Renamed");
    click(window, "renameProfileAction");
    answer_name(menu.prompts(), "Third");
    click(window, "newProfileAction");
    CHECK(window.profile_store().list() == std::vector<std::string>{"Other", "Untitled"});
    CHECK(window.profile_name() == "Untitled");
    CHECK(checked(window.profile_menu()) == "Untitled");

    window.toggle_recording();
    REQUIRE(
        wait_until([&] { return window.outputs().phase(Kind::recording) == Phase::off; }, 10000));
    click_listed(window.profile_menu(), "Other");
    CHECK(window.profile_name() == "Other");
}
