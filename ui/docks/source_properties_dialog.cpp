#include "ui/docks/source_properties_dialog.hpp"

#include <QBoxLayout>
#include <QLabel>

#include <exception>
#include <utility>

#include "ui/properties/properties_form.hpp"

namespace lm::ui {
namespace {

// Fixed because it carries meaning (an error), like the form's own invalid tint.
const QColor kErrorColour(0xE0, 0x40, 0x40);

}  // namespace

SourcePropertiesDialog::SourcePropertiesDialog(const QString& name,
                                               const lm::PropertySchema& schema,
                                               const nlohmann::json& settings, ApplyLive apply_live,
                                               Commit commit, QWidget* parent)
    : PropertiesDialog(
          name, schema, settings,
          // Called only on edits, after construction: the label exists by then. A throw must
          // not cross the form's signal, so it is caught here and shown.
          apply_live ? ApplyLive([this, apply = std::move(apply_live)](const nlohmann::json& s) {
              attempt([&] { apply(s); });
          })
                     : ApplyLive(),
          parent),
      commit_(std::move(commit)),
      error_label_(new QLabel(this)) {
    error_label_->setObjectName(QStringLiteral("applyError"));
    error_label_->setWordWrap(true);
    error_label_->setTextFormat(Qt::PlainText);
    QPalette palette = error_label_->palette();
    palette.setColor(QPalette::WindowText, kErrorColour);
    error_label_->setPalette(palette);
    error_label_->hide();
    // Between the form and the buttons, where the form shows its own validation errors.
    if (auto* box = qobject_cast<QBoxLayout*>(layout()))
        box->insertWidget(box->count() - 1, error_label_);
}

bool SourcePropertiesDialog::attempt(const std::function<void()>& step) {
    try {
        step();
        show_error({});
        return true;
    } catch (const std::exception& error) {
        show_error(QString::fromStdString(error.what()));
        return false;
    }
}

void SourcePropertiesDialog::show_error(const QString& error) {
    error_ = error;
    error_label_->setText(error);
    error_label_->setVisible(!error.isEmpty());
}

void SourcePropertiesDialog::accept() {
    if (!form().error().isEmpty())
        return;  // the form already says what is wrong
    if (commit_) {
        const nlohmann::json settings = this->settings();
        if (!attempt([&] { commit_(settings); }))
            return;
    } else if (!error_.isEmpty()) {
        return;  // the engine refused the last edit: OK would keep settings it never took
    }
    PropertiesDialog::accept();
}

}  // namespace lm::ui
