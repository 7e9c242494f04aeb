// What the "Profile" and "Scene Collection" menus share, as in OBS: New, Duplicate, Rename,
// Remove, Import and Export act on the current entry; below a separator, every stored entry,
// the current one checked, switches on click. The list is rebuilt each time the menu opens,
// so files added or removed behind the window's back show up. Subclasses say which store and
// which switch they act on.
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QMenu;
class QWidget;

namespace lm::ui {

class MainWindow;

/// The questions a store menu asks. The defaults are modal dialogs; tests replace them so
/// that nothing ever waits for a click.
struct MenuPrompts {
    /// A name, or nothing when cancelled; `text` is the suggestion shown.
    std::function<std::optional<QString>(const QString& title, const QString& label,
                                         const QString& text)>
        name;
    /// True to go ahead.
    std::function<bool(const QString& title, const QString& question)> confirm;
    /// A file to read, or empty when cancelled.
    std::function<QString(const QString& title, const QString& filter)> open_file;
    /// A file to write (the dialog asks before replacing one), or empty when cancelled.
    std::function<QString(const QString& title, const QString& suggested, const QString& filter)>
        save_file;

    /// QInputDialog, QMessageBox and QFileDialog over `parent`.
    static MenuPrompts dialogs(QWidget* parent);
};

class NamedListMenu : public QObject {
    Q_OBJECT

public:
    /// Replace to answer the questions without dialogs.
    MenuPrompts& prompts() { return prompts_; }
    /// The last error or refusal shown to the user (empty when none); each is also shown in
    /// a non-modal message box.
    const QString& last_error() const { return last_error_; }

    /// Re-lists the stored entries; runs each time the menu is about to show.
    void rebuild();

protected:
    /// What each of the six actions runs.
    struct Actions {
        std::function<void()> create;
        std::function<void()> duplicate;
        std::function<void()> rename;
        std::function<void()> remove;
        std::function<void()> import_file;
        std::function<void()> export_file;
    };

    /// Fills `menu` with the actions, named "new<kind>Action", "duplicate<kind>Action"...;
    /// owned by (and must not outlive) the window. The subclass calls rebuild() once it is
    /// constructed, since the list needs its hooks.
    NamedListMenu(MainWindow& window, QMenu* menu, const QString& kind, const Actions& run);

    /// The names in the store, sorted.
    virtual std::vector<std::string> stored_names() const = 0;
    /// The entry the window uses now, listed even when the store has no file for it yet.
    virtual std::string current_name() const = 0;
    /// A click on `name` in the list.
    virtual void list_clicked(const std::string& name) = 0;
    /// The filter of the Import and Export file dialogs.
    virtual QString file_filter() const = 0;

    /// The trimmed name the user typed, or nothing when cancelled.
    std::optional<std::string> ask_name(const QString& title, const QString& suggested);
    /// The first other stored entry once the user confirmed `question`; nothing when
    /// cancelled, or when the current entry is the only one (`only_one` shown then).
    std::optional<std::string> ask_removal(const QString& title, const QString& only_one,
                                           const QString& question);
    /// The file to import, or empty when cancelled.
    QString ask_import_file(const QString& title);
    /// Where to export `name`, or empty when cancelled.
    QString ask_export_file(const QString& title, const std::string& name);
    /// `message` in the window's status bar for a few seconds.
    void show_status(const QString& message);
    void show_error(const QString& title, const QString& message);

    MainWindow& window_;

private:
    QMenu* menu_;
    MenuPrompts prompts_;
    QString last_error_;
    std::vector<QAction*> list_actions_;  // one per stored entry, owned here
};

/// "&&" for every '&', so a name shows as written instead of gaining a mnemonic.
QString menu_text(const std::string& name);

}  // namespace lm::ui
