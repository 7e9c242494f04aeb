// One-line constructors for the Property descriptions every plugin's schema is made of, so a
// schema reads as a list of settings rather than field-by-field assignments.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/scene/properties.hpp"

namespace lm::property {

inline Property make(std::string key, std::string label, PropertyType type, nlohmann::json value,
                     std::string description) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = type;
    p.default_value = std::move(value);
    p.description = std::move(description);
    return p;
}

inline Property integer(std::string key, std::string label, int value, double min, double max,
                        std::string description = {}) {
    Property p = make(std::move(key), std::move(label), PropertyType::integer, value,
                      std::move(description));
    p.min = min;
    p.max = max;
    return p;
}

inline Property number(std::string key, std::string label, double value, double min, double max,
                       std::string description = {}) {
    Property p =
        make(std::move(key), std::move(label), PropertyType::number, value, std::move(description));
    p.min = min;
    p.max = max;
    return p;
}

inline Property boolean(std::string key, std::string label, bool value,
                        std::string description = {}) {
    return make(std::move(key), std::move(label), PropertyType::boolean, value,
                std::move(description));
}

/// `value` is 0xAARRGGBB.
inline Property color(std::string key, std::string label, uint32_t value,
                      std::string description = {}) {
    return make(std::move(key), std::move(label), PropertyType::color, value,
                std::move(description));
}

inline Property path(std::string key, std::string label, std::string value,
                     std::string description = {}) {
    return make(std::move(key), std::move(label), PropertyType::path, std::move(value),
                std::move(description));
}

inline Property list(std::string key, std::string label, nlohmann::json value,
                     std::vector<PropertyOption> options, std::string description = {}) {
    Property p = make(std::move(key), std::move(label), PropertyType::list, std::move(value),
                      std::move(description));
    p.options = std::move(options);
    return p;
}

}  // namespace lm::property
