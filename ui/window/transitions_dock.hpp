// "Scene Transitions", as in OBS: which transition scene changes use (Fade, Cut, Slide, Swipe,
// Fade to Colour), how long it lasts, which way pictures move and the colour faded through.
// Applies to the controller at once.
#pragma once

#include <QDockWidget>

#include <cstdint>

#include "core/scene/transition.hpp"

class QComboBox;
class QPushButton;
class QSpinBox;

namespace lm::ui {

class StudioController;

class TransitionsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit TransitionsDock(StudioController& controller, QWidget* parent = nullptr);

private:
    void apply();
    /// Enables the settings `kind` uses.
    void show_enabled(Transition::Kind kind);

    StudioController& controller_;
    QComboBox* kind_;
    QSpinBox* duration_;
    QComboBox* direction_;
    QPushButton* color_;
    uint32_t color_value_ = 0xFF000000;
};

}  // namespace lm::ui
