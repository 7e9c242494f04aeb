// The filters of one source as the Filters dialog edits them: the list of descriptions and the
// edits a creator makes (add, remove, rename, reorder, enable, change settings), keeping names
// unique within the source. Plain data: the dialog hands the result to the StudioController.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "core/scene/scene_collection.hpp"

namespace lm {
struct FilterType;
}

namespace lm::ui {

class FilterChain {
public:
    explicit FilterChain(std::vector<FilterDescription> filters = {});

    /// In the order they are applied (the first works on the source's own picture or sound).
    const std::vector<FilterDescription>& filters() const { return filters_; }
    size_t size() const { return filters_.size(); }
    const FilterDescription& at(size_t index) const { return filters_.at(index); }

    /// Appends an enabled filter of `type` with its default settings, named after the type
    /// ("Colour correction", then "Colour correction 2"...). Returns its index.
    size_t add(const FilterType& type);
    /// Out-of-range indexes are ignored by every edit.
    void remove(size_t index);
    /// False (nothing changes) when `name` is empty or another filter of the source has it.
    bool rename(size_t index, const std::string& name);
    /// Moves filter `index` one place earlier (`offset` -1) or later (+1). Returns its new
    /// index; the same one when it cannot move further.
    size_t move(size_t index, int offset);
    void set_enabled(size_t index, bool enabled);
    void set_settings(size_t index, nlohmann::json settings);

    /// `base`, or `base 2`, `base 3`... whichever no filter has yet.
    std::string unique_name(const std::string& base) const;

private:
    bool has(size_t index) const { return index < filters_.size(); }

    std::vector<FilterDescription> filters_;
};

/// The types a source with `capabilities` (Source::kVideo | Source::kAudio) can use: picture
/// filters when it has a picture, sound filters when it has sound; in the order given.
std::vector<const FilterType*> fitting_filter_types(const std::vector<const FilterType*>& types,
                                                    unsigned capabilities);

}  // namespace lm::ui
