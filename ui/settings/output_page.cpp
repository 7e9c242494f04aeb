#include "ui/settings/output_page.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"
#include "ui/settings/profile_requests.hpp"
#include "ui/settings/replay_buffer_box.hpp"
#include "ui/settings/settings_page.hpp"

namespace lm::ui {
namespace {

QWidget* column(std::initializer_list<QWidget*> widgets) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* widget : widgets)
        layout->addWidget(widget);
    return box;
}

QWidget* row(std::initializer_list<QWidget*> widgets) {
    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    bool first = true;
    for (QWidget* widget : widgets) {
        layout->addWidget(widget, first ? 1 : 0);
        first = false;
    }
    return box;
}

QSpinBox* spin(const char* name, int min, int max, const QString& suffix) {
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(min, max);
    box->setSuffix(suffix);
    return box;
}

void select_data(QComboBox* combo, const QVariant& value) {
    int index = combo->findData(value);
    if (index < 0) {
        combo->addItem(value.toString(), value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

}  // namespace

OutputPage::OutputPage(std::vector<EncoderChoice> encoders, QWidget* parent)
    : SettingsPage(parent),
      encoders_(std::move(encoders)),
      encoder_combo_(new QComboBox),
      fallback_check_(new QCheckBox(tr("If it fails, go on with x264"))),
      rate_control_combo_(new QComboBox),
      bitrate_spin_(spin("videoBitrateSpin", ProfileLimits::kMinVideoBitrateKbps,
                         ProfileLimits::kMaxVideoBitrateKbps, " kbps")),
      crf_spin_(spin("crfSpin", 0, ProfileLimits::kMaxCrf, QString())),
      preset_combo_(new QComboBox),
      keyframe_spin_(spin("keyframeIntervalSpin", ProfileLimits::kMinKeyframeIntervalS,
                          ProfileLimits::kMaxKeyframeIntervalS, " s")),
      audio_bitrate_combo_(new QComboBox),
      folder_edit_(new QLineEdit),
      browse_button_(new QPushButton(tr("Browse..."))),
      container_combo_(new QComboBox),
      pattern_edit_(new QLineEdit),
      preview_label_(new QLabel),
      split_combo_(new QComboBox),
      split_time_spin_(spin("splitTimeSpin", ProfileLimits::kMinSplitTimeS,
                            ProfileLimits::kMaxSplitTimeS, " s")),
      split_size_spin_(spin("splitSizeSpin", ProfileLimits::kMinSplitSizeMb,
                            ProfileLimits::kMaxSplitSizeMb, " MB")),
      split_note_(new QLabel),
      replay_box_(new ReplayBufferBox),
      encoder_problem_(new ProblemLabel("videoEncoderError")),
      bitrate_problem_(new ProblemLabel("videoBitrateError")),
      folder_problem_(new ProblemLabel("recordingFolderError")),
      pattern_problem_(new ProblemLabel("fileNamePatternError")),
      split_problem_(new ProblemLabel("splitError")) {
    setObjectName("outputPage");
    encoder_combo_->setObjectName("encoderCombo");
    fallback_check_->setObjectName("encoderFallbackCheck");
    fallback_check_->setToolTip(
        tr("When a hardware encoder cannot start, or fails during the show (a driver reset), "
           "the stream and recording go on with x264 at the same bitrate instead of "
           "stopping"));
    rate_control_combo_->setObjectName("rateControlCombo");
    preset_combo_->setObjectName("presetCombo");
    audio_bitrate_combo_->setObjectName("audioBitrateCombo");
    folder_edit_->setObjectName("recordingFolderEdit");
    browse_button_->setObjectName("browseFolderButton");
    container_combo_->setObjectName("containerCombo");
    pattern_edit_->setObjectName("fileNamePatternEdit");
    preview_label_->setObjectName("fileNamePreview");
    split_combo_->setObjectName("splitCombo");
    split_note_->setObjectName("splitNote");

    rate_control_combo_->addItem(tr("CBR (constant bitrate, for streaming)"), "cbr");
    rate_control_combo_->addItem(tr("VBR (average bitrate with a cap)"), "vbr");
    rate_control_combo_->addItem(tr("CRF (constant quality, for recording)"), "crf");
    for (const auto& preset : x264_presets())
        preset_combo_->addItem(QString::fromStdString(preset), QString::fromStdString(preset));
    for (int kbps : {64, 96, 128, 160, 192, 256, 320})
        audio_bitrate_combo_->addItem(tr("%1 kbps").arg(kbps), kbps);
    container_combo_->addItem(tr("Matroska (.mkv) - survives crashes"), "mkv");
    container_combo_->addItem(tr("MPEG-4 (.mp4)"), "mp4");
    container_combo_->addItem(tr("Flash Video (.flv)"), "flv");
    pattern_edit_->setToolTip(
        tr("%Y year, %m month, %d day, %H hour, %M minute, %S second, %% a percent sign"));
    preview_label_->setForegroundRole(QPalette::PlaceholderText);
    split_combo_->addItem(tr("Off"), to_string(RecordingSplit::off));
    split_combo_->addItem(tr("By time"), to_string(RecordingSplit::by_time));
    split_combo_->addItem(tr("By size"), to_string(RecordingSplit::by_size));
    split_combo_->setToolTip(tr("Write a long recording as several files: name-001, name-002..."));
    split_time_spin_->setToolTip(tr("A new file starts at the first keyframe after this long"));
    split_size_spin_->setToolTip(
        tr("A new file starts once a file reaches this size "
           "(1 MB = 1,000,000 bytes)"));
    split_note_->setForegroundRole(QPalette::PlaceholderText);
    split_note_->setWordWrap(true);

    auto* encoding = new QGroupBox(tr("Encoding"));
    auto* encoding_form = new QFormLayout(encoding);
    encoding_form->addRow(tr("Video encoder"),
                          column({encoder_combo_, fallback_check_, encoder_problem_}));
    encoding_form->addRow(tr("Rate control"), rate_control_combo_);
    encoding_form->addRow(tr("Video bitrate"), column({bitrate_spin_, bitrate_problem_}));
    encoding_form->addRow(tr("Quality (CRF)"), crf_spin_);
    encoding_form->addRow(tr("CPU preset"), preset_combo_);
    encoding_form->addRow(tr("Keyframe interval"), keyframe_spin_);
    encoding_form->addRow(tr("Audio bitrate"), audio_bitrate_combo_);

    auto* recording = new QGroupBox(tr("Recording"));
    auto* recording_form = new QFormLayout(recording);
    recording_form->addRow(tr("Folder"),
                           column({row({folder_edit_, browse_button_}), folder_problem_}));
    recording_form->addRow(tr("Format"), container_combo_);
    recording_form->addRow(tr("File name"),
                           column({pattern_edit_, preview_label_, pattern_problem_}));
    recording_form->addRow(tr("Automatic file splitting"),
                           column({row({split_combo_, split_time_spin_, split_size_spin_}),
                                   split_note_, split_problem_}));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(encoding);
    layout->addWidget(recording);
    layout->addWidget(replay_box_);
    layout->addStretch(1);

    const auto changed = [this] {
        if (loading_)
            return;
        update_enabled();
        update_preview();
        emit edited();
    };
    for (QComboBox* combo : {encoder_combo_, rate_control_combo_, preset_combo_,
                             audio_bitrate_combo_, container_combo_, split_combo_}) {
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    }
    for (QSpinBox* box :
         {bitrate_spin_, crf_spin_, keyframe_spin_, split_time_spin_, split_size_spin_})
        connect(box, &QSpinBox::valueChanged, this, changed);
    connect(fallback_check_, &QCheckBox::toggled, this, changed);
    connect(folder_edit_, &QLineEdit::textEdited, this, changed);
    connect(pattern_edit_, &QLineEdit::textEdited, this, changed);
    connect(replay_box_, &ReplayBufferBox::edited, this, changed);
    browse_for_folder(browse_button_, folder_edit_, tr("Recording folder"), changed);
}

void OutputPage::fill_encoders(const std::string& current) {
    encoder_combo_->clear();
    auto* model = qobject_cast<QStandardItemModel*>(encoder_combo_->model());
    bool listed = false;
    for (const auto& choice : encoders_) {
        QString text = choice.name.isEmpty() ? choice.id : choice.name;
        if (!choice.available)
            text += tr(" - unavailable: %1").arg(choice.reason);
        encoder_combo_->addItem(text, choice.id);
        const int index = encoder_combo_->count() - 1;
        if (!choice.available) {
            encoder_combo_->setItemData(index, choice.reason, Qt::ToolTipRole);
            // The profile's own encoder stays selectable so the page can still show it.
            if (model != nullptr && choice.id.toStdString() != current)
                model->item(index)->setEnabled(false);
        }
        listed = listed || choice.id.toStdString() == current;
    }
    if (!listed) {
        const QString id = QString::fromStdString(current);
        encoder_combo_->addItem(tr("%1 - not installed").arg(id), id);
    }
    encoder_combo_->setCurrentIndex(encoder_combo_->findData(QString::fromStdString(current)));
}

void OutputPage::load(const Profile& profile) {
    const OutputSettings& o = profile.output;
    loading_ = true;
    fill_encoders(o.video_encoder);
    fallback_check_->setChecked(o.encoder_fallback);
    rate_control_combo_->setCurrentIndex(rate_control_combo_->findData(to_string(o.rate_control)));
    bitrate_spin_->setValue(o.bitrate_kbps);
    crf_spin_->setValue(o.crf);
    select_data(preset_combo_, QString::fromStdString(o.preset));
    keyframe_spin_->setValue(o.keyframe_interval_s);
    select_data(audio_bitrate_combo_, o.audio_bitrate_kbps);
    folder_edit_->setText(QString::fromStdString(o.recording_folder));
    container_combo_->setCurrentIndex(container_combo_->findData(to_string(o.container)));
    pattern_edit_->setText(QString::fromStdString(o.file_name_pattern));
    split_combo_->setCurrentIndex(split_combo_->findData(to_string(o.split.mode)));
    split_time_spin_->setValue(o.split.time_s);
    split_size_spin_->setValue(o.split.size_mb);
    replay_box_->load(o.replay_buffer);
    loading_ = false;
    update_enabled();
    update_preview();
}

void OutputPage::store(Profile& profile) const {
    OutputSettings& o = profile.output;
    o.video_encoder = encoder_combo_->currentData().toString().toStdString();
    o.encoder_fallback = fallback_check_->isChecked();
    rate_control_from_string(rate_control_combo_->currentData().toString().toStdString(),
                             o.rate_control);
    o.bitrate_kbps = bitrate_spin_->value();
    o.crf = crf_spin_->value();
    o.preset = preset_combo_->currentData().toString().toStdString();
    o.keyframe_interval_s = keyframe_spin_->value();
    o.audio_bitrate_kbps = audio_bitrate_combo_->currentData().toInt();
    o.recording_folder = folder_edit_->text().toStdString();
    container_from_string(container_combo_->currentData().toString().toStdString(), o.container);
    o.file_name_pattern = pattern_edit_->text().toStdString();
    split_from_string(split_combo_->currentData().toString().toStdString(), o.split.mode);
    o.split.time_s = split_time_spin_->value();
    o.split.size_mb = split_size_spin_->value();
    replay_box_->store(o.replay_buffer);
}

std::vector<ProfileProblem> OutputPage::own_problems() const {
    const QString id = encoder_combo_->currentData().toString();
    for (const auto& choice : encoders_) {
        if (choice.id == id) {
            if (choice.available)
                return {};
            return {{"output.video_encoder",
                     tr("%1 is unavailable: %2").arg(choice.name, choice.reason).toStdString()}};
        }
    }
    return {
        {"output.video_encoder", tr("The encoder '%1' is not installed.").arg(id).toStdString()}};
}

void OutputPage::show_problems(const std::vector<ProfileProblem>& problems) {
    encoder_problem_->set_problem(problem_for(problems, "output.video_encoder"));
    QString bitrate = problem_for(problems, "output.bitrate_kbps");
    if (bitrate.isEmpty())
        bitrate = problem_for(problems, "output.crf");
    bitrate_problem_->set_problem(bitrate);
    folder_problem_->set_problem(problem_for(problems, "output.recording_folder"));
    QString pattern = problem_for(problems, "output.file_name_pattern");
    pattern_problem_->set_problem(pattern);
    QString split = problem_for(problems, "output.split.time_s");
    if (split.isEmpty())
        split = problem_for(problems, "output.split.size_mb");
    split_problem_->set_problem(split);
    replay_box_->show_problems(problems);
}

void OutputPage::set_outputs_active(bool active) {
    outputs_active_ = active;
    update_enabled();
}

void OutputPage::update_enabled() {
    // Encoder settings are fixed once the encoders run; the recording fields only apply to
    // the next recording, so they stay editable.
    const bool editable = !outputs_active_;
    const bool crf = rate_control_combo_->currentData().toString() == "crf";
    const bool x264 = encoder_combo_->currentData().toString() == "x264";
    encoder_combo_->setEnabled(editable);
    fallback_check_->setEnabled(editable);
    fallback_check_->setHidden(x264);  // x264 is the fallback itself
    rate_control_combo_->setEnabled(editable);
    bitrate_spin_->setEnabled(editable && !crf);
    crf_spin_->setEnabled(editable && crf);
    preset_combo_->setEnabled(editable && x264);
    keyframe_spin_->setEnabled(editable);
    audio_bitrate_combo_->setEnabled(editable);
    // Only the length that applies is shown, as in OBS.
    const QString split = split_combo_->currentData().toString();
    split_time_spin_->setVisible(split == to_string(RecordingSplit::by_time));
    split_size_spin_->setVisible(split == to_string(RecordingSplit::by_size));
}

void OutputPage::update_preview() {
    const std::string pattern = pattern_edit_->text().toStdString();
    const QString extension = container_combo_->currentData().toString();
    preview_label_->setText(file_name_pattern_problem(pattern).empty()
                                ? tr("For example: %1.%2")
                                      .arg(QString::fromStdString(recording_file_name(
                                               pattern, QDateTime::currentDateTime())),
                                           extension)
                                : QString());
    // Parts start at keyframes, so a split shorter than the keyframe interval gives parts a
    // keyframe interval long, and other lengths round up to the next keyframe.
    const bool by_time =
        split_combo_->currentData().toString() == to_string(RecordingSplit::by_time);
    const int keyframe_s = keyframe_spin_->value();
    const int split_s = split_time_spin_->value();
    split_note_->setVisible(by_time && split_s % keyframe_s != 0);
    split_note_->setText(tr("Each file starts at a keyframe (every %1 s): files will be about "
                            "%2 s long.")
                             .arg(keyframe_s)
                             .arg((split_s + keyframe_s - 1) / keyframe_s * keyframe_s));
}

}  // namespace lm::ui
