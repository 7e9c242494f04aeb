#include "ui/mixer/audio_mixer_dock.hpp"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <optional>
#include <utility>

#include "core/scene/source.hpp"
#include "ui/mixer/audio_strip.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/widgets/level_meter.hpp"

namespace lm::ui {

AudioMixerDock::AudioMixerDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Audio Mixer"), parent), controller_(controller) {
    setObjectName(QStringLiteral("audioMixerDock"));

    content_ = new QWidget;
    auto* layout = new QVBoxLayout(content_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    empty_label_ = new QLabel(tr("No audio sources in this scene"), content_);
    empty_label_->setObjectName(QStringLiteral("emptyLabel"));
    empty_label_->setAlignment(Qt::AlignCenter);
    empty_label_->setEnabled(false);  // drawn in the palette's disabled text colour
    layout->addWidget(empty_label_);
    strips_layout_ = new QVBoxLayout;
    strips_layout_->setContentsMargins(0, 0, 0, 0);
    strips_layout_->setSpacing(0);
    layout->addLayout(strips_layout_);
    layout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("mixerScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content_);
    setWidget(scroll);

    connect(&controller_, &StudioController::itemsChanged, this, &AudioMixerDock::rebuild);
    connect(&controller_, &StudioController::currentSceneChanged, this, &AudioMixerDock::rebuild);
    rebuild();
}

void AudioMixerDock::refresh_meters(double now_s) {
    for (AudioStrip* strip : strips_) {
        LevelMeter* meter = strip->meter();
        std::optional<AudioLevels> levels = controller_.item_levels(strip->item_id());
        if (!levels) {
            // Silence on the channels already shown (stereo before any reading), so the meter
            // falls back with its usual ballistics instead of changing shape.
            levels.emplace();
            levels->channels = meter->channel_count() > 0 ? meter->channel_count() : 2;
            levels->peak_dbfs.fill(kSilenceDbfs);
            levels->rms_dbfs.fill(kSilenceDbfs);
        }
        meter->set_levels(*levels, now_s);
    }
}

AudioStrip* AudioMixerDock::strip(int item_id) const {
    const auto it = std::find_if(strips_.begin(), strips_.end(),
                                 [item_id](AudioStrip* s) { return s->item_id() == item_id; });
    return it == strips_.end() ? nullptr : *it;
}

void AudioMixerDock::set_sync_offset_prompt(SyncOffsetPrompt prompt) {
    prompt_ = std::move(prompt);
    for (AudioStrip* strip : strips_)
        strip->set_sync_offset_prompt(prompt_);
}

void AudioMixerDock::rebuild() {
    std::vector<ItemView> audio_items;
    for (ItemView& item : controller_.items()) {
        if (item.capabilities & Source::kAudio)
            audio_items.push_back(std::move(item));
    }

    std::vector<AudioStrip*> kept;
    kept.reserve(audio_items.size());
    for (const ItemView& item : audio_items) {
        AudioStrip* existing = strip(item.id);
        if (existing) {
            existing->set_item(item);
            kept.push_back(existing);
            continue;
        }
        auto* created = new AudioStrip(controller_, item, content_);
        created->set_sync_offset_prompt(prompt_);
        connect(created, &AudioStrip::filtersRequested, this, &AudioMixerDock::filtersRequested);
        kept.push_back(created);
    }
    for (AudioStrip* old : strips_) {
        if (std::find(kept.begin(), kept.end(), old) != kept.end())
            continue;
        // Later, not now: the strip may be below us on the stack (its menu or the sync offset
        // prompt runs a nested event loop while the scene changes).
        strips_layout_->removeWidget(old);
        old->hide();
        old->deleteLater();
    }

    // Only touch the layout when the order changed: a pure value update (a fader move echoed
    // back) must not relayout the dock.
    if (kept != strips_) {
        for (AudioStrip* s : kept)
            strips_layout_->removeWidget(s);
        for (AudioStrip* s : kept) {
            strips_layout_->addWidget(s);
            s->show();
        }
    }
    strips_ = std::move(kept);
    empty_label_->setVisible(strips_.empty());
}

}  // namespace lm::ui
