#include "ui/docks/scenes_dock.hpp"

#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QToolBar>
#include <QToolButton>

#include "docks_fixture.hpp"

using lm::ui::ScenesDock;
using lm::ui::test::click_row;
using lm::ui::test::row_texts;

namespace {

struct Fixture : lm::ui::test::ShowFixture {
    Fixture() {
        dock.set_confirm([this](const QString& question) {
            questions << question;
            return answer;
        });
        dock.resize(300, 400);
        dock.show();
    }

    QListWidget& list() { return *dock.list(); }
    QAction* action(const char* name) {
        auto* found = dock.findChild<QAction*>(name);
        REQUIRE(found != nullptr);
        return found;
    }
    QStringList scene_names() const { return controller.scene_names(); }
    // The inline name editor the list opens over a row (closed ones linger hidden until
    // deleted).
    QLineEdit* name_editor() {
        for (QLineEdit* editor : list().viewport()->findChildren<QLineEdit*>()) {
            if (editor->isVisible())
                return editor;
        }
        return nullptr;
    }
    // Types `name` over the open name editor and presses Enter, as a user would.
    void enter_name(const QString& name) {
        QLineEdit* editor = name_editor();
        REQUIRE(editor != nullptr);
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Backspace);
        QTest::keyClicks(editor, name);
        QTest::keyClick(editor, Qt::Key_Return);
        // The list's delegate commits a name from a queued call, after the editor has seen
        // the key.
        QCoreApplication::processEvents();
        CHECK(name_editor() == nullptr);
    }

    ScenesDock dock{controller};
    QStringList questions;
    bool answer = true;
};

}  // namespace

TEST_CASE("the scenes dock lists the scenes with the current one selected", "[docks]") {
    Fixture f;
    CHECK(f.dock.objectName() == "scenesDock");
    CHECK(f.dock.windowTitle() == "Scenes");
    CHECK(f.list().objectName() == "sceneList");
    CHECK(row_texts(f.list()) == QStringList{"Scene", "Live"});
    CHECK(f.list().currentRow() == 0);

    f.controller.set_current_scene("Live");
    CHECK(f.list().currentRow() == 1);
    f.controller.rename_scene("Live", "On Air");  // edits from elsewhere show up too
    CHECK(row_texts(f.list()) == QStringList{"Scene", "On Air"});
}

TEST_CASE("clicking a scene makes it current", "[docks]") {
    Fixture f;
    QSignalSpy current_changed(&f.controller, &lm::ui::StudioController::currentSceneChanged);
    click_row(f.list(), 1);
    CHECK(f.controller.current_scene() == "Live");
    CHECK(current_changed.count() == 1);
    CHECK(f.controller.items().size() == 1);  // Live's single item
}

TEST_CASE("+ adds 'Scene 2' after the current scene and opens its name", "[docks]") {
    Fixture f;
    QToolButton* add =
        qobject_cast<QToolButton*>(f.dock.toolbar()->widgetForAction(f.action("addScene")));
    REQUIRE(add != nullptr);
    QTest::mouseClick(add, Qt::LeftButton);

    CHECK(f.scene_names() == QStringList{"Scene", "Scene 2", "Live"});
    CHECK(f.controller.current_scene() == "Scene 2");
    CHECK(f.list().currentRow() == 1);

    QLineEdit* editor = f.name_editor();
    REQUIRE(editor != nullptr);
    CHECK(editor->text() == "Scene 2");
    f.enter_name("Intro");
    CHECK(f.scene_names() == QStringList{"Scene", "Intro", "Live"});
    CHECK(f.controller.current_scene() == "Intro");
    CHECK(row_texts(f.list()) == f.scene_names());
}

