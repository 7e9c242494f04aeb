// The questions the scenes and sources docks ask (confirm a removal, name a new source, run a
// properties dialog), as replaceable functions so tests and automation answer them without a
// modal dialog blocking.
#pragma once

#include <QString>

#include <functional>
#include <optional>

class QDialog;
class QWidget;

namespace lm::ui {

/// Asks to confirm a destructive action; `question` is ready to show ("Remove 'Scene 2'?").
/// True means go ahead.
using ConfirmPrompt = std::function<bool(const QString& question)>;

/// Asks for a name, prefilled with `suggested`. Nothing when cancelled.
using NamePrompt =
    std::function<std::optional<QString>(const QString& title, const QString& suggested)>;

/// Runs a dialog to its end and returns its result (QDialog::Accepted or Rejected).
using DialogRunner = std::function<int(QDialog& dialog)>;

/// QMessageBox::question over `parent` (Yes/No, No by default).
ConfirmPrompt message_box_confirm(QWidget* parent);

/// QInputDialog::getText over `parent`; an empty answer counts as cancelled.
NamePrompt input_dialog_name(QWidget* parent);

/// QDialog::exec.
DialogRunner exec_dialog_runner();

}  // namespace lm::ui
