// The Filters dialog over the real filter types: what it lists and offers, every edit reaching
// the controller (and, with a Studio mixing, the program's pixels), Close keeping and Cancel
// restoring, and a filter's problem shown on its row.
#include "ui/filters/filters_dialog.hpp"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>

#include <fstream>

#include "filters_fixture.hpp"
#include "ui/docks/icon_toggle.hpp"
#include "ui/filters/filter_row.hpp"
#include "ui/properties/properties_form.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;

namespace {

QAction* add_action(const FiltersDialog& dialog, const std::string& type_id) {
    for (QAction* action : dialog.add_menu()->actions()) {
        if (action->data().toString().toStdString() == type_id)
            return action;
    }
    return nullptr;
}

QStringList add_menu_texts(const FiltersDialog& dialog) {
    QStringList texts;
    for (QAction* action : dialog.add_menu()->actions())
        texts << action->text();
    return texts;
}

QStringList row_names(const FiltersDialog& dialog) {
    QStringList names;
    for (int i = 0; i < dialog.list()->count(); ++i)
        names << dialog.row(i)->name_label()->text();
    return names;
}

std::vector<std::string> controller_names(const ColourCard& card) {
    std::vector<std::string> names;
    for (const FilterDescription& filter : card.controller.source_filters(card.item_id))
        names.push_back(filter.name);
    return names;
}

QPushButton* button(const FiltersDialog& dialog, const char* name) {
    auto* found = dialog.findChild<QPushButton*>(name);
    REQUIRE(found != nullptr);
    return found;
}

QDoubleSpinBox* number_field(const FiltersDialog& dialog, const char* key) {
    REQUIRE(dialog.form() != nullptr);
    auto* field = dialog.form()->findChild<QDoubleSpinBox*>(key);
    REQUIRE(field != nullptr);
    return field;
}

}  // namespace

TEST_CASE("the add menu offers the filter types that fit the source", "[ui][filters]") {
    ColourCard card(false);
    FiltersDialog pictures(card.controller, card.item_id);
    CHECK(pictures.windowTitle() == "Filters for 'Card'");
    const QStringList picture_types = add_menu_texts(pictures);
    CHECK(picture_types.contains("Colour correction"));
    CHECK(picture_types.contains("LUT (.cube)"));
    CHECK_FALSE(picture_types.contains("Gain"));  // a colour card makes no sound

    const int tone = card.controller.add_source("tone_source", "Tone", nlohmann::json::object());
    FiltersDialog sounds(card.controller, tone);
    const QStringList sound_types = add_menu_texts(sounds);
    CHECK(sound_types.contains("Gain"));
    CHECK(sound_types.contains("Noise suppression"));
    CHECK_FALSE(sound_types.contains("Colour correction"));
}

TEST_CASE("a colour correction changes program live; Cancel puts the old picture back",
          "[ui][filters][gpu]") {
    ColourCard card(true);
    REQUIRE(wait_until([&] { return card.shows_grey(128); }, 10000));

    FiltersDialog dialog(card.controller, card.item_id);
    dialog.show();
    CHECK(dialog.list()->count() == 0);
    QAction* colour_correction = add_action(dialog, "color_correction");
    REQUIRE(colour_correction != nullptr);
    colour_correction->trigger();
    CHECK(row_names(dialog) == QStringList{"Colour correction"});
    CHECK(dialog.selected_index() == 0);
    CHECK(controller_names(card) == std::vector<std::string>{"Colour correction"});

    // Brightness +0.25 turns grey 128 into 192 (docs/sources/filters.md).
    number_field(dialog, "brightness")->setValue(0.25);
    CHECK(card.controller.source_filters(card.item_id)[0].settings["brightness"] == 0.25);
    CHECK(wait_until([&] { return card.shows_grey(192); }, 10000));

    button(dialog, "cancel")->click();
    CHECK(dialog.result() == QDialog::Rejected);
    CHECK(card.controller.source_filters(card.item_id).empty());
    CHECK(wait_until([&] { return card.shows_grey(128); }, 10000));
}

