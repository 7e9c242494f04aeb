#include "ui/widgets/level_meter.hpp"

#include <QEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace lm::ui {
namespace {

constexpr int kBarGapPx = 2;
constexpr int kBarHintPx = 8;
constexpr int kTickPx = 4;
constexpr int kPeakThicknessPercent = 40;
constexpr int kHoldTickPx = 2;

double sanitize_db(double db) {
    // NaN and -inf (digital silence) both read as the silence floor.
    return db > kSilenceDbfs ? db : kSilenceDbfs;
}

}  // namespace

LevelMeter::LevelMeter(QWidget* parent) : QWidget(parent) {
    // The cached background covers every pixel, so Qt need not clear behind it.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LevelMeter::set_orientation(Qt::Orientation orientation) {
    if (orientation == orientation_)
        return;
    orientation_ = orientation;
    setSizePolicy(orientation == Qt::Horizontal
                      ? QSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed)
                      : QSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding));
    background_valid_ = false;
    updateGeometry();
    update();
}

void LevelMeter::set_levels(const lm::AudioLevels& levels, double now_s) {
    const int count = std::clamp(levels.channels, 0, kMaxAudioChannels);
    if (count != channel_count_) {
        channels_.fill(Channel{});
        channel_count_ = count;
        has_update_ = false;
        background_valid_ = false;
        updateGeometry();
    }
    // A clock that steps back must not make the peak jump up: treat it as no time passing.
    const double elapsed_s = has_update_ ? std::max(0.0, now_s - last_update_s_) : 0.0;
    const double max_fall_db = kPeakDecayDbPerSecond * elapsed_s;
    for (int i = 0; i < channel_count_; ++i) {
        Channel& channel = channels_[i];
        const double peak_db = sanitize_db(levels.peak_dbfs[i]);
        channel.peak_db = std::max(peak_db, channel.peak_db - max_fall_db);
        channel.rms_db = sanitize_db(levels.rms_dbfs[i]);
        if (peak_db >= channel.hold_db) {
            channel.hold_db = peak_db;
            channel.hold_since_s = now_s;
            continue;
        }
        const double release_s = channel.hold_since_s + kPeakHoldSeconds;
        if (now_s > release_s) {
            // Fall only for the part of this interval that lies after the release.
            const double fall_from_s =
                has_update_ ? std::max(last_update_s_, release_s) : release_s;
            channel.hold_db -= kPeakDecayDbPerSecond * (now_s - fall_from_s);
            channel.hold_db = std::max(channel.hold_db, channel.peak_db);
        }
    }
    last_update_s_ = now_s;
    has_update_ = true;
    update();
}

void LevelMeter::reset() {
    channels_.fill(Channel{});
    channel_count_ = 0;
    has_update_ = false;
    background_valid_ = false;
    updateGeometry();
    update();
}

double LevelMeter::displayed_peak_db(int channel) const {
    return channel >= 0 && channel < channel_count_ ? channels_[channel].peak_db : kSilenceDbfs;
}

double LevelMeter::displayed_rms_db(int channel) const {
    return channel >= 0 && channel < channel_count_ ? channels_[channel].rms_db : kSilenceDbfs;
}

double LevelMeter::peak_hold_db(int channel) const {
    return channel >= 0 && channel < channel_count_ ? channels_[channel].hold_db : kSilenceDbfs;
}

QColor LevelMeter::zone_colour(double db, bool bright) {
    // OBS's default meter colours: readable on dark and light themes alike.
    if (db > kRedDb)
        return bright ? QColor(0xff, 0x4c, 0x4c) : QColor(0x7f, 0x26, 0x26);
    if (db >= kYellowDb)
        return bright ? QColor(0xff, 0xff, 0x4c) : QColor(0x7f, 0x7f, 0x26);
    return bright ? QColor(0x4c, 0xff, 0x4c) : QColor(0x26, 0x7f, 0x26);
}

QSize LevelMeter::sizeHint() const {
    const int bars = std::max(channel_count_, 2);
    const int across = bars * kBarHintPx + (bars - 1) * kBarGapPx + scale_thickness();
    return orientation_ == Qt::Horizontal ? QSize(300, across) : QSize(across, 200);
}

QSize LevelMeter::minimumSizeHint() const {
    const int bars = std::max(channel_count_, 1);
    const int across = bars * 3 + (bars - 1) * kBarGapPx + scale_thickness();
    return orientation_ == Qt::Horizontal ? QSize(60, across) : QSize(across, 60);
}

int LevelMeter::scale_thickness() const {
    const QFontMetrics metrics = fontMetrics();
    if (orientation_ == Qt::Horizontal)
        return kTickPx + metrics.height();
    return kTickPx + 2 + metrics.horizontalAdvance(QStringLiteral("-60"));
}

int LevelMeter::meter_length() const {
    return orientation_ == Qt::Horizontal ? width() : height();
}

int LevelMeter::db_to_offset(double db) const {
    const double clamped = std::clamp(db, kMinDb, kMaxDb);
    return static_cast<int>(std::lround((clamped - kMinDb) / (kMaxDb - kMinDb) * meter_length()));
}

