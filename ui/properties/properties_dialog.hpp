// The properties dialog of a source, encoder or output: a PropertiesForm with live preview.
#pragma once

#include <QDialog>
#include <nlohmann/json.hpp>

#include <functional>

#include "core/scene/properties.hpp"

class QPushButton;

namespace lm::ui {

class PropertiesForm;

/// "Properties for '<name>'": the form, then Defaults, OK and Cancel.
///
/// Live preview: every valid edit is passed to `apply_live` at once, so the engine shows the
/// change while the dialog is open; invalid states are not applied and OK is disabled while
/// the form is invalid. Cancel, Esc and closing the window call apply_live(original settings)
/// when anything had been applied, restoring the old look; OK keeps what was applied.
class PropertiesDialog : public QDialog {
    Q_OBJECT

public:
    using ApplyLive = std::function<void(const nlohmann::json& settings)>;

    PropertiesDialog(const QString& name, const lm::PropertySchema& schema,
                     const nlohmann::json& settings, ApplyLive apply_live,
                     QWidget* parent = nullptr);

    /// The edited settings (see PropertiesForm::settings()).
    nlohmann::json settings() const;

    /// The form, to inject pickers or inspect it.
    PropertiesForm& form() const { return *form_; }

    /// OK is refused while the form is invalid.
    void accept() override;
    /// Restores the original settings through apply_live if anything had been applied.
    void reject() override;

private:
    void form_changed();

    PropertiesForm* form_;
    QPushButton* ok_button_;
    ApplyLive apply_live_;
    nlohmann::json original_;
    bool applied_ = false;  ///< apply_live has been called with an edit
};

}  // namespace lm::ui
