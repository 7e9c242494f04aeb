#include "ui/settings/hls_folder_editor.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"
#include "ui/settings/settings_page.hpp"

namespace lm::ui {
HlsFolderEditor::HlsFolderEditor(QWidget* parent)
    : QWidget(parent),
      folder_edit_(new QLineEdit),
      playlist_spin_(new QSpinBox),
      segment_spin_(new QDoubleSpinBox),
      delete_check_(new QCheckBox(tr("Delete segments that left the playlist"))),
      low_latency_check_(new QCheckBox(tr("Low latency (1 s segments)"))),
      format_combo_(new QComboBox),
      folder_problem_(new ProblemLabel("hlsFolderError")),
      segment_problem_(new ProblemLabel("hlsSegmentError")),
      playlist_problem_(new ProblemLabel("hlsPlaylistError")) {
    setObjectName("hlsFolderEditor");
    folder_edit_->setObjectName("hlsFolderEdit");
    folder_edit_->setPlaceholderText("/var/www/livemachine/hls");
    folder_edit_->setToolTip(
        tr("The folder your web server serves; stream.m3u8 and its segments are written there. "
           "It must exist."));
    segment_spin_->setObjectName("hlsSegmentSpin");
    segment_spin_->setRange(ProfileLimits::kMinHlsSegmentS, ProfileLimits::kMaxHlsSegmentS);
    segment_spin_->setDecimals(1);
    segment_spin_->setSuffix(tr(" s"));
    segment_spin_->setToolTip(
        tr("Segments are cut at keyframes: keep this equal to the keyframe interval."));
    playlist_spin_->setObjectName("hlsPlaylistSpin");
    playlist_spin_->setRange(ProfileLimits::kMinHlsPlaylistSegments,
                             ProfileLimits::kMaxHlsPlaylistSegments);
    playlist_spin_->setSuffix(tr(" segments"));
    delete_check_->setObjectName("hlsDeleteCheck");
    low_latency_check_->setObjectName("hlsLowLatencyCheck");
    low_latency_check_->setToolTip(
        tr("1 s independent segments: set the keyframe interval to 1 s too. About 3-4 s behind "
           "live instead of 6-8 s."));
    format_combo_->setObjectName("hlsFormatCombo");
    format_combo_->addItem(tr("MPEG-TS (.ts, plays everywhere)"),
                           to_string(HlsSegmentFormat::mpegts));
    format_combo_->addItem(tr("Fragmented MP4 (.m4s)"), to_string(HlsSegmentFormat::fmp4));

    auto* browse = new QPushButton(tr("Browse..."));
    browse->setObjectName("hlsBrowseButton");
    auto* folder_row = new QWidget;
    auto* row = new QHBoxLayout(folder_row);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(folder_edit_, 1);
    row->addWidget(browse);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Folder"), with_problem(folder_row, folder_problem_));
    form->addRow(tr("Segment length"), with_problem(segment_spin_, segment_problem_));
    form->addRow(tr("Playlist"), with_problem(playlist_spin_, playlist_problem_));
    form->addRow(tr("Segment format"), format_combo_);
    form->addRow(QString(), delete_check_);
    form->addRow(QString(), low_latency_check_);

    const auto changed = [this] {
        if (!filling_)
            emit edited();
    };
    connect(folder_edit_, &QLineEdit::textEdited, this, changed);
    connect(segment_spin_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(playlist_spin_, &QSpinBox::valueChanged, this, changed);
    connect(format_combo_, &QComboBox::currentIndexChanged, this, changed);
    connect(delete_check_, &QCheckBox::toggled, this, changed);
    connect(low_latency_check_, &QCheckBox::toggled, this, [this, changed](bool on) {
        segment_spin_->setEnabled(!on);  // low latency fixes the segments at 1 s
        changed();
    });
    browse_for_folder(browse, folder_edit_, tr("HLS folder"), changed);
}

void HlsFolderEditor::set_settings(const HlsFolderSettings& settings) {
    filling_ = true;
    folder_edit_->setText(QString::fromStdString(settings.folder));
    segment_spin_->setValue(settings.segment_s);
    playlist_spin_->setValue(settings.playlist_segments);
    format_combo_->setCurrentIndex(format_combo_->findData(to_string(settings.segment_format)));
    delete_check_->setChecked(settings.delete_segments);
    low_latency_check_->setChecked(settings.low_latency);
    segment_spin_->setEnabled(!settings.low_latency);
    filling_ = false;
}

HlsFolderSettings HlsFolderEditor::settings() const {
    HlsFolderSettings settings;
    settings.folder = folder_edit_->text().toStdString();
    settings.segment_s = segment_spin_->value();
    settings.playlist_segments = playlist_spin_->value();
    segment_format_from_string(format_combo_->currentData().toString().toStdString(),
                               settings.segment_format);
    settings.delete_segments = delete_check_->isChecked();
    settings.low_latency = low_latency_check_->isChecked();
    return settings;
}

void HlsFolderEditor::show_problems(const std::vector<ProfileProblem>& problems, int index) {
    const auto field = [&](const char* member) {
        return index < 0 ? QString()
                         : problem_for(problems, destination_field(size_t(index), member));
    };
    folder_problem_->set_problem(field("hls.folder"));
    segment_problem_->set_problem(field("hls.segment_s"));
    playlist_problem_->set_problem(field("hls.playlist_segments"));
}

}  // namespace lm::ui
