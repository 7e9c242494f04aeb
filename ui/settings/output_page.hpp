// The Output page: video encoder and its rate control, audio bitrate, where and how
// recordings are written (automatic file splitting included), and the replay buffer.
#pragma once

#include <vector>

#include "ui/settings/encoder_choice.hpp"
#include "ui/settings/settings_page.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace lm::ui {

class ProblemLabel;
class ReplayBufferBox;

class OutputPage : public SettingsPage {
    Q_OBJECT
public:
    /// Unavailable encoders are listed disabled, their reason in the text and the tooltip.
    explicit OutputPage(std::vector<EncoderChoice> encoders, QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;
    std::vector<ProfileProblem> own_problems() const override;
    void set_outputs_active(bool active) override;

private:
    void fill_encoders(const std::string& current);
    void update_enabled();
    void update_preview();

    std::vector<EncoderChoice> encoders_;
    bool outputs_active_ = false;
    bool loading_ = false;  ///< fields are being set from a profile: not a user edit

    QComboBox* encoder_combo_;
    QCheckBox* fallback_check_;
    QComboBox* rate_control_combo_;
    QSpinBox* bitrate_spin_;
    QSpinBox* crf_spin_;
    QComboBox* preset_combo_;
    QSpinBox* keyframe_spin_;
    QComboBox* audio_bitrate_combo_;
    QLineEdit* folder_edit_;
    QPushButton* browse_button_;
    QComboBox* container_combo_;
    QLineEdit* pattern_edit_;
    QLabel* preview_label_;
    QComboBox* split_combo_;
    QSpinBox* split_time_spin_;
    QSpinBox* split_size_spin_;
    QLabel* split_note_;  ///< what the keyframe interval makes of a short split
    ReplayBufferBox* replay_box_;
    ProblemLabel* encoder_problem_;
    ProblemLabel* bitrate_problem_;
    ProblemLabel* folder_problem_;
    ProblemLabel* pattern_problem_;
    ProblemLabel* split_problem_;
};

}  // namespace lm::ui
