// The "Profile" menu, as in OBS (see NamedListMenu). New starts from the default settings.
// Anything that changes the current profile goes through MainWindow::switch_profile, so it is
// refused (with the reason shown) while streaming or recording, and leaves the profiles as
// they were then.
#pragma once

#include <QString>

#include <string>
#include <vector>

#include "ui/window/named_list_menu.hpp"

namespace lm::ui {

class MainWindow;

class ProfileMenu : public NamedListMenu {
    Q_OBJECT

public:
    /// Fills `window.profile_menu()`; owned by (and must not outlive) the window.
    explicit ProfileMenu(MainWindow& window);

    // What the actions do, also callable directly.
    void new_profile();
    void duplicate_profile();
    void rename_profile();
    void remove_profile();
    void import_profile();
    void export_profile();

private:
    std::vector<std::string> stored_names() const override;
    std::string current_name() const override;
    void list_clicked(const std::string& name) override;
    QString file_filter() const override;

    /// Switches to `name`; false (the refusal shown under `title`) when the window refuses.
    bool switch_to(const std::string& name, const QString& title);
    /// `base`, or `base (2)`, `base (3)`... whichever is free in the store.
    std::string free_name(const std::string& base) const;
};

}  // namespace lm::ui
