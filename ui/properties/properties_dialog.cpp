#include "ui/properties/properties_dialog.hpp"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

#include "ui/properties/properties_form.hpp"

namespace lm::ui {

PropertiesDialog::PropertiesDialog(const QString& name, const lm::PropertySchema& schema,
                                   const nlohmann::json& settings, ApplyLive apply_live,
                                   QWidget* parent)
    : QDialog(parent),
      form_(new PropertiesForm(schema, settings, this)),
      apply_live_(std::move(apply_live)),
      original_(settings) {
    setWindowTitle(tr("Properties for '%1'").arg(name));
    setMinimumWidth(420);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ok_button_ = buttons->button(QDialogButtonBox::Ok);
    QPushButton* defaults = buttons->addButton(tr("Defaults"), QDialogButtonBox::ResetRole);
    defaults->setObjectName("defaults");
    defaults->setAutoDefault(false);
    connect(defaults, &QPushButton::clicked, form_, &PropertiesForm::restore_defaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &PropertiesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PropertiesDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(form_, 1);
    layout->addWidget(buttons);

    connect(form_, &PropertiesForm::settingsChanged, this, &PropertiesDialog::form_changed);
    ok_button_->setEnabled(form_->error().isEmpty());
}

nlohmann::json PropertiesDialog::settings() const {
    return form_->settings();
}

void PropertiesDialog::form_changed() {
    const bool valid = form_->error().isEmpty();
    ok_button_->setEnabled(valid);
    if (valid && apply_live_) {
        apply_live_(form_->settings());
        applied_ = true;
    }
}

void PropertiesDialog::accept() {
    if (!form_->error().isEmpty())
        return;  // Enter while invalid: the inline error already says why
    QDialog::accept();
}

void PropertiesDialog::reject() {
    if (applied_ && apply_live_) {
        apply_live_(original_);
        applied_ = false;  // a second reject (Esc, then close) must not restore twice
    }
    QDialog::reject();
}

}  // namespace lm::ui
