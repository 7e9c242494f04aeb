// The Network page: what stream destinations do when the network misbehaves: reconnect
// (attempts, first and longest wait) and dynamic bitrate, with the command line's defaults
// and limits (docs/command-line.md, "When the network misbehaves").
#pragma once

#include "ui/settings/settings_page.hpp"

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace lm::ui {

class ProblemLabel;

class NetworkPage : public SettingsPage {
    Q_OBJECT
public:
    explicit NetworkPage(QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;
    /// The engine takes these when it starts: read-only while streaming or recording.
    void set_outputs_active(bool active) override;

private:
    void update_enabled();

    bool outputs_active_ = false;
    bool loading_ = false;  ///< fields are being set from a profile: not a user edit
    QCheckBox* reconnect_check_;
    QSpinBox* attempts_spin_;
    QDoubleSpinBox* first_delay_spin_;
    QDoubleSpinBox* max_delay_spin_;
    QCheckBox* dynamic_bitrate_check_;
    QCheckBox* follow_slowest_check_;
    ProblemLabel* attempts_problem_;
    ProblemLabel* first_delay_problem_;
    ProblemLabel* max_delay_problem_;
};

}  // namespace lm::ui
