// An OBS-style audio level meter: one bar per channel over -60..0 dBFS, green/yellow/red zones,
// RMS as the solid bar, peak as a thinner bar, and a peak-hold tick.
#pragma once

#include <QPixmap>
#include <QWidget>
#include <array>

#include "core/audio/audio_meter.hpp"

namespace lm::ui {

class LevelMeter : public QWidget {
    Q_OBJECT

public:
    static constexpr double kMinDb = -60.0;
    static constexpr double kMaxDb = 0.0;
    /// Zone boundaries: green below kYellowDb, yellow up to kRedDb, red above.
    static constexpr double kYellowDb = -20.0;
    static constexpr double kRedDb = -9.0;
    /// The displayed peak and a released hold fall at most this fast (OBS's default decay).
    static constexpr double kPeakDecayDbPerSecond = 20.0;
    static constexpr double kPeakHoldSeconds = 1.5;

    explicit LevelMeter(QWidget* parent = nullptr);

    /// Horizontal (default): bars run left (-60 dBFS) to right (0 dBFS) across the full width,
    /// one row per channel, the scale below. Vertical: bottom to top over the full height, one
    /// column per channel, the scale on the right.
    void set_orientation(Qt::Orientation orientation);
    Qt::Orientation orientation() const { return orientation_; }

    /// Feeds the latest measured levels; `now_s` is a monotonic time in seconds that drives the
    /// ballistics (peak decay, hold), so the meter behaves the same whatever the repaint rate.
    /// A change in channel count restarts the ballistics. Levels at or below kSilenceDbfs (or
    /// NaN) are silence. UI thread only.
    void set_levels(const lm::AudioLevels& levels, double now_s);
    /// Back to silence, no channels shown.
    void reset();

    int channel_count() const { return channel_count_; }
    /// What the meter shows, in dBFS (kSilenceDbfs for silence or an unknown channel).
    double displayed_peak_db(int channel) const;
    double displayed_rms_db(int channel) const;
    double peak_hold_db(int channel) const;

    /// The colour of the zone `db` falls in; `bright` for the lit part, dim for the background.
    static QColor zone_colour(double db, bool bright);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Channel {
        double peak_db = kSilenceDbfs;
        double rms_db = kSilenceDbfs;
        double hold_db = kSilenceDbfs;
        double hold_since_s = 0;
    };

    /// Pixels along the meter from its -60 dBFS end for `db` (clamped to the range).
    int db_to_offset(double db) const;
    int meter_length() const;
    /// The rectangle of channel `channel`'s bar.
    QRect bar_rect(int channel) const;
    /// The part of `bar` between meter offsets [from, to), thinned to `thickness_percent`.
    QRect segment(const QRect& bar, int from, int to, int thickness_percent) const;
    /// Fills offsets [from, to) of `bar` in the bright colours of the zones they cross.
    void paint_level(QPainter& painter, const QRect& bar, int from, int to,
                     int thickness_percent) const;
    void rebuild_background();
    int scale_thickness() const;

    Qt::Orientation orientation_ = Qt::Horizontal;
    std::array<Channel, kMaxAudioChannels> channels_{};
    int channel_count_ = 0;
    double last_update_s_ = 0;
    bool has_update_ = false;
    /// Dim zones, scale and labels: static between resizes, so a paint only blits it and fills
    /// the lit rectangles (the meter is repainted 30-60 times a second per strip).
    QPixmap background_;
    bool background_valid_ = false;
};

}  // namespace lm::ui
