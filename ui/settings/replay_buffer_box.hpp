// The Output page's "Replay buffer" box: how many seconds the buffer keeps, and where and in
// which container a saved replay is written (empty folder: the recording folder).
// GUI thread only.
#pragma once

#include <QGroupBox>

#include <vector>

#include "ui/settings/profile.hpp"
#include "ui/settings/profile_validation.hpp"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace lm::ui {

class ProblemLabel;

class ReplayBufferBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ReplayBufferBox(QWidget* parent = nullptr);

    /// Shows `settings`; emits nothing.
    void load(const ReplayBufferSettings& settings);
    void store(ReplayBufferSettings& settings) const;
    void show_problems(const std::vector<ProfileProblem>& problems);

signals:
    void edited();

private:
    bool loading_ = false;
    QSpinBox* seconds_spin_;
    QLineEdit* folder_edit_;
    QComboBox* container_combo_;
    ProblemLabel* seconds_problem_;
    ProblemLabel* folder_problem_;
};

}  // namespace lm::ui
