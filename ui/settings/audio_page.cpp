#include "ui/settings/audio_page.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"

namespace lm::ui {

AudioPage::AudioPage(QWidget* parent)
    : SettingsPage(parent),
      sample_rate_combo_(new QComboBox),
      microphone_combo_(new QComboBox),
      desktop_combo_(new QComboBox),
      monitoring_combo_(new QComboBox),
      sample_rate_problem_(new ProblemLabel("sampleRateError")) {
    setObjectName("audioPage");
    sample_rate_combo_->setObjectName("sampleRateCombo");
    microphone_combo_->setObjectName("microphoneCombo");
    desktop_combo_->setObjectName("desktopAudioCombo");
    monitoring_combo_->setObjectName("monitoringDeviceCombo");
    monitoring_combo_->setToolTip(
        tr("Where you hear the sources set to monitor (their ⋮ menu in the mixer)"));
    sample_rate_combo_->addItem(tr("48 kHz"), 48000);
    sample_rate_combo_->addItem(tr("44.1 kHz"), 44100);

    auto* form = new QFormLayout;
    auto* rate = new QWidget;
    auto* rate_column = new QVBoxLayout(rate);
    rate_column->setContentsMargins(0, 0, 0, 0);
    rate_column->addWidget(sample_rate_combo_);
    rate_column->addWidget(sample_rate_problem_);
    form->addRow(tr("Sample rate"), rate);
    form->addRow(tr("Microphone"), microphone_combo_);
    form->addRow(tr("Desktop audio"), desktop_combo_);
    form->addRow(tr("Monitoring device"), monitoring_combo_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    const auto changed = [this] {
        if (!loading_)
            emit edited();
    };
    for (QComboBox* combo :
         {sample_rate_combo_, microphone_combo_, desktop_combo_, monitoring_combo_})
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
}

void AudioPage::fill(QComboBox* combo, const QStringList& devices, const QString& current) {
    combo->clear();
    combo->addItem(tr("Default"), QString(kDefaultAudioDevice));
    combo->addItem(tr("Disabled"), QString());
    for (const QString& device : devices) {
        if (device != kDefaultAudioDevice && !device.isEmpty())
            combo->addItem(device, device);
    }
    int index = combo->findData(current);
    if (index < 0) {
        // A device unplugged today may be back tomorrow: keep the choice, say it is missing.
        combo->addItem(tr("%1 (not connected)").arg(current), current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void AudioPage::fill_monitoring(const QString& current) {
    QComboBox* combo = monitoring_combo_;
    combo->clear();
    combo->addItem(tr("Default"), QString(kDefaultAudioDevice));
    for (const auto& [id, label] : monitoring_devices_) {
        if (id != kDefaultAudioDevice && !id.empty())
            combo->addItem(QString::fromStdString(label), QString::fromStdString(id));
    }
    int index = combo->findData(current.isEmpty() ? QString(kDefaultAudioDevice) : current);
    if (index < 0) {
        combo->addItem(tr("%1 (not connected)").arg(current), current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void AudioPage::load(const Profile& profile) {
    loading_ = true;
    int rate = sample_rate_combo_->findData(profile.audio.sample_rate_hz);
    if (rate < 0) {
        sample_rate_combo_->addItem(tr("%1 Hz").arg(profile.audio.sample_rate_hz),
                                    profile.audio.sample_rate_hz);
        rate = sample_rate_combo_->count() - 1;
    }
    sample_rate_combo_->setCurrentIndex(rate);
    fill(microphone_combo_, microphones_, QString::fromStdString(profile.audio.microphone_device));
    fill(desktop_combo_, monitors_, QString::fromStdString(profile.audio.desktop_device));
    fill_monitoring(QString::fromStdString(profile.audio.monitoring_device));
    loading_ = false;
}

void AudioPage::store(Profile& profile) const {
    profile.audio.sample_rate_hz = sample_rate_combo_->currentData().toInt();
    profile.audio.microphone_device = microphone_combo_->currentData().toString().toStdString();
    profile.audio.desktop_device = desktop_combo_->currentData().toString().toStdString();
    profile.audio.monitoring_device = monitoring_combo_->currentData().toString().toStdString();
}

void AudioPage::show_problems(const std::vector<ProfileProblem>& problems) {
    sample_rate_problem_->set_problem(problem_for(problems, "audio.sample_rate_hz"));
}

void AudioPage::set_devices(const QStringList& microphones, const QStringList& monitors) {
    microphones_ = microphones;
    monitors_ = monitors;
    loading_ = true;
    fill(microphone_combo_, microphones_, microphone_combo_->currentData().toString());
    fill(desktop_combo_, monitors_, desktop_combo_->currentData().toString());
    loading_ = false;
}

void AudioPage::set_monitoring_devices(
    const std::vector<std::pair<std::string, std::string>>& devices) {
    monitoring_devices_ = devices;
    loading_ = true;
    fill_monitoring(monitoring_combo_->currentData().toString());
    loading_ = false;
}

}  // namespace lm::ui
