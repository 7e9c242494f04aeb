// "Scene Transitions", as in OBS: which transition scene changes use (Cut, Fade) and how long
// a fade lasts. Applies to the controller at once.
#pragma once

#include <QDockWidget>

class QComboBox;
class QSpinBox;

namespace lm::ui {

class StudioController;

class TransitionsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit TransitionsDock(StudioController& controller, QWidget* parent = nullptr);

private:
    void apply();

    StudioController& controller_;
    QComboBox* kind_;
    QSpinBox* duration_;
};

}  // namespace lm::ui
