// One row of the audio mixer, as in OBS: the source's name and gain readout, its level meter,
// a volume fader, a mute button and a ⋮ menu (sync offset, filters, monitoring). Edits go straight
// to the StudioController; the strip shows what the controller reports back through set_item. GUI
// thread only.
#pragma once

#include <QWidget>

#include "ui/mixer/sync_offset_prompt.hpp"
#include "ui/model/studio_controller.hpp"

class QGraphicsColorizeEffect;
class QLabel;
class QMenu;
class QSlider;
class QToolButton;

namespace lm::ui {

class GainReadout;
class LevelMeter;

class AudioStrip : public QWidget {
    Q_OBJECT

public:
    /// Slider positions from bottom (silence) to top (0 dB); fine enough that a typed gain
    /// survives the round trip through the slider to within 0.01 dB above -60 dB.
    static constexpr int kFaderSteps = 10000;

    /// `controller` must outlive the strip. The object name is "strip:<source name>".
    AudioStrip(StudioController& controller, const ItemView& item, QWidget* parent = nullptr);

    int item_id() const { return item_id_; }
    QString source_name() const;
    /// Shows the model's state (name, gain, mute, offset, monitoring) without calling back
    /// into it.
    void set_item(const ItemView& item);
    /// Replaces the prompt "Sync offset…" uses (QInputDialog by default).
    void set_sync_offset_prompt(SyncOffsetPrompt prompt);

    /// The gain the fader's position stands for (-inf at the bottom).
    double fader_db() const;
    /// The readout's text: "-3.2 dB", "-inf dB".
    QString gain_text() const;
    bool is_muted() const;
    /// The mode the Monitoring submenu has checked.
    MonitoringMode monitoring() const;
    /// The Monitoring submenu's action for `mode` (objectName "monitoring:<mode>").
    QAction* monitoring_action(MonitoringMode mode) const;
    /// The headphones cue shown while the item is monitored.
    QLabel* monitoring_label() const { return monitoring_label_; }
    /// Asks for a sync offset and applies it: what the menu's "Sync offset…" does.
    void edit_sync_offset();

    LevelMeter* meter() const { return meter_; }
    QSlider* fader() const { return fader_; }
    GainReadout* readout() const { return readout_; }
    QToolButton* mute_button() const { return mute_button_; }
    QToolButton* menu_button() const { return menu_button_; }
    QMenu* menu() const { return menu_; }

signals:
    /// The menu's "Filters…" was chosen: the window opens the source's filters dialog.
    void filtersRequested(int item_id);

private:
    void build_menu();
    void on_fader_moved(int value);
    void on_gain_typed(double gain_db);
    void on_mute_toggled(bool muted);
    void show_gain(double gain_db);
    void show_muted(bool muted);
    void show_monitoring(MonitoringMode mode);
    void update_offset_tooltip();

    StudioController& controller_;
    int item_id_ = 0;
    int64_t sync_offset_ms_ = 0;
    SyncOffsetPrompt prompt_ = ask_sync_offset_ms;
    QLabel* name_label_ = nullptr;
    GainReadout* readout_ = nullptr;
    LevelMeter* meter_ = nullptr;
    QSlider* fader_ = nullptr;
    QToolButton* mute_button_ = nullptr;
    QToolButton* menu_button_ = nullptr;
    QMenu* menu_ = nullptr;
    QAction* sync_offset_action_ = nullptr;
    QAction* filters_action_ = nullptr;
    QMenu* monitoring_menu_ = nullptr;
    QLabel* monitoring_label_ = nullptr;
    /// Greys the meter while muted, as OBS does.
    QGraphicsColorizeEffect* mute_effect_ = nullptr;
};

}  // namespace lm::ui
