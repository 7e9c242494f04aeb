#include "ui/window/transitions_dock.hpp"

#include <QColorDialog>
#include <QComboBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>

#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

bool moves(Transition::Kind kind) {
    return kind == Transition::Kind::slide || kind == Transition::Kind::swipe;
}

}  // namespace

TransitionsDock::TransitionsDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Scene Transitions"), parent), controller_(controller) {
    setObjectName("transitionsDock");
    auto* body = new QWidget(this);
    auto* form = new QFormLayout(body);
    kind_ = new QComboBox(body);
    kind_->setObjectName("transitionKind");
    kind_->addItem(tr("Fade"), int(Transition::Kind::fade));
    kind_->addItem(tr("Cut"), int(Transition::Kind::cut));
    kind_->addItem(tr("Slide"), int(Transition::Kind::slide));
    kind_->addItem(tr("Swipe"), int(Transition::Kind::swipe));
    kind_->addItem(tr("Fade to Colour"), int(Transition::Kind::fade_to_color));
    duration_ = new QSpinBox(body);
    duration_->setObjectName("transitionDuration");
    duration_->setRange(50, 20000);
    duration_->setSingleStep(50);
    duration_->setSuffix(tr(" ms"));
    direction_ = new QComboBox(body);
    direction_->setObjectName("transitionDirection");
    direction_->addItem(tr("Left"), int(Transition::Direction::left));
    direction_->addItem(tr("Right"), int(Transition::Direction::right));
    direction_->addItem(tr("Up"), int(Transition::Direction::up));
    direction_->addItem(tr("Down"), int(Transition::Direction::down));
    color_ = new QPushButton(body);
    color_->setObjectName("transitionColor");
    form->addRow(tr("Transition"), kind_);
    form->addRow(tr("Duration"), duration_);
    form->addRow(tr("Direction"), direction_);
    form->addRow(tr("Colour"), color_);
    setWidget(body);

    const Transition& current = controller_.transition();
    kind_->setCurrentIndex(kind_->findData(int(current.kind)));
    duration_->setValue(current.duration_ms);
    direction_->setCurrentIndex(direction_->findData(int(current.direction)));
    color_value_ = current.color;
    show_enabled(current.kind);
    connect(kind_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(duration_, &QSpinBox::valueChanged, this, &TransitionsDock::apply);
    connect(direction_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(color_, &QPushButton::clicked, this, [this] {
        const QColor chosen =
            QColorDialog::getColor(QColor::fromRgba(color_value_), this, tr("Transition Colour"));
        if (chosen.isValid()) {
            color_value_ = chosen.rgba() | 0xFF000000u;
            apply();
        }
    });
}

void TransitionsDock::show_enabled(Transition::Kind kind) {
    duration_->setEnabled(kind != Transition::Kind::cut);
    direction_->setEnabled(moves(kind));
    color_->setEnabled(kind == Transition::Kind::fade_to_color);
    color_->setText(QColor::fromRgba(color_value_).name());
}

void TransitionsDock::apply() {
    Transition transition;
    transition.kind = Transition::Kind(kind_->currentData().toInt());
    transition.duration_ms = duration_->value();
    transition.direction = Transition::Direction(direction_->currentData().toInt());
    transition.color = color_value_;
    show_enabled(transition.kind);
    controller_.set_transition(transition);
}

}  // namespace lm::ui
