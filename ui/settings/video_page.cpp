#include "ui/settings/video_page.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"

namespace lm::ui {
namespace {

QComboBox* size_combo(const char* name, std::initializer_list<VideoSize> sizes) {
    auto* combo = new QComboBox;
    combo->setObjectName(name);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    for (const VideoSize& size : sizes)
        combo->addItem(video_size_text(size));
    return combo;
}

QString rate_key(const Rational& rate) {
    const Rational r = rate.reduced();
    return QString("%1/%2").arg(r.num).arg(r.den);
}

}  // namespace

VideoSize parse_video_size(const QString& text) {
    static const QRegularExpression pattern(
        QString::fromUtf8("^\\s*(\\d{1,5})\\s*[xX\u00d7]\\s*(\\d{1,5})\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return {match.captured(1).toInt(), match.captured(2).toInt()};
}

QString video_size_text(const VideoSize& size) {
    return QString("%1x%2").arg(size.width).arg(size.height);
}

QString frame_rate_text(const Rational& rate) {
    const Rational r = rate.reduced();
    if (r.den == 1)
        return QString::number(r.num);
    if (r.den == 1001)
        return QString::number(double(r.num) / 1001.0, 'f', 2);
    return rate_key(r);
}

VideoPage::VideoPage(QWidget* parent)
    : SettingsPage(parent),
      base_combo_(size_combo("baseResolutionCombo",
                             {{3840, 2160}, {2560, 1440}, {1920, 1080}, {1600, 900}, {1280, 720}})),
      output_combo_(size_combo("outputResolutionCombo", {{1920, 1080},
                                                         {1600, 900},
                                                         {1280, 720},
                                                         {1152, 648},
                                                         {960, 540},
                                                         {852, 480},
                                                         {640, 360}})),
      frame_rate_combo_(new QComboBox),
      base_problem_(new ProblemLabel("baseResolutionError")),
      output_problem_(new ProblemLabel("outputResolutionError")),
      frame_rate_problem_(new ProblemLabel("frameRateError")) {
    setObjectName("videoPage");
    frame_rate_combo_->setObjectName("frameRateCombo");
    for (const Rational& rate : common_frame_rates())
        frame_rate_combo_->addItem(frame_rate_text(rate), rate_key(rate));
    base_combo_->setToolTip(tr("The canvas your scenes are laid out on"));
    output_combo_->setToolTip(tr("The size that is streamed and recorded"));

    auto* form = new QFormLayout;
    form->addRow(tr("Base (canvas) resolution"), with_problem(base_combo_, base_problem_));
    form->addRow(tr("Output (scaled) resolution"), with_problem(output_combo_, output_problem_));
    form->addRow(tr("Frames per second"), with_problem(frame_rate_combo_, frame_rate_problem_));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    const auto changed = [this] {
        if (!loading_)
            emit edited();
    };
    connect(base_combo_, &QComboBox::editTextChanged, this, changed);
    connect(output_combo_, &QComboBox::editTextChanged, this, changed);
    connect(frame_rate_combo_, &QComboBox::currentIndexChanged, this, changed);
}

void VideoPage::load(const Profile& profile) {
    const VideoSettings& v = profile.video;
    loading_ = true;
    base_combo_->setEditText(video_size_text(v.base));
    output_combo_->setEditText(video_size_text(v.output));
    const QString key = rate_key(v.frame_rate);
    int index = frame_rate_combo_->findData(key);
    if (index < 0) {
        frame_rate_combo_->addItem(frame_rate_text(v.frame_rate), key);
        index = frame_rate_combo_->count() - 1;
    }
    frame_rate_combo_->setCurrentIndex(index);
    loading_ = false;
}

void VideoPage::store(Profile& profile) const {
    VideoSettings& v = profile.video;
    v.base = parse_video_size(base_combo_->currentText());
    v.output = parse_video_size(output_combo_->currentText());
    const QStringList parts = frame_rate_combo_->currentData().toString().split('/');
    if (parts.size() == 2)
        v.frame_rate = Rational{parts[0].toLongLong(), parts[1].toLongLong()};
}

void VideoPage::show_problems(const std::vector<ProfileProblem>& problems) {
    base_problem_->set_problem(problem_for(problems, "video.base"));
    output_problem_->set_problem(problem_for(problems, "video.output"));
    frame_rate_problem_->set_problem(problem_for(problems, "video.frame_rate"));
}

void VideoPage::set_outputs_active(bool active) {
    // The canvas and the encoders are created at start; changing them needs a restart.
    for (QWidget* field : {static_cast<QWidget*>(base_combo_), static_cast<QWidget*>(output_combo_),
                           static_cast<QWidget*>(frame_rate_combo_)}) {
        field->setEnabled(!active);
    }
}

}  // namespace lm::ui
