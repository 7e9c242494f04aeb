#include "ui/filters/filter_chain.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "core/plugin/plugin_registry.hpp"

namespace lm::ui {

FilterChain::FilterChain(std::vector<FilterDescription> filters) : filters_(std::move(filters)) {}

size_t FilterChain::add(const FilterType& type) {
    nlohmann::json settings = nlohmann::json::object();
    try {
        settings = apply_schema(type.properties, settings);
    } catch (const std::invalid_argument&) {
        // A property without a usable default: the form marks it for the creator to fill in.
    }
    const std::string base = type.display_name.empty() ? type.id : type.display_name;
    filters_.push_back({unique_name(base), type.id, true, std::move(settings)});
    return filters_.size() - 1;
}

void FilterChain::remove(size_t index) {
    if (has(index))
        filters_.erase(filters_.begin() + std::ptrdiff_t(index));
}

bool FilterChain::rename(size_t index, const std::string& name) {
    if (!has(index) || name.empty())
        return false;
    if (filters_[index].name == name)
        return true;
    const bool taken = std::any_of(filters_.begin(), filters_.end(),
                                   [&](const FilterDescription& f) { return f.name == name; });
    if (taken)
        return false;
    filters_[index].name = name;
    return true;
}

size_t FilterChain::move(size_t index, int offset) {
    if (!has(index))
        return index;
    const std::ptrdiff_t target = std::ptrdiff_t(index) + offset;
    if (target < 0 || target >= std::ptrdiff_t(filters_.size()))
        return index;
    std::swap(filters_[index], filters_[size_t(target)]);
    return size_t(target);
}

void FilterChain::set_enabled(size_t index, bool enabled) {
    if (has(index))
        filters_[index].enabled = enabled;
}

void FilterChain::set_settings(size_t index, nlohmann::json settings) {
    if (has(index))
        filters_[index].settings = std::move(settings);
}

std::string FilterChain::unique_name(const std::string& base) const {
    auto taken = [&](const std::string& name) {
        return std::any_of(filters_.begin(), filters_.end(),
                           [&](const FilterDescription& f) { return f.name == name; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + " " + std::to_string(n);
        if (!taken(candidate))
            return candidate;
    }
}

std::vector<const FilterType*> fitting_filter_types(const std::vector<const FilterType*>& types,
                                                    unsigned capabilities) {
    std::vector<const FilterType*> fitting;
    for (const FilterType* type : types) {
        const bool picture = bool(type->create_video);
        if (picture ? (capabilities & Source::kVideo) != 0 : (capabilities & Source::kAudio) != 0)
            fitting.push_back(type);
    }
    return fitting;
}

}  // namespace lm::ui
