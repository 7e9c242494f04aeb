#include "ui/window/named_list_menu.hpp"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>

#include "ui/window/main_window.hpp"

namespace lm::ui {
namespace {

constexpr int kStatusMessageMs = 5000;

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

NamedListMenu::NamedListMenu(MainWindow& window, QMenu* menu, const QString& kind,
                             const Actions& run)
    : QObject(&window), window_(window), menu_(menu), prompts_(MenuPrompts::dialogs(&window)) {
    auto add = [&](const QString& text, const QString& verb, const std::function<void()>& slot) {
        QAction* action = new QAction(text, this);
        action->setObjectName(verb + kind + "Action");
        connect(action, &QAction::triggered, this, slot);
        menu_->addAction(action);
    };
    add(tr("&New…"), "new", run.create);
    add(tr("&Duplicate…"), "duplicate", run.duplicate);
    add(tr("&Rename…"), "rename", run.rename);
    add(tr("Re&move"), "remove", run.remove);
    menu_->addSeparator();
    add(tr("&Import…"), "import", run.import_file);
    add(tr("&Export…"), "export", run.export_file);
    menu_->addSeparator();
    connect(menu_, &QMenu::aboutToShow, this, &NamedListMenu::rebuild);
}

void NamedListMenu::rebuild() {
    // deleteLater: rebuild also runs from a list action's own triggered signal.
    for (QAction* action : list_actions_) {
        menu_->removeAction(action);
        action->deleteLater();
    }
    list_actions_.clear();

    // The current entry is listed even before its first save.
    const std::string current = current_name();
    std::vector<std::string> names = stored_names();
    if (std::find(names.begin(), names.end(), current) == names.end()) {
        names.push_back(current);
        std::sort(names.begin(), names.end());
    }
    for (const std::string& name : names) {
        QAction* action = new QAction(menu_text(name), this);
        action->setCheckable(true);
        action->setChecked(name == current);
        action->setData(QString::fromStdString(name));
        connect(action, &QAction::triggered, this, [this, name] {
            list_clicked(name);
            rebuild();
        });
        menu_->addAction(action);
        list_actions_.push_back(action);
    }
}

std::optional<std::string> NamedListMenu::ask_name(const QString& title, const QString& suggested) {
    const std::optional<QString> answer = prompts_.name(title, tr("Name:"), suggested);
    if (!answer)
        return std::nullopt;
    return answer->trimmed().toStdString();
}

std::optional<std::string> NamedListMenu::ask_removal(const QString& title, const QString& only_one,
                                                      const QString& question) {
    const std::string name = current_name();
    std::vector<std::string> others = stored_names();
    others.erase(std::remove(others.begin(), others.end(), name), others.end());
    if (others.empty()) {
        show_error(title, only_one);
        return std::nullopt;
    }
    if (!prompts_.confirm(title, question))
        return std::nullopt;
    return others.front();
}

QString NamedListMenu::ask_import_file(const QString& title) {
    return prompts_.open_file(title, file_filter());
}

QString NamedListMenu::ask_export_file(const QString& title, const std::string& name) {
    return prompts_.save_file(title, QString::fromStdString(name + ".json"), file_filter());
}

void NamedListMenu::show_status(const QString& message) {
    window_.statusBar()->showMessage(message, kStatusMessageMs);
}

void NamedListMenu::show_error(const QString& title, const QString& message) {
    last_error_ = message;
    // Non-modal: the show never waits on a message box.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, &window_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

}  // namespace lm::ui
