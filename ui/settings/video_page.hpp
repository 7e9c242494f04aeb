// The Video page: base (canvas) and output resolution, typed or picked, and the frame rate.
#pragma once

#include "ui/settings/settings_page.hpp"

class QComboBox;

namespace lm::ui {

class ProblemLabel;

class VideoPage : public SettingsPage {
    Q_OBJECT
public:
    explicit VideoPage(QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;
    void set_outputs_active(bool active) override;

private:
    bool loading_ = false;  ///< fields are being set from a profile: not a user edit
    QComboBox* base_combo_;
    QComboBox* output_combo_;
    QComboBox* frame_rate_combo_;
    ProblemLabel* base_problem_;
    ProblemLabel* output_problem_;
    ProblemLabel* frame_rate_problem_;
};

/// "1920x1080" (also with 'X', the multiplication sign or spaces) as a size; {0, 0} when the
/// text is not a size, which validate() then reports.
VideoSize parse_video_size(const QString& text);
QString video_size_text(const VideoSize& size);
/// "30", "29.97", or "num/den" for a rate without a short name.
QString frame_rate_text(const Rational& rate);

}  // namespace lm::ui
