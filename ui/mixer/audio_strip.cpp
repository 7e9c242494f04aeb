#include "ui/mixer/audio_strip.hpp"

#include <QActionGroup>
#include <QGraphicsColorizeEffect>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/mixer/fader_taper.hpp"
#include "ui/mixer/gain_readout.hpp"
#include "ui/widgets/level_meter.hpp"

namespace lm::ui {
namespace {

QIcon speaker_icon(const QStyle* style, bool muted) {
    const QIcon themed = QIcon::fromTheme(muted ? QStringLiteral("audio-volume-muted")
                                                : QStringLiteral("audio-volume-high"));
    if (!themed.isNull())
        return themed;
    return style->standardIcon(muted ? QStyle::SP_MediaVolumeMuted : QStyle::SP_MediaVolume);
}

struct MonitoringChoice {
    MonitoringMode mode;
    const char* label;
    const char* tooltip;
};
constexpr MonitoringChoice kMonitoringChoices[] = {
    {MonitoringMode::off, QT_TRANSLATE_NOOP("lm::ui::AudioStrip", "Off"),
     QT_TRANSLATE_NOOP("lm::ui::AudioStrip", "Not heard on the monitoring device")},
    {MonitoringMode::monitor_only, QT_TRANSLATE_NOOP("lm::ui::AudioStrip", "Monitor only"),
     QT_TRANSLATE_NOOP("lm::ui::AudioStrip",
                       "Heard on the monitoring device, left out of the stream and recordings")},
    {MonitoringMode::monitor_and_output,
     QT_TRANSLATE_NOOP("lm::ui::AudioStrip", "Monitor and output"),
     QT_TRANSLATE_NOOP("lm::ui::AudioStrip",
                       "Heard on the monitoring device, and in the stream and recordings")},
};

}  // namespace

AudioStrip::AudioStrip(StudioController& controller, const ItemView& item, QWidget* parent)
    : QWidget(parent), controller_(controller), item_id_(item.id) {
    name_label_ = new QLabel(this);
    name_label_->setObjectName(QStringLiteral("nameLabel"));
    // A long name is clipped rather than widening the whole dock.
    name_label_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    name_label_->setMinimumWidth(1);

    // A headphones cue beside the name while the item is monitored, as OBS shows none but
    // creators ask "why do I hear this twice?".
    monitoring_label_ = new QLabel(QStringLiteral("🎧"), this);
    monitoring_label_->setObjectName(QStringLiteral("monitoringLabel"));
    monitoring_label_->setVisible(false);

    readout_ = new GainReadout(this);
    readout_->setObjectName(QStringLiteral("gainReadout"));

    meter_ = new LevelMeter(this);
    meter_->setObjectName(QStringLiteral("levelMeter"));
    mute_effect_ = new QGraphicsColorizeEffect(meter_);
    mute_effect_->setColor(QColor(0x80, 0x80, 0x80));
    mute_effect_->setStrength(1.0);
    mute_effect_->setEnabled(false);
    meter_->setGraphicsEffect(mute_effect_);

    fader_ = new QSlider(Qt::Horizontal, this);
    fader_->setObjectName(QStringLiteral("fader"));
    fader_->setRange(0, kFaderSteps);
    fader_->setSingleStep(kFaderSteps / 100);
    fader_->setPageStep(kFaderSteps / 10);
    fader_->setToolTip(tr("Volume"));

    mute_button_ = new QToolButton(this);
    mute_button_->setObjectName(QStringLiteral("muteButton"));
    mute_button_->setCheckable(true);
    mute_button_->setText(tr("Mute"));
    mute_button_->setAutoRaise(true);

    menu_button_ = new QToolButton(this);
    menu_button_->setObjectName(QStringLiteral("menuButton"));
    menu_button_->setText(QStringLiteral("⋮"));
    menu_button_->setAccessibleName(tr("Audio options"));
    menu_button_->setToolTip(tr("Audio options"));
    menu_button_->setAutoRaise(true);
    menu_button_->setPopupMode(QToolButton::InstantPopup);
    // The menu arrow would only repeat what the ⋮ already says.
    menu_button_->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    build_menu();

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setVerticalSpacing(2);
    auto* name_row = new QHBoxLayout;
    name_row->setContentsMargins(0, 0, 0, 0);
    name_row->addWidget(name_label_, 1);
    name_row->addWidget(monitoring_label_);
    layout->addLayout(name_row, 0, 0);
    layout->addWidget(readout_, 0, 1, 1, 3);
    layout->addWidget(meter_, 1, 0, 1, 4);
    layout->addWidget(fader_, 2, 0, 1, 2);
    layout->addWidget(mute_button_, 2, 2);
    layout->addWidget(menu_button_, 2, 3);
    layout->setColumnStretch(0, 1);

    set_item(item);

    connect(fader_, &QSlider::valueChanged, this, &AudioStrip::on_fader_moved);
    connect(readout_, &GainReadout::gainEdited, this, &AudioStrip::on_gain_typed);
    connect(mute_button_, &QToolButton::toggled, this, &AudioStrip::on_mute_toggled);
}

QString AudioStrip::source_name() const {
    return name_label_->text();
}

void AudioStrip::set_item(const ItemView& item) {
    const QString name = QString::fromStdString(item.source_name);
    setObjectName(QStringLiteral("strip:") + name);
    name_label_->setText(name);
    name_label_->setToolTip(name);
    show_gain(item.gain_db);
    show_muted(item.muted);
    sync_offset_ms_ = item.sync_offset_ms;
    update_offset_tooltip();
    show_monitoring(item.monitoring);
}

void AudioStrip::set_sync_offset_prompt(SyncOffsetPrompt prompt) {
    prompt_ = std::move(prompt);
}

double AudioStrip::fader_db() const {
    return lm::ui::fader_db(static_cast<double>(fader_->value()) / kFaderSteps);
}

QString AudioStrip::gain_text() const {
    return readout_->text();
}

bool AudioStrip::is_muted() const {
    return mute_button_->isChecked();
}

MonitoringMode AudioStrip::monitoring() const {
    for (const MonitoringChoice& choice : kMonitoringChoices) {
        if (monitoring_action(choice.mode)->isChecked())
            return choice.mode;
    }
    return MonitoringMode::off;
}

QAction* AudioStrip::monitoring_action(MonitoringMode mode) const {
    return monitoring_menu_->findChild<QAction*>(QStringLiteral("monitoring:") +
                                                 QLatin1String(to_string(mode)));
}

void AudioStrip::edit_sync_offset() {
    if (!prompt_)
        return;
    const QPointer<AudioStrip> alive(this);
    const std::optional<int64_t> offset_ms = prompt_(this, source_name(), sync_offset_ms_);
    // The prompt is modal: the item may have left the scene (and this strip with it) meanwhile.
    if (!alive || !offset_ms)
        return;
    sync_offset_ms_ = std::clamp<int64_t>(*offset_ms, kMinSyncOffsetMs, kMaxSyncOffsetMs);
    update_offset_tooltip();
    controller_.set_item_sync_offset_ms(item_id_, sync_offset_ms_);
}

void AudioStrip::build_menu() {
    menu_ = new QMenu(this);
    menu_->setObjectName(QStringLiteral("stripMenu"));
    menu_->setToolTipsVisible(true);
    sync_offset_action_ = menu_->addAction(tr("Sync offset…"));
    sync_offset_action_->setObjectName(QStringLiteral("syncOffsetAction"));
    connect(sync_offset_action_, &QAction::triggered, this, &AudioStrip::edit_sync_offset);
    filters_action_ = menu_->addAction(tr("Filters…"));
    filters_action_->setObjectName(QStringLiteral("filtersAction"));
    connect(filters_action_, &QAction::triggered, this,
            [this] { emit filtersRequested(item_id_); });

    monitoring_menu_ = menu_->addMenu(tr("Monitoring"));
    monitoring_menu_->setObjectName(QStringLiteral("monitoringMenu"));
    monitoring_menu_->setToolTipsVisible(true);
    monitoring_menu_->menuAction()->setToolTip(
        tr("Hear this source on the monitoring device (Settings ▸ Audio)"));
    auto* group = new QActionGroup(monitoring_menu_);
    for (const MonitoringChoice& choice : kMonitoringChoices) {
        QAction* action = monitoring_menu_->addAction(tr(choice.label));
        action->setObjectName(QStringLiteral("monitoring:") +
                              QLatin1String(to_string(choice.mode)));
        action->setToolTip(tr(choice.tooltip));
        action->setCheckable(true);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode = choice.mode] {
            show_monitoring(mode);
            controller_.set_item_monitoring(item_id_, mode);
        });
    }
    menu_button_->setMenu(menu_);
}

