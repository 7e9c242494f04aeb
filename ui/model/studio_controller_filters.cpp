// The StudioController's filter edits, what the Filters dialog changes: kept apart from the
// scene and item edits so each file holds one concern.
#include <memory>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {

std::vector<const FilterType*> StudioController::filter_types() const {
    return registry_.filters();
}

std::vector<FilterDescription> StudioController::source_filters(int id) const {
    const EditableItem* item = find_item(id);
    const SourceDescription* source = item ? find_source(item->description.source) : nullptr;
    return source ? source->filters : std::vector<FilterDescription>{};
}

void StudioController::set_source_filters(int id, const std::vector<FilterDescription>& filters) {
    const EditableItem* item = find_item(id);
    SourceDescription* source = item ? find_source(item->description.source) : nullptr;
    const auto live = source ? live_.find(source->name) : live_.end();
    if (live == live_.end() || !live->second)
        return;
    // Only the chain is made anew: the source under it keeps running, so dragging a slider
    // does not reopen a camera or restart a clip.
    std::shared_ptr<Source> unfiltered = live->second;
    if (const auto* filtered = dynamic_cast<const FilteredSource*>(unfiltered.get()))
        unfiltered = filtered->unfiltered();
    // Throws before anything changed.
    std::shared_ptr<Source> rewrapped = with_filters(std::move(unfiltered), filters, registry_);
    live->second = std::move(rewrapped);
    source->filters = filters;
    items_edited();
}

SourceStatus StudioController::filter_status(int id, const std::string& filter_name) const {
    const EditableItem* item = find_item(id);
    if (!item)
        return {};
    const auto live = live_.find(item->description.source);
    if (live == live_.end())
        return {};
    const auto* filtered = dynamic_cast<const FilteredSource*>(live->second.get());
    return filtered ? filtered->filter_status(filter_name) : SourceStatus{};
}

}  // namespace lm::ui
