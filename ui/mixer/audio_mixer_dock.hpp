// The "Audio Mixer" dock: one AudioStrip per audio item of the current scene, in scene order
// (bottom item first, as the items list). Strips follow the controller's itemsChanged and
// currentSceneChanged; the window drives the meters with refresh_meters. GUI thread only.
#pragma once

#include <QDockWidget>
#include <vector>

#include "ui/mixer/sync_offset_prompt.hpp"

class QLabel;
class QVBoxLayout;

namespace lm::ui {

class AudioStrip;
class StudioController;

class AudioMixerDock : public QDockWidget {
    Q_OBJECT

public:
    /// `controller` must outlive the dock.
    explicit AudioMixerDock(StudioController& controller, QWidget* parent = nullptr);

    /// Feeds every strip's meter the controller's newest reading (silence when it has none).
    /// Called by the window 30-60 times a second: repaints the meters only, never relayouts.
    void refresh_meters(double now_s);

    /// The strips, top to bottom.
    const std::vector<AudioStrip*>& strips() const { return strips_; }
    /// The strip of item `item_id`, or null.
    AudioStrip* strip(int item_id) const;
    /// The prompt every strip's "Sync offset…" uses, now and for strips made later.
    void set_sync_offset_prompt(SyncOffsetPrompt prompt);

signals:
    /// A strip's "Filters…" was chosen for item `item_id`.
    void filtersRequested(int item_id);

private:
    /// Brings the strips in line with the current scene, keeping the strip (and so the meter's
    /// ballistics) of every item that is still there.
    void rebuild();

    StudioController& controller_;
    SyncOffsetPrompt prompt_ = ask_sync_offset_ms;
    QWidget* content_ = nullptr;
    QVBoxLayout* strips_layout_ = nullptr;
    QLabel* empty_label_ = nullptr;
    std::vector<AudioStrip*> strips_;
};

}  // namespace lm::ui
