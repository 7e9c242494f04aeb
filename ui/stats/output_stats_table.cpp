#include "ui/stats/output_stats_table.hpp"

#include <QHeaderView>
#include <algorithm>

#include "ui/stats/stats_format.hpp"

namespace lm::ui {
namespace {

constexpr int kColumnCount = 5;
constexpr int kMinimumNameWidthPx = 80;
/// A warning can be a sentence: past this its cell elides it (whole in the tooltip) rather
/// than widening the dock over the preview.
constexpr int kMaximumStatusWidthPx = 320;

int column_index(OutputColumn column) {
    return static_cast<int>(column);
}

void set_severity(QTableWidgetItem* item, Severity severity) {
    // No brush means the view's own text colour, so themes keep working for normal rows.
    item->setForeground(severity == Severity::normal
                            ? QBrush()
                            : QBrush(severity_colour(severity, QPalette(), QPalette::Text)));
}

}  // namespace

OutputStatsTable::OutputStatsTable(QWidget* parent) : QTableWidget(0, kColumnCount, parent) {
    setObjectName(QStringLiteral("statsOutputTable"));
    setHorizontalHeaderLabels({tr("Output"), tr("Status"), tr("Dropped Frames (Network)"),
                               tr("Total Data Output"), tr("Bitrate")});
    verticalHeader()->hide();
    // Numbers keep their full width; a long output name gives way (elided, whole in a tooltip)
    // so the dock stays narrow.
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(column_index(OutputColumn::name),
                                             QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(column_index(OutputColumn::status),
                                             QHeaderView::Interactive);
    setTextElideMode(Qt::ElideMiddle);
    setWordWrap(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    fit_size();
}

QTableWidgetItem* OutputStatsTable::item_at(int row, OutputColumn column) {
    QTableWidgetItem* cell = item(row, column_index(column));
    if (cell == nullptr) {
        cell = new QTableWidgetItem;
        if (column != OutputColumn::name && column != OutputColumn::status)
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(row, column_index(column), cell);
    }
    return cell;
}

void OutputStatsTable::show_outputs(const std::vector<lm::OutputStats>& outputs) {
    last_outputs_ = outputs;
    const int rows = static_cast<int>(outputs.size());
    setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const lm::OutputStats& output = outputs[row];
        const lm::OutputCounters& counters = output.counters;
        Baseline& baseline = baselines_[counters.name];

        QTableWidgetItem* name = item_at(row, OutputColumn::name);
        name->setText(QString::fromStdString(counters.name));
        name->setToolTip(name->text());

        // A warning (a disk filling up) shows beside the state while the output works on.
        QTableWidgetItem* status = item_at(row, OutputColumn::status);
        const QString state = QString::fromUtf8(lm::to_string(counters.state));
        const QString warning = live_warning(counters);
        status->setText(warning.isEmpty() ? state : tr("%1: %2").arg(state, warning));
        status->setToolTip(warning.isEmpty() ? QString::fromStdString(counters.error) : warning);
        set_severity(status, warning.isEmpty()
                                 ? output_status_severity(state)
                                 : std::max(Severity::warning, output_status_severity(state)));

        const uint64_t dropped = counted_since(counters.frames_dropped, baseline.frames_dropped);
        const uint64_t written =
            counted_since(counters.video_frames_written, baseline.video_frames_written);
        QTableWidgetItem* dropped_cell = item_at(row, OutputColumn::dropped);
        dropped_cell->setText(format_ratio(dropped, written + dropped));
        set_severity(dropped_cell, frame_loss_severity(dropped, written + dropped));

        item_at(row, OutputColumn::data)
            ->setText(format_bytes(counted_since(counters.bytes, baseline.bytes)));
        item_at(row, OutputColumn::bitrate)
            ->setText(QStringLiteral("%1 kb/s").arg(output.kbps_last_second, 0, 'f', 0));
    }
    fit_size();
}

void OutputStatsTable::reset_counters() {
    for (const auto& output : last_outputs_) {
        const lm::OutputCounters& counters = output.counters;
        baselines_[counters.name] =
            Baseline{counters.bytes, counters.video_frames_written, counters.frames_dropped};
    }
    show_outputs(last_outputs_);
}

const QTableWidgetItem* OutputStatsTable::find_item(const QString& name,
                                                    OutputColumn column) const {
    for (int row = 0; row < rowCount(); ++row) {
        const QTableWidgetItem* cell = item(row, column_index(OutputColumn::name));
        if (cell != nullptr && cell->text() == name)
            return item(row, column_index(column));
    }
    return nullptr;
}

QString OutputStatsTable::text_of(const QString& name, OutputColumn column) const {
    const QTableWidgetItem* cell = find_item(name, column);
    return cell != nullptr ? cell->text() : QString();
}

QColor OutputStatsTable::colour_of(const QString& name, OutputColumn column) const {
    const QTableWidgetItem* cell = find_item(name, column);
    if (cell == nullptr)
        return QColor();
    const QBrush brush = cell->foreground();
    return brush.style() == Qt::NoBrush ? palette().color(QPalette::Text) : brush.color();
}

QString OutputStatsTable::tool_tip_of(const QString& name, OutputColumn column) const {
    const QTableWidgetItem* cell = find_item(name, column);
    return cell != nullptr ? cell->toolTip() : QString();
}

void OutputStatsTable::fit_size() {
    // The table sits in the dock's scroll area: it shows every cell rather than scrolling
    // itself, and the dock scrolls when it is too small.
    const int frame = 2 * frameWidth();
    setFixedHeight(horizontalHeader()->sizeHint().height() + verticalHeader()->length() + frame);
    // Not the header's length: the stretched name column would make the width only ever grow.
    const int status = column_index(OutputColumn::status);
    horizontalHeader()->resizeSection(
        status,
        std::min(kMaximumStatusWidthPx,
                 std::max(horizontalHeader()->sectionSizeHint(status), sizeHintForColumn(status))));
    int content_width = kMinimumNameWidthPx + horizontalHeader()->sectionSize(status);
    for (int column = status + 1; column < columnCount(); ++column)
        content_width +=
            std::max(horizontalHeader()->sectionSizeHint(column), sizeHintForColumn(column));
    setMinimumWidth(content_width + frame);
}

}  // namespace lm::ui
