// The StudioController's audio monitoring: each item's monitoring mode (what the strip's
// Monitoring submenu changes) and the device the studio plays the monitor mix on.
#include "core/audio/monitor_playback.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/studio.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {

void StudioController::set_item_monitoring(int id, MonitoringMode mode) {
    if (EditableItem* item = find_item(id); item && item->description.monitoring != mode) {
        item->description.monitoring = mode;
        items_edited();
    }
}

void StudioController::set_monitoring_device(const std::string& device) {
    if (studio_)
        studio_->set_monitoring_device(device);
}

std::vector<std::pair<std::string, std::string>> StudioController::monitoring_devices() const {
    return lm::monitoring_devices(registry_);
}

}  // namespace lm::ui
