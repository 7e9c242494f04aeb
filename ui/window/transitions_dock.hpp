// "Scene Transitions", as in OBS: which transition scene changes use (Fade, Cut, Slide, Swipe,
// Fade to Colour, Stinger), how long it lasts, which way pictures move, the colour faded
// through, and a stinger's video, transition point and sound. Applies to the controller at
// once; a stinger whose video does not play is not applied, and the dock says why beneath.
#pragma once

#include <QDockWidget>

#include <cstdint>

#include "core/scene/transition.hpp"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QWidget;

namespace lm::ui {

class StudioController;

class TransitionsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit TransitionsDock(StudioController& controller, QWidget* parent = nullptr);

private:
    void apply();
    /// Shows the controller's transition in the fields (without applying it again).
    void show_transition();
    /// Enables the settings `kind` uses, and shows a stinger's only for a stinger.
    void show_enabled(Transition::Kind kind);
    void show_problem(const std::string& problem);
    void browse_for_stinger();

    StudioController& controller_;
    QFormLayout* form_;
    QComboBox* kind_;
    QSpinBox* duration_;
    QComboBox* direction_;
    QPushButton* color_;
    QWidget* stinger_file_row_;
    QLineEdit* stinger_file_;
    QSpinBox* stinger_point_;
    QComboBox* stinger_audio_;
    QLabel* problem_;
    uint32_t color_value_ = 0xFF000000;
    bool showing_ = false;  // true while show_transition() fills the fields
};

}  // namespace lm::ui
