// The "Scene Collection" menu, as in OBS (see NamedListMenu). New starts from the default
// collection; Duplicate, Rename and Export start from what is on screen.
#pragma once

#include <QString>

#include <string>
#include <vector>

#include "ui/window/named_list_menu.hpp"

namespace lm::ui {

class MainWindow;

class CollectionMenu : public NamedListMenu {
    Q_OBJECT

public:
    /// Fills `window.collection_menu()`; owned by (and must not outlive) the window.
    explicit CollectionMenu(MainWindow& window);

    // What the actions do, also callable directly.
    void new_collection();
    void duplicate_collection();
    void rename_collection();
    void remove_collection();
    void import_collection();
    void export_collection();

private:
    std::vector<std::string> stored_names() const override;
    std::string current_name() const override;
    void list_clicked(const std::string& name) override;
    QString file_filter() const override;

    /// Writes the current collection to its file now (the window saves half a second after an
    /// edit), so copies and renames start from what is on screen.
    void save_current();
    /// Throws SceneCollectionError unless `name` is a valid name no collection has.
    void check_free(const std::string& name) const;
};

}  // namespace lm::ui