void AudioStrip::on_fader_moved(int value) {
    // The bottom end means silence; files cannot hold -inf, so it is sent as a finite floor.
    const double gain_db =
        value <= 0 ? kFaderSilenceDb : lm::ui::fader_db(static_cast<double>(value) / kFaderSteps);
    readout_->set_gain_db(gain_db);
    controller_.set_item_gain_db(item_id_, gain_db);
}

void AudioStrip::on_gain_typed(double gain_db) {
    show_gain(gain_db);
    controller_.set_item_gain_db(item_id_, gain_db);
}

void AudioStrip::on_mute_toggled(bool muted) {
    show_muted(muted);
    controller_.set_item_muted(item_id_, muted);
}

void AudioStrip::show_gain(double gain_db) {
    readout_->set_gain_db(gain_db);
    // While the user drags, the slider already stands where the hand put it; moving it to the
    // model's (rounded) value would make it fight the mouse.
    if (fader_->isSliderDown())
        return;
    const QSignalBlocker blocker(fader_);
    fader_->setValue(static_cast<int>(std::lround(fader_position(gain_db) * kFaderSteps)));
}

void AudioStrip::show_muted(bool muted) {
    {
        const QSignalBlocker blocker(mute_button_);
        mute_button_->setChecked(muted);
    }
    mute_button_->setIcon(speaker_icon(style(), muted));
    mute_button_->setToolButtonStyle(mute_button_->icon().isNull() ? Qt::ToolButtonTextOnly
                                                                   : Qt::ToolButtonIconOnly);
    mute_button_->setToolTip(muted ? tr("Unmute") : tr("Mute"));
    mute_effect_->setEnabled(muted);
}

void AudioStrip::show_monitoring(MonitoringMode mode) {
    monitoring_action(mode)->setChecked(true);
    monitoring_label_->setVisible(mode != MonitoringMode::off);
    monitoring_label_->setToolTip(mode == MonitoringMode::monitor_only
                                      ? tr("Monitored only: not in the stream or recordings")
                                      : tr("Monitored: heard on the monitoring device"));
}

void AudioStrip::update_offset_tooltip() {
    sync_offset_action_->setToolTip(tr("Now %1 ms").arg(sync_offset_ms_));
}

}  // namespace lm::ui
