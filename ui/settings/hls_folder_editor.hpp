// The fields of an HLS destination on the Stream page: the folder a web server serves, the
// segment length, how many segments the playlist lists, and the plugin's other options
// (plugins/hls, docs/hls.md). GUI thread only.
#pragma once

#include <QWidget>

#include <vector>

#include "ui/settings/profile.hpp"
#include "ui/settings/profile_validation.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace lm::ui {

class ProblemLabel;

class HlsFolderEditor : public QWidget {
    Q_OBJECT
public:
    explicit HlsFolderEditor(QWidget* parent = nullptr);

    /// Shows `settings`; emits nothing.
    void set_settings(const HlsFolderSettings& settings);
    HlsFolderSettings settings() const;
    /// Shows the problems of destination `index` ("stream.destinations[index].hls.*").
    void show_problems(const std::vector<ProfileProblem>& problems, int index);

signals:
    /// The user changed a field.
    void edited();

private:
    bool filling_ = false;
    QLineEdit* folder_edit_;
    QSpinBox* playlist_spin_;
    QDoubleSpinBox* segment_spin_;
    QCheckBox* delete_check_;
    QCheckBox* low_latency_check_;
    QComboBox* format_combo_;
    ProblemLabel* folder_problem_;
    ProblemLabel* segment_problem_;
    ProblemLabel* playlist_problem_;
};

}  // namespace lm::ui
