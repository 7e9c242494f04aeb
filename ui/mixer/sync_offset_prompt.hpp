// How a strip asks the user for an item's audio sync offset. A function rather than a dialog
// class so tests (and a future richer dialog) can stand in for QInputDialog.
#pragma once

#include <QString>
#include <cstdint>
#include <functional>
#include <optional>

class QWidget;

namespace lm::ui {

/// OBS's range: audio can be delayed up to 20 s or advanced by a little under one second.
inline constexpr int kMinSyncOffsetMs = -950;
inline constexpr int kMaxSyncOffsetMs = 20000;

/// Asks for a new offset for `source_name`, starting at `current_ms`. Returns the value chosen
/// (within kMinSyncOffsetMs..kMaxSyncOffsetMs) or nothing when cancelled. GUI thread.
using SyncOffsetPrompt = std::function<std::optional<int64_t>(
    QWidget* parent, const QString& source_name, int64_t current_ms)>;

/// The default prompt: a modal QInputDialog::getInt in milliseconds.
std::optional<int64_t> ask_sync_offset_ms(QWidget* parent, const QString& source_name,
                                          int64_t current_ms);

}  // namespace lm::ui
