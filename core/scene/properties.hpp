// Properties: the typed schema every source, encoder and output declares for its settings, so
// dialogs, the remote control, the command line and scene files are all generated from one
// description. Settings themselves are JSON objects.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace lm {

enum class PropertyType {
    boolean = 1,
    integer,
    number,  ///< floating point
    text,
    path,   ///< a file path (file picker in dialogs)
    color,  ///< 0xAARRGGBB as an integer
    list,   ///< one of `options`
};

struct PropertyOption {
    std::string label;
    nlohmann::json value;
};

/// The values a text property can take right now, e.g. the devices plugged in, asked afresh each
/// time a dialog opens. May block for a moment (device I/O, a sound server that is slow to
/// answer): call it from the UI thread or a worker, never a mixer thread.
using PropertyOptionsProvider = std::function<std::vector<PropertyOption>()>;

struct Property {
    std::string key;
    std::string label;
    PropertyType type = PropertyType::text;
    nlohmann::json default_value;
    double min = 0;                       ///< integer/number only
    double max = 0;                       ///< integer/number only; min == max means unbounded
    std::vector<PropertyOption> options;  ///< list only
    std::string description;
    bool secret = false;  ///< masked in UIs, never logged (stream keys)
    /// Text only, optional: the choices a dialog offers (an editable list). Only suggestions:
    /// any text stays valid, so a device that is unplugged now keeps its setting.
    PropertyOptionsProvider current_options;
};

using PropertySchema = std::vector<Property>;

/// Checks `settings` against `schema` and returns a copy with defaults filled in. Throws
/// std::invalid_argument naming the key, the bad value and what is allowed. Unknown keys are
/// kept (forward compatibility) but not validated.
nlohmann::json apply_schema(const PropertySchema& schema, const nlohmann::json& settings);

}  // namespace lm