TEST_CASE("F2 renames inline, a taken name reverts with a message", "[docks]") {
    Fixture f;
    QSignalSpy messages(&f.dock, &ScenesDock::message);
    f.list().setFocus();
    QTest::keyClick(&f.list(), Qt::Key_F2);
    REQUIRE(f.name_editor() != nullptr);
    f.enter_name("Live");

    CHECK(f.scene_names() == QStringList{"Scene", "Live"});
    CHECK(row_texts(f.list()) == QStringList{"Scene", "Live"});
    REQUIRE(messages.count() == 1);
    CHECK(messages[0][0].toString() == "A scene named 'Live' already exists.");

    SECTION("an empty name reverts too") {
        f.action("renameScene")->trigger();
        f.enter_name("");
        CHECK(row_texts(f.list()) == QStringList{"Scene", "Live"});
        CHECK(messages.count() == 2);
    }
    SECTION("a free name is taken") {
        f.action("renameScene")->trigger();
        f.enter_name("Backstage");
        CHECK(f.scene_names() == QStringList{"Backstage", "Live"});
        CHECK(f.controller.current_scene() == "Backstage");
        CHECK(messages.count() == 1);
    }
}

TEST_CASE("a double-click renames the scene clicked", "[docks]") {
    Fixture f;
    const QPoint centre = f.list().visualItemRect(f.list().item(1)).center();
    // What the window system sends: a click, then a press that is also a double-click.
    QWidget* viewport = f.list().viewport();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, centre);
    QTest::mousePress(viewport, Qt::LeftButton, {}, centre);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, centre);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, centre);
    REQUIRE(f.name_editor() != nullptr);
    CHECK(f.name_editor()->text() == "Live");
    f.enter_name("On Air");
    CHECK(f.scene_names() == QStringList{"Scene", "On Air"});
    CHECK(f.controller.current_scene() == "On Air");
}

TEST_CASE("removing a scene asks first", "[docks]") {
    Fixture f;
    f.answer = false;
    f.action("removeScene")->trigger();
    CHECK(f.questions == QStringList{"Remove scene 'Scene'?"});
    CHECK(f.scene_names() == QStringList{"Scene", "Live"});

    f.answer = true;
    f.list().setFocus();
    QTest::keyClick(&f.list(), Qt::Key_Delete);  // Delete does the same
    CHECK(f.questions.size() == 2);
    CHECK(f.scene_names() == QStringList{"Live"});
    CHECK(row_texts(f.list()) == QStringList{"Live"});
    CHECK(f.list().currentRow() == 0);
}

TEST_CASE("the last scene cannot be removed", "[docks]") {
    Fixture f;
    REQUIRE(f.controller.remove_scene("Live"));
    QSignalSpy messages(&f.dock, &ScenesDock::message);

    CHECK_FALSE(f.action("removeScene")->isEnabled());
    f.dock.remove_scene();
    CHECK(f.questions.isEmpty());  // not even asked
    CHECK(f.scene_names() == QStringList{"Scene"});
    REQUIRE(messages.count() == 1);
    CHECK(messages[0][0].toString() == "The last scene cannot be removed.");
}

TEST_CASE("up and down reorder the scenes and are disabled at the ends", "[docks]") {
    Fixture f;
    CHECK_FALSE(f.action("moveSceneUp")->isEnabled());
    CHECK(f.action("moveSceneDown")->isEnabled());

    f.action("moveSceneDown")->trigger();
    CHECK(f.scene_names() == QStringList{"Live", "Scene"});
    CHECK(row_texts(f.list()) == QStringList{"Live", "Scene"});
    CHECK(f.list().currentItem()->text() == "Scene");  // the moved scene stays selected
    CHECK(f.action("moveSceneUp")->isEnabled());
    CHECK_FALSE(f.action("moveSceneDown")->isEnabled());

    f.action("moveSceneUp")->trigger();
    CHECK(f.scene_names() == QStringList{"Scene", "Live"});
}

TEST_CASE("the context menu offers every scene command, Duplicate copies the items", "[docks]") {
    Fixture f;
    std::unique_ptr<QMenu> menu(f.dock.make_context_menu(nullptr));
    QStringList texts;
    for (QAction* action : menu->actions())
        texts << action->text();
    CHECK(texts == QStringList{"Add", "Duplicate", "Rename", "Remove", "", "Move Up", "Move Down"});

    f.action("duplicateScene")->trigger();
    CHECK(f.scene_names() == QStringList{"Scene", "Scene 2", "Live"});
    CHECK(f.controller.current_scene() == "Scene 2");
    CHECK(f.list().currentRow() == 1);
    CHECK(f.controller.items().size() == 3);
}
