#include "core/scene/properties.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace lm {

namespace {

using nlohmann::json;

// Long values (a pasted document in a text field) are cut so the message stays readable.
std::string describe(const Property& property, const json& value) {
    if (property.secret)
        return "(hidden)";  // stream keys must never reach a log
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    constexpr size_t kMaxBytes = 60;
    if (text.size() > kMaxBytes) {
        size_t cut = kMaxBytes;  // back to a character boundary: never half a UTF-8 sequence
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut) + "...";
    }
    return text;
}

std::string number_text(double value) {
    // Whole numbers print without a fraction ("1 to 8192", not "1.000000 to 8192.000000").
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

bool bounded(const Property& property) {
    return property.min != property.max;
}

std::string range_text(const Property& property) {
    if (!bounded(property))
        return "";
    return fmt::format(" from {} to {}", number_text(property.min), number_text(property.max));
}

[[noreturn]] void refuse(const Property& property, const json& value, const std::string& allowed) {
    throw std::invalid_argument(fmt::format("setting '{}' is {}; allowed: {}", property.key,
                                            describe(property, value), allowed));
}

void check_range(const Property& property, const json& value, double number,
                 const std::string& what) {
    if (!std::isfinite(number) ||
        (bounded(property) && (number < property.min || number > property.max))) {
        refuse(property, value, what + range_text(property));
    }
}

// Returns the value to store: the same value, or an integer for a whole-valued float given to
// an integer property (1280.0 from a UI spin box or a script means 1280).
json check_value(const Property& property, const json& value) {
    switch (property.type) {
        case PropertyType::boolean:
            if (!value.is_boolean())
                refuse(property, value, "true or false");
            return value;
        case PropertyType::integer: {
            json integer = value;
            if (value.is_number_float()) {
                const double number = value.get<double>();
                if (std::isfinite(number) && number == std::floor(number) &&
                    std::abs(number) < 9.0e15) {
                    integer = static_cast<int64_t>(number);
                }
            }
            if (!integer.is_number_integer())
                refuse(property, value, "an integer" + range_text(property));
            const double number = integer.is_number_unsigned()
                                      ? static_cast<double>(integer.get<uint64_t>())
                                      : static_cast<double>(integer.get<int64_t>());
            check_range(property, value, number, "an integer");
            return integer;
        }
        case PropertyType::number:
            if (!value.is_number())
                refuse(property, value, "a number" + range_text(property));
            check_range(property, value, value.get<double>(), "a number");
            return value;
        case PropertyType::text:
            if (!value.is_string())
                refuse(property, value, "a string");
            return value;
        case PropertyType::path:
            if (!value.is_string())
                refuse(property, value, "a file path (a string)");
            return value;
        case PropertyType::color: {
            constexpr const char* kAllowed = "a colour as an integer 0xAARRGGBB (0 to 4294967295)";
            if (!value.is_number_integer())
                refuse(property, value, kAllowed);
            if (value.is_number_unsigned()) {
                if (value.get<uint64_t>() > 0xFFFFFFFFu)
                    refuse(property, value, kAllowed);
            } else if (value.get<int64_t>() < 0) {
                refuse(property, value, kAllowed);
            }
            return value;
        }
        case PropertyType::list: {
            std::string allowed;
            for (const PropertyOption& option : property.options) {
                if (option.value == value)
                    return value;
                if (!allowed.empty())
                    allowed += ", ";
                allowed += option.value.dump(-1, ' ', false, json::error_handler_t::replace);
                if (!option.label.empty())
                    allowed += fmt::format(" ({})", option.label);
            }
            refuse(property, value,
                   allowed.empty() ? "nothing (the list is empty)" : "one of " + allowed);
        }
    }
    throw std::logic_error(fmt::format("property '{}' has no valid type", property.key));
}

}  // namespace

json apply_schema(const PropertySchema& schema, const json& settings) {
    if (!settings.is_null() && !settings.is_object()) {
        throw std::invalid_argument(
            fmt::format("settings must be a JSON object, got {}", settings.type_name()));
    }
    json result = settings.is_null() ? json::object() : settings;
    for (const Property& property : schema) {
        const auto found = result.find(property.key);
        // A null counts as "not set", so a UI can clear a field back to its default.
        if (found == result.end() || found->is_null()) {
            if (property.default_value.is_null()) {
                if (found != result.end())
                    result.erase(found);
            } else {
                result[property.key] = property.default_value;
            }
            continue;
        }
        *found = check_value(property, *found);
    }
    return result;
}

}  // namespace lm
