#include "ui/docks/dock_prompts.hpp"

#include <QDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>

namespace lm::ui {

ConfirmPrompt message_box_confirm(QWidget* parent) {
    // A QPointer, because the prompt may outlive the widget it was made for.
    return [owner = QPointer<QWidget>(parent)](const QString& question) {
        return QMessageBox::question(owner, QObject::tr("Confirm"), question,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
}

NamePrompt input_dialog_name(QWidget* parent) {
    return [owner = QPointer<QWidget>(parent)](const QString& title,
                                               const QString& suggested) -> std::optional<QString> {
        bool ok = false;
        const QString name = QInputDialog::getText(owner, title, QObject::tr("Name:"),
                                                   QLineEdit::Normal, suggested, &ok)
                                 .trimmed();
        if (!ok || name.isEmpty())
            return std::nullopt;
        return name;
    };
}

DialogRunner exec_dialog_runner() {
    return [](QDialog& dialog) { return dialog.exec(); };
}

}  // namespace lm::ui
