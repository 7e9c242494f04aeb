// The properties dialog of a source: the generated PropertiesDialog, plus the engine's own
// refusals (a file that cannot be opened, a device that is gone) shown inside it.
#pragma once

#include <QString>

#include "ui/properties/properties_dialog.hpp"

class QLabel;

namespace lm::ui {

/// `apply_live` and `commit` may throw std::exception: its message is shown under the form
/// (QLabel "applyError", palette-independent error colour), and OK is refused until an edit
/// applies cleanly. `commit` (may be empty) is called with the settings when OK is pressed,
/// and the dialog only closes when it succeeds: the sources dock adds a new source there.
class SourcePropertiesDialog : public PropertiesDialog {
    Q_OBJECT

public:
    using Commit = std::function<void(const nlohmann::json& settings)>;

    SourcePropertiesDialog(const QString& name, const lm::PropertySchema& schema,
                           const nlohmann::json& settings, ApplyLive apply_live, Commit commit,
                           QWidget* parent = nullptr);

    /// The engine's last refusal, empty when the last apply or commit succeeded.
    QString error() const { return error_; }

    void accept() override;

private:
    /// Runs `step`, recording its failure; true when it succeeded.
    bool attempt(const std::function<void()>& step);
    void show_error(const QString& error);

    Commit commit_;
    QLabel* error_label_;
    QString error_;
};

}  // namespace lm::ui
