#include "ui/window/profile_menu.hpp"

#include <filesystem>

#include "ui/settings/profile_json.hpp"
#include "ui/window/main_window.hpp"

namespace lm::ui {

ProfileMenu::ProfileMenu(MainWindow& window)
    : NamedListMenu(window, window.profile_menu(), "Profile",
                    {[this] { new_profile(); }, [this] { duplicate_profile(); },
                     [this] { rename_profile(); }, [this] { remove_profile(); },
                     [this] { import_profile(); }, [this] { export_profile(); }}) {
    rebuild();
}

std::vector<std::string> ProfileMenu::stored_names() const {
    return window_.profile_store().list();
}

std::string ProfileMenu::current_name() const {
    return window_.profile_name();
}

void ProfileMenu::list_clicked(const std::string& name) {
    if (name != window_.profile_name())
        switch_to(name, tr("Switch profile"));
}

QString ProfileMenu::file_filter() const {
    return tr("Profiles (*.json);;All files (*)");
}

bool ProfileMenu::switch_to(const std::string& name, const QString& title) {
    const QString refusal = window_.switch_profile(name);
    if (refusal.isEmpty())
        return true;
    show_error(title, refusal);
    return false;
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
    const std::string name = window_.profile_name();
    const QString shown = QString::fromStdString(name);
    const auto next =
        ask_removal(title, tr("'%1' is the only profile; there must always be one.").arg(shown),
                    tr("Remove the profile '%1'? This cannot be undone.").arg(shown));
    if (!next)
        return;
    try {
        if (switch_to(*next, title))
            window_.profile_store().remove(name);
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::import_profile() {
    const QString title = tr("Import profile");
    const QString file = ask_import_file(title);
    if (file.isEmpty())
        return;
    try {
        const std::filesystem::path path = file.toStdString();
        const std::string name =
            window_.profile_store().import_file(path, free_name(path.stem().string()));
        show_status(tr("Imported the profile '%1'.").arg(QString::fromStdString(name)));
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
    rebuild();
}

void ProfileMenu::export_profile() {
    const QString title = tr("Export profile");
    const std::string name = window_.profile_name();
    const QString file = ask_export_file(title, name);
    if (file.isEmpty())
        return;
    try {
        window_.profile_store().export_file(name, file.toStdString());
    } catch (const ProfileError& e) {
        show_error(title, QString::fromStdString(e.what()));
    }
}

}  // namespace lm::ui
