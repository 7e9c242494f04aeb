#include "ui/docks/sources_dock.hpp"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QSpinBox>

#include <functional>
#include <optional>

#include "docks_fixture.hpp"
#include "ui/docks/icon_toggle.hpp"
#include "ui/docks/source_properties_dialog.hpp"
#include "ui/docks/source_row.hpp"

using lm::ui::SourceRow;
using lm::ui::SourcesDock;
using lm::ui::test::click_row;
using nlohmann::json;

namespace {

using Names = std::vector<std::string>;

struct Fixture : lm::ui::test::ShowFixture {
    Fixture() {
        dock.set_confirm([this](const QString& question) {
            questions << question;
            return answer;
        });
        dock.set_name_prompt(
            [this](const QString& title, const QString& suggested) -> std::optional<QString> {
                prompts << title + " / " + suggested;
                return name;
            });
        dock.set_dialog_runner([this](QDialog& dialog) {
            auto* properties = dynamic_cast<lm::ui::SourcePropertiesDialog*>(&dialog);
            REQUIRE(properties != nullptr);
            dialog.show();
            edit(*properties);
            ++dialogs;
            return dialog.result();
        });
        dock.resize(300, 400);
        dock.show();
    }

    QListWidget& list() { return *dock.list(); }
    QAction* action(const char* object_name) {
        auto* found = dock.findChild<QAction*>(object_name);
        REQUIRE(found != nullptr);
        return found;
    }
    SourceRow* row(int index) {
        auto* found = qobject_cast<SourceRow*>(list().itemWidget(list().item(index)));
        REQUIRE(found != nullptr);
        return found;
    }
    /// The rows' names, top first.
    QStringList row_names() {
        QStringList names;
        for (int index = 0; index < list().count(); ++index)
            names << row(index)->name();
        return names;
    }

    SourcesDock dock{controller};
    QStringList questions;
    bool answer = true;
    QStringList prompts;
    std::optional<QString> name = QString("Logo");
    // What the "user" does in a properties dialog; by default: OK.
    std::function<void(lm::ui::SourcePropertiesDialog&)> edit = [](QDialog& d) { d.accept(); };
    int dialogs = 0;
};

QSpinBox* width_box(QDialog& dialog) {
    auto* box = dialog.findChild<QSpinBox*>("width");
    REQUIRE(box != nullptr);
    return box;
}

}  // namespace

TEST_CASE("the sources dock lists the current scene's items top first", "[docks]") {
    Fixture f;
    CHECK(f.dock.objectName() == "sourcesDock");
    CHECK(f.dock.windowTitle() == "Sources");
    CHECK(f.list().objectName() == "sourceList");
    CHECK(f.row_names() == QStringList{"Card C", "Card B", "Card A"});
    CHECK_FALSE(f.dock.selected_item().has_value());

    f.controller.set_current_scene("Live");
    CHECK(f.row_names() == QStringList{"Card A"});
}

TEST_CASE("the eye shows and hides the item", "[docks]") {
    Fixture f;
    const int b = f.id_of("Card B");
    SourceRow* row = f.row(1);
    REQUIRE(row->item_id() == b);
    CHECK(row->visible_toggle()->isChecked());
    CHECK(row->visible_toggle()->toolTip() == "Hide");
    const QImage shown = row->visible_toggle()->grab().toImage();

    QTest::mouseClick(row->visible_toggle(), Qt::LeftButton);
    CHECK_FALSE(f.controller.item(b)->visible);
    CHECK(f.controller.item(f.id_of("Card A"))->visible);  // only that one
    CHECK(row->visible_toggle()->toolTip() == "Show");
    CHECK(row->visible_toggle()->grab().toImage() != shown);  // a closed eye now

    QTest::mouseClick(row->visible_toggle(), Qt::LeftButton);
    CHECK(f.controller.item(b)->visible);

    f.controller.set_item_visible(b, false);  // from elsewhere (the preview, a hotkey)
    CHECK_FALSE(f.row(1)->visible_toggle()->isChecked());
}

