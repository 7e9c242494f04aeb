#include "ui/mixer/controls_dock.hpp"

#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/widgets/status_colours.hpp"

namespace lm::ui {
namespace {

QPushButton* make_button(const QString& object_name, const QString& text, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setObjectName(object_name);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}

QLabel* make_status(const QString& object_name, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(object_name);
    label->setAlignment(Qt::AlignCenter);
    label->hide();
    return label;
}

}  // namespace

ControlsDock::ControlsDock(QWidget* parent) : QDockWidget(tr("Controls"), parent) {
    setObjectName(QStringLiteral("controlsDock"));
    stream_labels_ = {tr("Start Streaming"), tr("Stop Streaming"), tr("Connecting…")};
    record_labels_ = {tr("Start Recording"), tr("Stop Recording"), tr("Starting…")};
    replay_labels_ = {tr("Start Replay Buffer"), tr("Stop Replay Buffer"), tr("Starting…")};

    auto* content = new QWidget(this);
    stream_button_ = make_button(QStringLiteral("streamButton"), stream_labels_.start, content);
    stream_status_ = make_status(QStringLiteral("streamStatus"), content);
    record_button_ = make_button(QStringLiteral("recordButton"), record_labels_.start, content);
    record_status_ = make_status(QStringLiteral("recordStatus"), content);
    pause_button_ = make_button(QStringLiteral("pauseButton"), tr("Pause Recording"), content);
    replay_button_ =
        make_button(QStringLiteral("replayBufferButton"), replay_labels_.start, content);
    replay_status_ = make_status(QStringLiteral("replayStatus"), content);
    save_replay_button_ =
        make_button(QStringLiteral("saveReplayButton"), tr("Save Replay"), content);
    studio_mode_button_ =
        make_button(QStringLiteral("studioModeButton"), tr("Studio Mode"), content);
    settings_button_ = make_button(QStringLiteral("settingsButton"), tr("Settings"), content);
    exit_button_ = make_button(QStringLiteral("exitButton"), tr("Exit"), content);
    // Checkable for the pressed-in look while live; the phase, not the click, decides it.
    stream_button_->setCheckable(true);
    record_button_->setCheckable(true);
    replay_button_->setCheckable(true);
    studio_mode_button_->setCheckable(true);
    pause_button_->setEnabled(false);
    save_replay_button_->setEnabled(false);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(stream_button_);
    layout->addWidget(stream_status_);
    layout->addWidget(record_button_);
    layout->addWidget(record_status_);
    layout->addWidget(pause_button_);
    layout->addSpacing(6);
    layout->addWidget(replay_button_);
    layout->addWidget(replay_status_);
    layout->addWidget(save_replay_button_);
    layout->addSpacing(6);
    layout->addWidget(studio_mode_button_);
    layout->addSpacing(6);
    layout->addWidget(settings_button_);
    layout->addWidget(exit_button_);
    layout->addStretch(1);
    setWidget(content);

    connect(stream_button_, &QPushButton::clicked, this, [this] {
        // A click toggled the check state; put it back until the window reports the new phase.
        show_phase(stream_button_, stream_status_, stream_labels_, stream_phase_);
        emit streamToggleRequested();
    });
    connect(record_button_, &QPushButton::clicked, this, [this] {
        show_phase(record_button_, record_status_, record_labels_, record_phase_);
        emit recordToggleRequested();
    });
    connect(replay_button_, &QPushButton::clicked, this, [this] {
        show_phase(replay_button_, replay_status_, replay_labels_, replay_phase_);
        emit replayBufferToggleRequested();
    });
    connect(pause_button_, &QPushButton::clicked, this, &ControlsDock::pauseToggleRequested);
    connect(save_replay_button_, &QPushButton::clicked, this, &ControlsDock::saveReplayRequested);
    connect(studio_mode_button_, &QPushButton::toggled, this, &ControlsDock::studioModeToggled);
    connect(settings_button_, &QPushButton::clicked, this, &ControlsDock::settingsRequested);
    connect(exit_button_, &QPushButton::clicked, this, &ControlsDock::exitRequested);
}

void ControlsDock::set_streaming(OutputPhase phase) {
    stream_phase_ = phase;
    show_phase(stream_button_, stream_status_, stream_labels_, phase);
}

void ControlsDock::set_recording(OutputPhase phase) {
    record_phase_ = phase;
    show_phase(record_button_, record_status_, record_labels_, phase);
    update_pause_button();
}

void ControlsDock::set_recording_paused(bool paused) {
    recording_paused_ = paused;
    update_pause_button();
}

void ControlsDock::set_replay_buffer(OutputPhase phase) {
    replay_phase_ = phase;
    show_phase(replay_button_, replay_status_, replay_labels_, phase);
    save_replay_button_->setEnabled(phase == OutputPhase::kLive);
}

void ControlsDock::update_pause_button() {
    const bool live = record_phase_ == OutputPhase::kLive;
    pause_button_->setEnabled(live);
    pause_button_->setText(live && recording_paused_ ? tr("Resume Recording")
                                                     : tr("Pause Recording"));
}

void ControlsDock::set_studio_mode(bool enabled) {
    const QSignalBlocker blocker(studio_mode_button_);
    studio_mode_button_->setChecked(enabled);
}

void ControlsDock::show_phase(QPushButton* button, QLabel* status, const OutputLabels& labels,
                              OutputPhase phase) {
    QString text = labels.stop;
    QString status_text;
    bool warning = false;
    switch (phase) {
        case OutputPhase::kOff:
            text = labels.start;
            break;
        case OutputPhase::kStarting:
            status_text = labels.starting;
            break;
        case OutputPhase::kLive:
            break;
        case OutputPhase::kStopping:
            text = tr("Stopping…");
            break;
        case OutputPhase::kReconnecting:
            status_text = tr("Reconnecting…");
            warning = true;
            break;
    }
    const QSignalBlocker blocker(button);
    button->setText(text);
    button->setChecked(phase != OutputPhase::kOff);
    // Stopping is the one phase a click cannot change: the output is already closing.
    button->setEnabled(phase != OutputPhase::kStopping);

    status->setText(status_text);
    QPalette palette = status->parentWidget()->palette();
    if (warning)
        palette.setColor(QPalette::WindowText, warning_colour());
    status->setPalette(palette);
    status->setVisible(!status_text.isEmpty());
}

}  // namespace lm::ui
