#include "ui/window/transitions_dock.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

#include "ui/model/studio_controller.hpp"

namespace lm::ui {

TransitionsDock::TransitionsDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Scene Transitions"), parent), controller_(controller) {
    setObjectName("transitionsDock");
    auto* body = new QWidget(this);
    auto* form = new QFormLayout(body);
    kind_ = new QComboBox(body);
    kind_->setObjectName("transitionKind");
    kind_->addItem(tr("Fade"), int(Transition::Kind::fade));
    kind_->addItem(tr("Cut"), int(Transition::Kind::cut));
    duration_ = new QSpinBox(body);
    duration_->setObjectName("transitionDuration");
    duration_->setRange(50, 20000);
    duration_->setSingleStep(50);
    duration_->setSuffix(tr(" ms"));
    form->addRow(tr("Transition"), kind_);
    form->addRow(tr("Duration"), duration_);
    setWidget(body);

    const Transition& current = controller_.transition();
    kind_->setCurrentIndex(kind_->findData(int(current.kind)));
    duration_->setValue(current.duration_ms);
    duration_->setEnabled(current.kind == Transition::Kind::fade);
    connect(kind_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(duration_, &QSpinBox::valueChanged, this, &TransitionsDock::apply);
}

void TransitionsDock::apply() {
    const auto kind = Transition::Kind(kind_->currentData().toInt());
    duration_->setEnabled(kind == Transition::Kind::fade);
    controller_.set_transition(Transition{kind, duration_->value()});
}

}  // namespace lm::ui
