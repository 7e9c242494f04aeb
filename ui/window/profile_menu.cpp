#include "ui/window/profile_menu.hpp"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>
#include <filesystem>

#include "ui/settings/profile_json.hpp"
#include "ui/window/main_window.hpp"

namespace lm::ui {
namespace {

constexpr int kStatusMessageMs = 5000;

QString file_filter() {
    return QObject::tr("Profiles (*.json);;All files (*)");
}

}  // namespace

ProfileMenu::ProfileMenu(MainWindow& window)
    : QObject(&window), window_(window), prompts_(MenuPrompts::dialogs(&window)) {
    QMenu* menu = window_.profile_menu();
    auto add = [&](const QString& text, const char* object_name, void (ProfileMenu::*slot)()) {
        QAction* action = new QAction(text, this);
        action->setObjectName(object_name);
        connect(action, &QAction::triggered, this, slot);
        menu->addAction(action);
    };
    add(tr("&New…"), "newProfileAction", &ProfileMenu::new_profile);
    add(tr("&Duplicate…"), "duplicateProfileAction", &ProfileMenu::duplicate_profile);
    add(tr("&Rename…"), "renameProfileAction", &ProfileMenu::rename_profile);
    add(tr("Re&move"), "removeProfileAction", &ProfileMenu::remove_profile);
    menu->addSeparator();
    add(tr("&Import…"), "importProfileAction", &ProfileMenu::import_profile);
    add(tr("&Export…"), "exportProfileAction", &ProfileMenu::export_profile);
    menu->addSeparator();
    connect(menu, &QMenu::aboutToShow, this, &ProfileMenu::rebuild);
    rebuild();
}

void ProfileMenu::rebuild() {
    QMenu* menu = window_.profile_menu();
    // deleteLater: rebuild also runs from a list action's own triggered signal.
    for (QAction* action : list_actions_) {
        menu->removeAction(action);
        action->deleteLater();
    }
    list_actions_.clear();
    std::vector<std::string> names = window_.profile_store().list();
    if (std::find(names.begin(), names.end(), window_.profile_name()) == names.end()) {
        names.push_back(window_.profile_name());
        std::sort(names.begin(), names.end());
    }
    for (const std::string& name : names) {
        QAction* action = new QAction(menu_text(name), this);
        action->setCheckable(true);
        action->setChecked(name == window_.profile_name());
        action->setData(QString::fromStdString(name));
        connect(action, &QAction::triggered, this, [this, name] {
            if (name != window_.profile_name())
                switch_to(name, tr("Switch profile"));
            rebuild();
        });
        menu->addAction(action);
        list_actions_.push_back(action);
    }
}

bool ProfileMenu::switch_to(const std::string& name, const QString& title) {
    const QString refusal = window_.switch_profile(name);
    if (refusal.isEmpty())
        return true;
    show_error(title, refusal);
    return false;
}

std::optional<std::string> ProfileMenu::ask_name(const QString& title, const QString& suggested) {
    const std::optional<QString> answer = prompts_.name(title, tr("Name:"), suggested);
    if (!answer)
        return std::nullopt;
    return answer->trimmed().toStdString();
}

std::string ProfileMenu::free_name(const std::string& base) const {
    // A folder without a profile.json still blocks the name in the store.
    auto taken = [this](const std::string& name) {
        std::error_code error;
        return std::filesystem::exists(window_.profile_store().folder() / name, error) ||
               name == window_.profile_name();
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const std::string candidate = base + " (" + std::to_string(n) + ")";
        if (!taken(candidate))
            return candidate;
    }
}

void ProfileMenu::new_profile() {
    const QString title = tr("New profile");
    const auto name = ask_name(title, QString::fromStdString(free_name("Untitled")));
    if (!name)
        return;
    try {
        window_.profile_store().create(*name, default_profile());
        // Refused while live: the new profile goes again, so a refusal changes nothing.
        if (!switch_to(*name, title))
            window_.profile_store().remove(*name);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::duplicate_profile() {
    const QString title = tr("Duplicate profile");
    const std::string from = window_.profile_name();
    const auto name = ask_name(title, QString::fromStdString(free_name(from)));
    if (!name)
        return;
    try {
        window_.profile_store().duplicate(from, *name);
        if (!switch_to(*name, title))
            window_.profile_store().remove(*name);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::rename_profile() {
    const QString title = tr("Rename profile");
    ProfileStore& store = window_.profile_store();
    const std::string from = window_.profile_name();
    const auto to = ask_name(title, QString::fromStdString(from));
    if (!to || *to == from)
        return;
    try {
        store.rename(from, *to);
        // The window keeps saving under the name it switched to last; if it refuses the
        // switch, the old name must come back or its next save would recreate it.
        if (!switch_to(*to, title))
            store.rename(*to, from);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::remove_profile() {
    const QString title = tr("Remove profile");
    ProfileStore& store = window_.profile_store();
    const std::string name = window_.profile_name();
    std::vector<std::string> others = store.list();
    others.erase(std::remove(others.begin(), others.end(), name), others.end());
    if (others.empty()) {
        show_error(title, tr("'%1' is the only profile; there must always be one.")
                              .arg(QString::fromStdString(name)));
        return;
    }
    if (!prompts_.confirm(title, tr("Remove the profile '%1'? This cannot be undone.")
                                     .arg(QString::fromStdString(name)))) {
        return;
    }
    try {
        if (switch_to(others.front(), title))
            store.remove(name);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::import_profile() {
    const QString title = tr("Import profile");
    const QString file = prompts_.open_file(title, file_filter());
    if (file.isEmpty())
        return;
    try {
        const std::filesystem::path path = file.toStdString();
        const std::string name =
            window_.profile_store().import_file(path, free_name(path.stem().string()));
        window_.statusBar()->showMessage(
            tr("Imported the profile '%1'.").arg(QString::fromStdString(name)), kStatusMessageMs);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::export_profile() {
    const QString title = tr("Export profile");
    const std::string name = window_.profile_name();
    const QString file =
        prompts_.save_file(title, QString::fromStdString(name + ".json"), file_filter());
    if (file.isEmpty())
        return;
    try {
        window_.profile_store().export_file(name, file.toStdString());
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
}

void ProfileMenu::show_error(const QString& title, const QString& message) {
    last_error_ = message;
    // Non-modal: the show never waits on a message box.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, &window_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

}  // namespace lm::ui