TEST_CASE("the padlock locks and unlocks the item", "[docks]") {
    Fixture f;
    const int c = f.id_of("Card C");
    SourceRow* row = f.row(0);
    CHECK_FALSE(row->lock_toggle()->isChecked());
    CHECK(row->lock_toggle()->toolTip() == "Lock");

    QTest::mouseClick(row->lock_toggle(), Qt::LeftButton);
    CHECK(f.controller.item(c)->locked);
    CHECK(row->lock_toggle()->toolTip() == "Unlock");
    QTest::mouseClick(row->lock_toggle(), Qt::LeftButton);
    CHECK_FALSE(f.controller.item(c)->locked);
}

TEST_CASE("clicking a row selects the item and says so", "[docks]") {
    Fixture f;
    QSignalSpy selected(&f.dock, &SourcesDock::itemSelected);
    SourceRow* row = f.row(1);
    QTest::mouseClick(row, Qt::LeftButton, {}, QPoint(10, row->height() / 2));  // on the name
    CHECK(f.dock.selected_item() == f.id_of("Card B"));
    REQUIRE(selected.count() == 1);
    CHECK(selected[0][0].toInt() == f.id_of("Card B"));

    f.dock.select_item(f.id_of("Card A"));  // from the preview
    CHECK(f.list().currentRow() == 2);
    CHECK(selected.count() == 2);
    f.dock.select_item(f.id_of("Card A"));  // no change, no signal
    CHECK(selected.count() == 2);

    f.controller.set_item_locked(f.id_of("Card A"), true);  // a refresh keeps it
    CHECK(f.dock.selected_item() == f.id_of("Card A"));
    f.controller.add_source("test_colour", "Extra", json::object());  // so does a new row
    CHECK(f.dock.selected_item() == f.id_of("Card A"));
    CHECK(selected.count() == 2);

    f.controller.remove_item(f.id_of("Card A"));
    CHECK_FALSE(f.dock.selected_item().has_value());
    REQUIRE(selected.count() == 3);
    CHECK(selected[2][0].toInt() == 0);
}

TEST_CASE("+ offers every source type and adds the named, configured source on top", "[docks]") {
    Fixture f;
    QSignalSpy selected(&f.dock, &SourcesDock::itemSelected);
    QMenu* menu = f.dock.add_menu();
    REQUIRE(menu->actions().size() == 2);
    CHECK(menu->actions()[0]->text() == "Test Colour");
    CHECK(menu->actions()[1]->text() == "Test Tone");

    f.edit = [](lm::ui::SourcePropertiesDialog& dialog) {
        CHECK(dialog.settings() == json{{"color", 0xFF000000u}, {"width", 320}});  // defaults
        width_box(dialog)->setValue(640);
        dialog.accept();
    };
    menu->actions()[0]->trigger();

    CHECK(f.prompts == QStringList{"Add Test Colour / Test Colour"});
    CHECK(f.row_names() == QStringList{"Logo", "Card C", "Card B", "Card A"});
    const int logo = f.id_of("Logo");
    CHECK(f.controller.item(logo)->source_type == "test_colour");
    CHECK(f.controller.source_settings(logo)["width"] == 640);
    CHECK(f.dock.selected_item() == logo);
    REQUIRE(selected.count() == 1);
    CHECK(selected[0][0].toInt() == logo);
}

TEST_CASE("adding stops when the name or the dialog is cancelled", "[docks]") {
    Fixture f;
    SECTION("no name") {
        f.name.reset();
        f.dock.add_source("test_tone");
        CHECK(f.dialogs == 0);
    }
    SECTION("Cancel in the properties") {
        f.edit = [](QDialog& dialog) { dialog.reject(); };
        f.dock.add_source("test_tone");
        CHECK(f.dialogs == 1);
    }
    SECTION("the source refuses its settings: shown in the dialog, which stays open") {
        f.edit = [](lm::ui::SourcePropertiesDialog& dialog) {
            width_box(dialog)->setValue(3000);
            dialog.accept();
            CHECK(dialog.isVisible());
            CHECK(dialog.error() == "a test card is at most 2000 pixels wide");
            auto* label = dialog.findChild<QLabel*>("applyError");
            REQUIRE(label != nullptr);
            CHECK(label->isVisible());
            CHECK(label->text() == dialog.error());
            dialog.reject();
        };
        f.dock.add_source("test_colour");
        CHECK(f.dialogs == 1);
    }
    CHECK(f.names_bottom_first() == Names{"Card A", "Card B", "Card C"});
}

