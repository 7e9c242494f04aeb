// The "Scene Collection" menu, as in OBS: New, Duplicate, Rename, Remove, Import and Export
// act on the current collection; below a separator, every stored collection, the current one
// checked, switches on click. The list is rebuilt each time the menu opens, so files added
// or removed behind the window's back show up.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QAction;
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

class CollectionMenu : public QObject {
    Q_OBJECT

public:
    /// Fills `window.collection_menu()`; owned by (and must not outlive) the window.
    explicit CollectionMenu(MainWindow& window);

    /// Replace to answer the questions without dialogs.
    MenuPrompts& prompts() { return prompts_; }
    /// The last error shown to the user (empty when none); each is also shown in a non-modal
    /// message box.
    const QString& last_error() const { return last_error_; }

    /// Re-lists the stored collections; runs each time the menu is about to show.
    void rebuild();

    // What the actions do, also callable directly.
    void new_collection();
    void duplicate_collection();
    void rename_collection();
    void remove_collection();
    void import_collection();
    void export_collection();

private:
    /// Writes the current collection to its file now (the window saves half a second after an
    /// edit), so copies and renames start from what is on screen.
    void save_current();
    /// Throws SceneCollectionError unless `name` is a valid name no collection has.
    void check_free(const std::string& name) const;
    std::optional<std::string> ask_name(const QString& title, const QString& suggested);
    void show_error(const QString& title, const QString& message);

    MainWindow& window_;
    MenuPrompts prompts_;
    QString last_error_;
    std::vector<QAction*> list_actions_;  // one per collection, owned here
};

/// "&&" for every '&', so a name shows as written instead of gaining a mnemonic.
QString menu_text(const std::string& name);

}  // namespace lm::ui
