#include "ui/mixer/sync_offset_prompt.hpp"

#include <QCoreApplication>
#include <QInputDialog>
#include <algorithm>

namespace lm::ui {

std::optional<int64_t> ask_sync_offset_ms(QWidget* parent, const QString& source_name,
                                          int64_t current_ms) {
    const int start =
        static_cast<int>(std::clamp<int64_t>(current_ms, kMinSyncOffsetMs, kMaxSyncOffsetMs));
    bool ok = false;
    const int value = QInputDialog::getInt(
        parent, QCoreApplication::translate("AudioStrip", "Sync Offset"),
        QCoreApplication::translate("AudioStrip", "Sync offset of '%1' (ms):").arg(source_name),
        start, kMinSyncOffsetMs, kMaxSyncOffsetMs, 10, &ok);
    if (!ok)
        return std::nullopt;
    return value;
}

}  // namespace lm::ui