TEST_CASE("up, down, to top and to bottom reorder the items", "[docks]") {
    Fixture f;
    const int b = f.id_of("Card B");
    f.dock.select_item(b);

    f.action("moveSourceUp")->trigger();  // towards the top of the list
    CHECK(f.names_bottom_first() == Names{"Card A", "Card C", "Card B"});
    CHECK(f.row_names() == QStringList{"Card B", "Card C", "Card A"});
    CHECK(f.dock.selected_item() == b);
    CHECK_FALSE(f.action("moveSourceUp")->isEnabled());
    CHECK_FALSE(f.action("moveSourceToTop")->isEnabled());

    f.action("moveSourceDown")->trigger();
    CHECK(f.names_bottom_first() == Names{"Card A", "Card B", "Card C"});
    f.action("moveSourceToBottom")->trigger();
    CHECK(f.names_bottom_first() == Names{"Card B", "Card A", "Card C"});
    CHECK_FALSE(f.action("moveSourceDown")->isEnabled());
    f.action("moveSourceToTop")->trigger();
    CHECK(f.names_bottom_first() == Names{"Card A", "Card C", "Card B"});
    CHECK(f.row_names() == QStringList{"Card B", "Card C", "Card A"});
}

TEST_CASE("Properties applies edits live, Cancel restores, a refusal is shown", "[docks]") {
    Fixture f;
    const int a = f.id_of("Card A");
    f.dock.select_item(a);
    CHECK(f.action("sourceProperties")->isEnabled());

    SECTION("OK keeps the edit") {
        f.edit = [&](lm::ui::SourcePropertiesDialog& dialog) {
            CHECK(dialog.windowTitle() == "Properties for 'Card A'");
            width_box(dialog)->setValue(800);
            CHECK(f.controller.item(a)->width == 800);  // live, before OK
            dialog.accept();
        };
        f.action("sourceProperties")->trigger();
        CHECK(f.controller.source_settings(a)["width"] == 800);
    }
    SECTION("Cancel restores") {
        f.edit = [&](QDialog& dialog) {
            width_box(dialog)->setValue(800);
            CHECK(f.controller.item(a)->width == 800);
            dialog.reject();
        };
        f.action("sourceProperties")->trigger();
        CHECK(f.controller.source_settings(a)["width"] == 320);
        CHECK(f.controller.item(a)->width == 320);
    }
    SECTION("a refused edit is shown and OK waits for a good one") {
        f.edit = [&](lm::ui::SourcePropertiesDialog& dialog) {
            width_box(dialog)->setValue(3000);
            CHECK(dialog.error() == "a test card is at most 2000 pixels wide");
            CHECK(f.controller.item(a)->width == 320);  // the engine kept the old one
            dialog.accept();
            CHECK(dialog.isVisible());
            width_box(dialog)->setValue(1000);
            CHECK(dialog.error().isEmpty());
            dialog.accept();
        };
        f.action("sourceProperties")->trigger();
        CHECK(f.controller.item(a)->width == 1000);
    }
}