QRect LevelMeter::bar_rect(int channel) const {
    const int bars = std::max(channel_count_, 1);
    const int across = (orientation_ == Qt::Horizontal ? height() : width()) - scale_thickness();
    const int thickness = std::max(1, (across - (bars - 1) * kBarGapPx) / bars);
    const int start = channel * (thickness + kBarGapPx);
    if (orientation_ == Qt::Horizontal)
        return QRect(0, start, width(), thickness);
    return QRect(start, 0, thickness, height());
}

QRect LevelMeter::segment(const QRect& bar, int from, int to, int thickness_percent) const {
    if (orientation_ == Qt::Horizontal) {
        const int thickness = std::max(1, bar.height() * thickness_percent / 100);
        const int top = bar.top() + (bar.height() - thickness) / 2;
        return QRect(bar.left() + from, top, to - from, thickness);
    }
    const int thickness = std::max(1, bar.width() * thickness_percent / 100);
    const int left = bar.left() + (bar.width() - thickness) / 2;
    return QRect(left, bar.top() + bar.height() - to, thickness, to - from);
}

void LevelMeter::paint_level(QPainter& painter, const QRect& bar, int from, int to,
                             int thickness_percent) const {
    const int zone_starts[] = {0, db_to_offset(kYellowDb), db_to_offset(kRedDb)};
    const int zone_ends[] = {zone_starts[1], zone_starts[2], meter_length()};
    const double zone_dbs[] = {kMinDb, kYellowDb, kMaxDb};
    for (int zone = 0; zone < 3; ++zone) {
        const int start = std::max(from, zone_starts[zone]);
        const int end = std::min(to, zone_ends[zone]);
        if (end > start)
            painter.fillRect(segment(bar, start, end, thickness_percent),
                             zone_colour(zone_dbs[zone], true));
    }
}

void LevelMeter::rebuild_background() {
    const qreal ratio = devicePixelRatioF();
    background_ = QPixmap(size() * ratio);
    background_.setDevicePixelRatio(ratio);
    background_.fill(palette().color(QPalette::Window));
    QPainter painter(&background_);
    const int bars = std::max(channel_count_, 1);
    const int length = meter_length();
    const int yellow = db_to_offset(kYellowDb);
    const int red = db_to_offset(kRedDb);
    for (int i = 0; i < bars; ++i) {
        const QRect bar = bar_rect(i);
        painter.fillRect(segment(bar, 0, yellow, 100), zone_colour(kMinDb, false));
        painter.fillRect(segment(bar, yellow, red, 100), zone_colour(kYellowDb, false));
        painter.fillRect(segment(bar, red, length, 100), zone_colour(kMaxDb, false));
    }

    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics metrics = fontMetrics();
    const QRect last_bar = bar_rect(bars - 1);
    for (int db = static_cast<int>(kMinDb); db <= static_cast<int>(kMaxDb); db += 5) {
        const int offset = db_to_offset(db);
        const bool labelled = db % 10 == 0;
        const int tick = labelled ? kTickPx : kTickPx / 2;
        const QString label = QString::number(db);
        if (orientation_ == Qt::Horizontal) {
            const int x = std::clamp(offset, 0, width() - 1);
            const int top = last_bar.bottom() + 1;
            painter.drawLine(x, top, x, top + tick - 1);
            if (!labelled)
                continue;
            const int text_width = metrics.horizontalAdvance(label);
            const int left = std::clamp(x - text_width / 2, 0, width() - text_width);
            painter.drawText(QRect(left, top + kTickPx, text_width, metrics.height()),
                             Qt::AlignCenter, label);
        } else {
            const int y = std::clamp(height() - offset, 0, height() - 1);
            const int left = last_bar.right() + 1;
            painter.drawLine(left, y, left + tick - 1, y);
            if (!labelled)
                continue;
            const int top = std::clamp(y - metrics.height() / 2, 0, height() - metrics.height());
            painter.drawText(QRect(left + kTickPx + 2, top, width(), metrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, label);
        }
    }
    background_valid_ = true;
}

void LevelMeter::paintEvent(QPaintEvent* /*event*/) {
    if (!background_valid_)
        rebuild_background();
    QPainter painter(this);
    painter.drawPixmap(0, 0, background_);
    for (int i = 0; i < channel_count_; ++i) {
        const Channel& channel = channels_[i];
        const QRect bar = bar_rect(i);
        const int rms = db_to_offset(channel.rms_db);
        const int peak = db_to_offset(channel.peak_db);
        paint_level(painter, bar, 0, rms, 100);
        // Beyond the solid RMS bar the peak continues as a thinner bar.
        paint_level(painter, bar, rms, peak, kPeakThicknessPercent);
        if (channel.hold_db > kMinDb) {
            const int hold = std::max(db_to_offset(channel.hold_db), kHoldTickPx);
            painter.fillRect(segment(bar, hold - kHoldTickPx, hold, 100),
                             zone_colour(channel.hold_db, true));
        }
    }
}

void LevelMeter::resizeEvent(QResizeEvent* event) {
    background_valid_ = false;
    QWidget::resizeEvent(event);
}

void LevelMeter::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        background_valid_ = false;
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

}  // namespace lm::ui
