#include "ui/window/collection_menu.hpp"

#include "ui/model/studio_controller.hpp"
#include "ui/window/main_window.hpp"

namespace lm::ui {

CollectionMenu::CollectionMenu(MainWindow& window)
    : NamedListMenu(window, window.collection_menu(), "Collection",
                    {[this] { new_collection(); }, [this] { duplicate_collection(); },
                     [this] { rename_collection(); }, [this] { remove_collection(); },
                     [this] { import_collection(); }, [this] { export_collection(); }}) {
    rebuild();
}

std::vector<std::string> CollectionMenu::stored_names() const {
    return window_.collection_store().list();
}

std::string CollectionMenu::current_name() const {
    return window_.collection_name();
}

void CollectionMenu::list_clicked(const std::string& name) {
    window_.switch_collection(name);
}

QString CollectionMenu::file_filter() const {
    return tr("Scene collections (*.json);;All files (*)");
}

void CollectionMenu::save_current() {
    window_.collection_store().save(window_.collection_name(), window_.controller().description());
}

void CollectionMenu::check_free(const std::string& name) const {
    window_.collection_store().check_new_name(name);
    // The current collection has no file until its first save, yet its name is taken.
    if (name == window_.collection_name()) {
        throw SceneCollectionError("A scene collection named '" + name + "' already exists.");
    }
}

void CollectionMenu::new_collection() {
    const QString title = tr("New scene collection");
    const auto name =
        ask_name(title, QString::fromStdString(window_.collection_store().free_name("Untitled")));
    if (!name)
        return;
    try {
        check_free(*name);
        window_.switch_collection(*name);  // no file yet: it starts as the default collection
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::duplicate_collection() {
    const QString title = tr("Duplicate scene collection");
    CollectionStore& store = window_.collection_store();
    const auto name =
        ask_name(title, QString::fromStdString(store.free_name(window_.collection_name())));
    if (!name)
        return;
    try {
        check_free(*name);
        store.save(*name, window_.controller().description());
        window_.switch_collection(*name);
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::rename_collection() {
    const QString title = tr("Rename scene collection");
    CollectionStore& store = window_.collection_store();
    const std::string from = window_.collection_name();
    const auto to = ask_name(title, QString::fromStdString(from));
    if (!to || *to == from)
        return;
    try {
        check_free(*to);
        save_current();
        store.rename(from, *to);
        // The window only changes its collection by switching: it saves once more under the
        // old name on the way, which is removed again right after.
        window_.switch_collection(*to);
        store.remove(from);
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::remove_collection() {
    const QString title = tr("Remove scene collection");
    const std::string name = window_.collection_name();
    const QString shown = QString::fromStdString(name);
    const auto next = ask_removal(
        title, tr("'%1' is the only scene collection; there must always be one.").arg(shown),
        tr("Remove the scene collection '%1'? This cannot be undone.").arg(shown));
    if (!next)
        return;
    try {
        window_.switch_collection(*next);  // saves `name`, so its file exists
        window_.collection_store().remove(name);
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::import_collection() {
    const QString title = tr("Import scene collection");
    const QString file = ask_import_file(title);
    if (file.isEmpty())
        return;
    try {
        const std::string name = window_.collection_store().import_file(file.toStdString());
        show_status(tr("Imported the scene collection '%1'.").arg(QString::fromStdString(name)));
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::export_collection() {
    const QString title = tr("Export scene collection");
    const std::string name = window_.collection_name();
    const QString file = ask_export_file(title, name);
    if (file.isEmpty())
        return;
    try {
        save_current();
        window_.collection_store().export_file(name, file.toStdString());
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
}

}  // namespace lm::ui