TEST_CASE("the eye turns a filter off and on again, live", "[ui][filters][gpu]") {
    ColourCard card(true);
    FiltersDialog dialog(card.controller, card.item_id);
    dialog.show();
    add_action(dialog, "color_correction")->trigger();
    number_field(dialog, "brightness")->setValue(0.25);
    REQUIRE(wait_until([&] { return card.shows_grey(192); }, 10000));

    IconToggle* eye = dialog.row(0)->enabled_toggle();
    CHECK(eye->isChecked());
    eye->click();
    CHECK_FALSE(card.controller.source_filters(card.item_id)[0].enabled);
    CHECK_FALSE(dialog.row(0)->name_label()->isEnabled());  // dimmed, as the eye says
    CHECK(wait_until([&] { return card.shows_grey(128); }, 10000));
    eye->click();
    CHECK(card.controller.source_filters(card.item_id)[0].enabled);
    CHECK(wait_until([&] { return card.shows_grey(192); }, 10000));

    // Close keeps what was applied.
    button(dialog, "close")->click();
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(card.controller.source_filters(card.item_id).size() == 1);
    QTest::qWait(100);
    CHECK(card.shows_grey(192));
}

TEST_CASE("filters are reordered, renamed and removed; Close keeps it all", "[ui][filters]") {
    ColourCard card(false);
    FiltersDialog dialog(card.controller, card.item_id);
    add_action(dialog, "color_correction")->trigger();
    add_action(dialog, "sharpen")->trigger();
    add_action(dialog, "color_correction")->trigger();
    CHECK(row_names(dialog) == QStringList{"Colour correction", "Sharpen", "Colour correction 2"});
    CHECK(dialog.selected_index() == 2);

    QAction* up = dialog.findChild<QAction*>("moveFilterUp");
    QAction* down = dialog.findChild<QAction*>("moveFilterDown");
    REQUIRE(up != nullptr);
    REQUIRE(down != nullptr);
    CHECK_FALSE(down->isEnabled());  // already last
    up->trigger();
    CHECK(row_names(dialog) == QStringList{"Colour correction", "Colour correction 2", "Sharpen"});
    CHECK(dialog.selected_index() == 1);  // the selection moves with it
    up->trigger();
    CHECK(controller_names(card) ==
          std::vector<std::string>{"Colour correction 2", "Colour correction", "Sharpen"});
    CHECK_FALSE(up->isEnabled());  // now first
    down->trigger();
    CHECK(controller_names(card) ==
          std::vector<std::string>{"Colour correction", "Colour correction 2", "Sharpen"});

    std::optional<QString> answer = QString("Warm look");
    dialog.set_name_prompt([&](const QString&, const QString&) { return answer; });
    dialog.select(1);
    dialog.findChild<QAction*>("renameFilter")->trigger();
    CHECK(controller_names(card) ==
          std::vector<std::string>{"Colour correction", "Warm look", "Sharpen"});
    CHECK(dialog.row(1)->name_label()->text() == "Warm look");
    answer = QString("Sharpen");  // taken
    dialog.findChild<QAction*>("renameFilter")->trigger();
    CHECK(dialog.error().contains("already has a filter named 'Sharpen'"));
    CHECK(controller_names(card)[1] == "Warm look");

    dialog.select(0);
    dialog.findChild<QAction*>("removeFilter")->trigger();
    CHECK(row_names(dialog) == QStringList{"Warm look", "Sharpen"});
    CHECK(dialog.selected_index() == 0);
    dialog.accept();

    // The collection keeps them, through a save and a load.
    const std::string saved = serialize(card.controller.description());
    StudioController reloaded(card.registry);
    reloaded.load(parse_scene_collection(saved, "saved.json"));
    const std::vector<ItemView> items = reloaded.items();
    REQUIRE(items.size() == 1);
    const std::vector<FilterDescription> filters = reloaded.source_filters(items[0].id);
    REQUIRE(filters.size() == 2);
    CHECK(filters[0].name == "Warm look");
    CHECK(filters[0].type == "color_correction");
    CHECK(filters[1].type == "sharpen");
}

