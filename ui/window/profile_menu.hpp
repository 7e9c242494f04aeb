// The "Profile" menu, as in OBS: New (from the default settings), Duplicate, Rename, Remove,
// Import and Export act on the current profile; below a separator, every stored profile, the
// current one checked, switches on click. Anything that changes the current profile goes
// through MainWindow::switch_profile, so it is refused (with the reason shown) while
// streaming or recording, and leaves the profiles as they were then.
#pragma once

#include <QObject>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "ui/window/collection_menu.hpp"

class QAction;

namespace lm::ui {

class MainWindow;

class ProfileMenu : public QObject {
    Q_OBJECT

public:
    /// Fills `window.profile_menu()`; owned by (and must not outlive) the window.
    explicit ProfileMenu(MainWindow& window);

    /// Replace to answer the questions without dialogs.
    MenuPrompts& prompts() { return prompts_; }
    /// The last error or refusal shown to the user (empty when none); each is also shown in
    /// a non-modal message box.
    const QString& last_error() const { return last_error_; }

    /// Re-lists the stored profiles; runs each time the menu is about to show.
    void rebuild();

    // What the actions do, also callable directly.
    void new_profile();
    void duplicate_profile();
    void rename_profile();
    void remove_profile();
    void import_profile();
    void export_profile();

private:
    /// Switches to `name`; false (the refusal shown under `title`) when the window refuses.
    bool switch_to(const std::string& name, const QString& title);
    std::optional<std::string> ask_name(const QString& title, const QString& suggested);
    /// `base`, or `base (2)`, `base (3)`... whichever is free in the store.
    std::string free_name(const std::string& base) const;
    void show_error(const QString& title, const QString& message);

    MainWindow& window_;
    MenuPrompts prompts_;
    QString last_error_;
    std::vector<QAction*> list_actions_;  // one per profile, owned here
};

}  // namespace lm::ui
