#include "ui/window/collection_menu.hpp"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>

#include "ui/model/studio_controller.hpp"
#include "ui/window/main_window.hpp"

namespace lm::ui {
namespace {

constexpr int kStatusMessageMs = 5000;

QString file_filter() {
    return QObject::tr("Scene collections (*.json);;All files (*)");
}

}  // namespace

MenuPrompts MenuPrompts::dialogs(QWidget* parent) {
    MenuPrompts prompts;
    prompts.name = [parent](const QString& title, const QString& label,
                            const QString& text) -> std::optional<QString> {
        bool ok = false;
        const QString name =
            QInputDialog::getText(parent, title, label, QLineEdit::Normal, text, &ok);
        return ok ? std::optional<QString>(name) : std::nullopt;
    };
    prompts.confirm = [parent](const QString& title, const QString& question) {
        return QMessageBox::question(parent, title, question) == QMessageBox::Yes;
    };
    prompts.open_file = [parent](const QString& title, const QString& filter) {
        return QFileDialog::getOpenFileName(parent, title, QDir::homePath(), filter);
    };
    prompts.save_file = [parent](const QString& title, const QString& suggested,
                                 const QString& filter) {
        return QFileDialog::getSaveFileName(parent, title, QDir::home().filePath(suggested),
                                            filter);
    };
    return prompts;
}

QString menu_text(const std::string& name) {
    return QString::fromStdString(name).replace('&', "&&");
}

CollectionMenu::CollectionMenu(MainWindow& window)
    : QObject(&window), window_(window), prompts_(MenuPrompts::dialogs(&window)) {
    QMenu* menu = window_.collection_menu();
    auto add = [&](const QString& text, const char* object_name, void (CollectionMenu::*slot)()) {
        QAction* action = new QAction(text, this);
        action->setObjectName(object_name);
        connect(action, &QAction::triggered, this, slot);
        menu->addAction(action);
    };
    add(tr("&New…"), "newCollectionAction", &CollectionMenu::new_collection);
    add(tr("&Duplicate…"), "duplicateCollectionAction", &CollectionMenu::duplicate_collection);
    add(tr("&Rename…"), "renameCollectionAction", &CollectionMenu::rename_collection);
    add(tr("Re&move"), "removeCollectionAction", &CollectionMenu::remove_collection);
    menu->addSeparator();
    add(tr("&Import…"), "importCollectionAction", &CollectionMenu::import_collection);
    add(tr("&Export…"), "exportCollectionAction", &CollectionMenu::export_collection);
    menu->addSeparator();
    connect(menu, &QMenu::aboutToShow, this, &CollectionMenu::rebuild);
    rebuild();
}

void CollectionMenu::rebuild() {
    QMenu* menu = window_.collection_menu();
    // deleteLater: rebuild also runs from a list action's own triggered signal.
    for (QAction* action : list_actions_) {
        menu->removeAction(action);
        action->deleteLater();
    }
    list_actions_.clear();

    // The current collection is listed even before its first save.
    std::vector<std::string> names = window_.collection_store().list();
    if (std::find(names.begin(), names.end(), window_.collection_name()) == names.end()) {
        names.push_back(window_.collection_name());
        std::sort(names.begin(), names.end());
    }
    for (const std::string& name : names) {
        QAction* action = new QAction(menu_text(name), this);
        action->setCheckable(true);
        action->setChecked(name == window_.collection_name());
        action->setData(QString::fromStdString(name));
        connect(action, &QAction::triggered, this, [this, name] {
            window_.switch_collection(name);
            rebuild();
        });
        menu->addAction(action);
        list_actions_.push_back(action);
    }
}

void CollectionMenu::save_current() {
    window_.collection_store().save(window_.collection_name(), window_.controller().description());
}

std::optional<std::string> CollectionMenu::ask_name(const QString& title,
                                                    const QString& suggested) {
    const std::optional<QString> answer = prompts_.name(title, tr("Name:"), suggested);
    if (!answer)
        return std::nullopt;
    return answer->trimmed().toStdString();
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
    CollectionStore& store = window_.collection_store();
    const std::string name = window_.collection_name();
    std::vector<std::string> others = store.list();
    others.erase(std::remove(others.begin(), others.end(), name), others.end());
    if (others.empty()) {
        show_error(title, tr("'%1' is the only scene collection; there must always be one.")
                              .arg(QString::fromStdString(name)));
        return;
    }
    if (!prompts_.confirm(title, tr("Remove the scene collection '%1'? This cannot be undone.")
                                     .arg(QString::fromStdString(name)))) {
        return;
    }
    try {
        window_.switch_collection(others.front());  // saves `name`, so its file exists
        store.remove(name);
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::import_collection() {
    const QString title = tr("Import scene collection");
    const QString file = prompts_.open_file(title, file_filter());
    if (file.isEmpty())
        return;
    try {
        const std::string name = window_.collection_store().import_file(file.toStdString());
        window_.statusBar()->showMessage(
            tr("Imported the scene collection '%1'.").arg(QString::fromStdString(name)),
            kStatusMessageMs);
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void CollectionMenu::export_collection() {
    const QString title = tr("Export scene collection");
    const std::string name = window_.collection_name();
    const QString file =
        prompts_.save_file(title, QString::fromStdString(name + ".json"), file_filter());
    if (file.isEmpty())
        return;
    try {
        save_current();
        window_.collection_store().export_file(name, file.toStdString());
    } catch (const SceneCollectionError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
}

void CollectionMenu::show_error(const QString& title, const QString& message) {
    last_error_ = message;
    // Non-modal: the show never waits on a message box.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, &window_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

}  // namespace lm::ui