TEST_CASE("Cancel restores the filters the source had, settings and order included",
          "[ui][filters]") {
    ColourCard card(false);
    FilterDescription warm{"Warm", "color_correction", true, {{"hue_shift", 10.0}}};
    FilterDescription sharp{"Sharp", "sharpen", false, {{"amount", 80}}};
    card.controller.set_source_filters(card.item_id, {warm, sharp});
    const std::vector<FilterDescription> before = card.controller.source_filters(card.item_id);

    FiltersDialog dialog(card.controller, card.item_id);
    CHECK(row_names(dialog) == QStringList{"Warm", "Sharp"});
    CHECK(dialog.row(0)->enabled_toggle()->isChecked());
    CHECK_FALSE(dialog.row(1)->enabled_toggle()->isChecked());
    CHECK(number_field(dialog, "hue_shift")->value() == 10.0);  // the first is selected

    number_field(dialog, "hue_shift")->setValue(-40);
    dialog.findChild<QAction*>("moveFilterDown")->trigger();
    dialog.row(0)->enabled_toggle()->click();
    add_action(dialog, "scroll")->trigger();
    CHECK_FALSE(card.controller.source_filters(card.item_id) == before);

    dialog.reject();  // Cancel, or Esc
    CHECK(card.controller.source_filters(card.item_id) == before);
}

TEST_CASE("a bad LUT file is shown on the filter's row", "[ui][filters]") {
    ColourCard card(false);
    TempDir dir;
    FiltersDialog dialog(card.controller, card.item_id);
    dialog.show();
    add_action(dialog, "lut")->trigger();
    FilterRow* row = dialog.row(0);
    REQUIRE(row != nullptr);
    // No file chosen yet: already a problem, in words.
    CHECK(row->status().level == SourceStatus::Level::error);
    CHECK(row->status_text()->isVisible());

    {
        std::ofstream cube(dir / "look.cube");
        cube << "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 zero 0\n";
    }
    auto* file = dialog.form()->findChild<QLineEdit*>("file");
    REQUIRE(file != nullptr);
    file->setText(QString::fromStdString((dir / "look.cube").string()));
    CHECK(row->status_text()->isVisible());
    CHECK(row->status_text()->text().contains("look.cube"));
    CHECK(row->status_text()->text().contains("line"));
    CHECK(row->toolTip() == row->status_text()->text());
    // The source's own status names it too (the Sources dock shows that one).
    CHECK(card.controller.source_status(card.item_id).message.find("look.cube") !=
          std::string::npos);

    file->setText(QString::fromStdString((dir / "missing.cube").string()));
    CHECK(row->status_text()->text().contains("missing.cube"));

    // A good file clears it; the row follows within the dialog's polling.
    {
        std::ofstream cube(dir / "good.cube");
        cube << "LUT_3D_SIZE 2\n";
        for (int b = 0; b < 2; ++b)
            for (int g = 0; g < 2; ++g)
                for (int r = 0; r < 2; ++r)
                    cube << r << ' ' << g << ' ' << b << '\n';
    }
    file->setText(QString::fromStdString((dir / "good.cube").string()));
    CHECK(wait_until([&] { return row->status().ok(); }, 3000));
    CHECK_FALSE(row->status_text()->isVisible());
}

TEST_CASE("the dialog gives up when its source leaves the scene", "[ui][filters]") {
    ColourCard card(false);
    FiltersDialog dialog(card.controller, card.item_id);
    dialog.show();
    add_action(dialog, "sharpen")->trigger();
    card.controller.remove_item(card.item_id);
    CHECK_FALSE(dialog.isVisible());
    CHECK(dialog.result() == QDialog::Rejected);
}