TEST_CASE("F2 renames inline, a taken name is refused with a message", "[docks]") {
    Fixture f;
    QSignalSpy messages(&f.dock, &SourcesDock::message);
    const int c = f.id_of("Card C");
    f.dock.select_item(c);
    f.list().setFocus();
    QTest::keyClick(&f.list(), Qt::Key_F2);
    REQUIRE(f.row(0)->renaming());
    auto* editor = f.row(0)->findChild<QLineEdit*>("renameEditor");
    REQUIRE(editor != nullptr);
    CHECK(editor->text() == "Card C");

    SECTION("a free name") {
        editor->selectAll();
        QTest::keyClicks(editor, "Camera");
        QTest::keyClick(editor, Qt::Key_Return);
        CHECK(f.controller.item(c)->source_name == "Camera");
        CHECK(f.row(0)->name() == "Camera");
        CHECK_FALSE(f.row(0)->renaming());
        CHECK(messages.isEmpty());
    }
    SECTION("a taken name") {
        editor->selectAll();
        QTest::keyClicks(editor, "Card A");
        QTest::keyClick(editor, Qt::Key_Return);
        CHECK(f.controller.item(c)->source_name == "Card C");
        CHECK(f.row(0)->name() == "Card C");
        REQUIRE(messages.count() == 1);
        CHECK(messages[0][0].toString() == "A source named 'Card A' already exists.");
    }
    SECTION("Esc cancels") {
        QTest::keyClicks(editor, "x");
        QTest::keyClick(editor, Qt::Key_Escape);
        CHECK_FALSE(f.row(0)->renaming());
        CHECK(f.controller.item(c)->source_name == "Card C");
        CHECK(messages.isEmpty());
    }
}

TEST_CASE("a double-click renames the row clicked", "[docks]") {
    Fixture f;
    const QPoint centre = f.list().visualItemRect(f.list().item(2)).center();
    // What the window system sends: a click, then a press that is also a double-click.
    QWidget* viewport = f.list().viewport();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, centre);
    QTest::mousePress(viewport, Qt::LeftButton, {}, centre);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, centre);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, centre);
    CHECK(f.dock.selected_item() == f.id_of("Card A"));
    CHECK(f.row(2)->renaming());
}

TEST_CASE("Delete removes the selected item after asking", "[docks]") {
    Fixture f;
    f.dock.select_item(f.id_of("Card B"));
    f.list().setFocus();
    f.answer = false;
    QTest::keyClick(&f.list(), Qt::Key_Delete);
    CHECK(f.questions == QStringList{"Remove 'Card B' from this scene?"});
    CHECK(f.names_bottom_first() == Names{"Card A", "Card B", "Card C"});

    f.answer = true;
    f.action("removeSource")->trigger();
    CHECK(f.names_bottom_first() == Names{"Card A", "Card C"});
    CHECK(f.row_names() == QStringList{"Card C", "Card A"});
    CHECK_FALSE(f.action("removeSource")->isEnabled());  // nothing selected any more
}

TEST_CASE("the context menu follows the selected item", "[docks]") {
    Fixture f;
    f.dock.select_item(f.id_of("Card C"));
    std::unique_ptr<QMenu> menu(f.dock.make_context_menu(nullptr));
    QStringList texts;
    for (QAction* action : menu->actions())
        texts << action->text();
    CHECK(texts == QStringList{"Add", "", "Rename", "Remove", "Order", "", "Hide", "Lock", "",
                               "Properties", "Filters"});
    QMenu* order = menu->findChild<QMenu*>("sourceOrderMenu");
    REQUIRE(order != nullptr);
    QStringList order_texts;
    for (QAction* action : order->actions())
        order_texts << action->text();
    CHECK(order_texts == QStringList{"Move Up", "Move Down", "To Top", "To Bottom"});

    QAction* filters = f.action("sourceFilters");
    REQUIRE(filters->isEnabled());
    QSignalSpy filters_requested(&f.dock, &SourcesDock::filtersRequested);
    filters->trigger();
    REQUIRE(filters_requested.count() == 1);
    CHECK(filters_requested.at(0).at(0).toInt() == f.id_of("Card C"));
    CHECK(f.dock.toolbar()->widgetForAction(filters) != nullptr);  // the Filters button

    f.action("toggleSourceVisible")->trigger();
    f.action("toggleSourceLocked")->trigger();
    CHECK_FALSE(f.controller.item(f.id_of("Card C"))->visible);
    CHECK(f.controller.item(f.id_of("Card C"))->locked);
    CHECK(f.action("toggleSourceVisible")->text() == "Show");
    CHECK(f.action("toggleSourceLocked")->text() == "Unlock");
    CHECK_FALSE(f.row(0)->visible_toggle()->isChecked());
}
