// Reading scene collections: JSON syntax, then shape, then references, each error pointing at
// the line and column of the value that is wrong.
#include "core/scene/scene_collection.hpp"

#include <fmt/format.h>

#include <climits>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <set>

#include "core/scene/json_positions.hpp"
#include "core/scene/transition_names.hpp"

namespace lm {

namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

// A short rendering of a value for messages, cut on a character boundary.
std::string shown(const json& value) {
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    constexpr size_t kMaxBytes = 40;
    if (text.size() > kMaxBytes) {
        size_t cut = kMaxBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut) + "...";
    }
    return text;
}

std::string prefixed(const std::string& context, const std::string& message) {
    return context.empty() ? message : context + ": " + message;
}

[[noreturn]] void throw_at(const std::string& file, TextPosition at, const std::string& message) {
    if (!at.known())
        throw SceneCollectionError(fmt::format("{}: {}", file, message));
    throw SceneCollectionError(fmt::format("{}:{}:{}: {}", file, at.line, at.column, message));
}

std::optional<int64_t> as_integer(const json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<uint64_t>();
        if (number > static_cast<uint64_t>(INT64_MAX))
            return std::nullopt;
        return static_cast<int64_t>(number);
    }
    if (value.is_number_integer())
        return value.get<int64_t>();
    if (value.is_number_float()) {
        // 2.0 from a script means 2: accept whole numbers written with a fraction.
        const double number = value.get<double>();
        if (number == std::floor(number) && std::abs(number) < 9.0e15) {
            return static_cast<int64_t>(number);
        }
    }
    return std::nullopt;
}

// The checks for one file. Every error names file:line:column of the value at fault.
class Reader {
public:
    Reader(std::string_view text, std::string file) : file_(std::move(file)), positions_(text) {}

    const JsonPositions& positions() const { return positions_; }

    [[noreturn]] void fail_value(const Pointer& at, const std::string& message) const {
        throw_at(file_, positions_.value(at), message);
    }
    [[noreturn]] void fail_key(const Pointer& at, const std::string& message) const {
        throw_at(file_, positions_.key(at), message);
    }
    TextOrigin origin(const Pointer& at) const {
        const TextPosition position = positions_.value(at);
        return TextOrigin{file_, position.line, position.column};
    }

    void require_object(const json& value, const Pointer& at, const std::string& context,
                        const std::string& what) const {
        if (!value.is_object()) {
            fail_value(at, prefixed(context, fmt::format("{} must be a JSON object {{...}}, got {}",
                                                         what, shown(value))));
        }
    }

    // Refuses misspelt keys: a silently ignored "positon" would be a bug the user cannot see.
    void check_keys(const json& object, const Pointer& at, const std::string& context,
                    std::initializer_list<const char*> known) const {
        for (const auto& [key, value] : object.items()) {
            bool found = false;
            std::string list;
            for (const char* name : known) {
                found = found || key == name;
                list += list.empty() ? name : fmt::format(", {}", name);
            }
            if (!found) {
                fail_key(at / key,
                         prefixed(context,
                                  fmt::format("unknown key \"{}\"; known keys: {}", key, list)));
            }
        }
    }

    // Member accessors: nullptr when absent; a type error names the key, the value and the
    // expected type.
    const json* member(const json& object, const char* key) const {
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }
    const json& required(const json& object, const Pointer& at, const char* key,
                         const std::string& context) const {
        const json* value = member(object, key);
        if (value == nullptr)
            fail_value(at, prefixed(context, fmt::format("\"{}\" is missing", key)));
        return *value;
    }
    [[noreturn]] void wrong(const json& value, const Pointer& at, const std::string& context,
                            const std::string& expected) const {
        fail_value(at, prefixed(context, fmt::format("\"{}\" must be {}, got {}", at.back(),
                                                     expected, shown(value))));
    }
    std::string text(const json& value, const Pointer& at, const std::string& context,
                     bool allow_empty = false) const {
        if (!value.is_string() || (!allow_empty && value.get<std::string>().empty())) {
            wrong(value, at, context, allow_empty ? "a string" : "a non-empty string");
        }
        return value.get<std::string>();
    }
    bool boolean(const json& value, const Pointer& at, const std::string& context) const {
        if (!value.is_boolean())
            wrong(value, at, context, "true or false");
        return value.get<bool>();
    }
    double number(const json& value, const Pointer& at, const std::string& context) const {
        if (!value.is_number())
            wrong(value, at, context, "a number");
        return value.get<double>();
    }
    int64_t integer(const json& value, const Pointer& at, const std::string& context, int64_t min,
                    int64_t max, const std::string& expected) const {
        const std::optional<int64_t> number = as_integer(value);
        if (!number || *number < min || *number > max)
            wrong(value, at, context, expected);
        return *number;
    }
    Vec2 pair(const json& value, const Pointer& at, const std::string& context,
              const std::string& expected, double min = -HUGE_VAL) const {
        if (!value.is_array() || value.size() != 2 || !value[0].is_number() ||
            !value[1].is_number() || value[0].get<double>() < min || value[1].get<double>() < min) {
            wrong(value, at, context, expected);
        }
        return {value[0].get<double>(), value[1].get<double>()};
    }

private:
    std::string file_;
    JsonPositions positions_;
};

BoundsType bounds_type(const Reader& reader, const json& value, const Pointer& at,
                       const std::string& context) {
    static const std::pair<const char*, BoundsType> kTypes[] = {
        {"none", BoundsType::none},
        {"stretch", BoundsType::stretch},
        {"scale_inner", BoundsType::scale_inner},
        {"scale_outer", BoundsType::scale_outer}};
    if (value.is_string()) {
        for (const auto& [name, type] : kTypes) {
            if (value.get<std::string>() == name)
                return type;
        }
    }
    reader.wrong(value, at, context,
                 "one of \"none\", \"stretch\", \"scale_inner\", \"scale_outer\"");
}

ItemTransform read_transform(const Reader& r, const json& item, const Pointer& at,
                             const std::string& context) {
    ItemTransform t;
    if (const json* v = r.member(item, "position")) {
        t.position = r.pair(*v, at / "position", context, "an array of two numbers [x, y]");
    }
    if (const json* v = r.member(item, "scale")) {
        t.scale = r.pair(*v, at / "scale", context, "an array of two numbers [x, y]");
    }
    if (const json* v = r.member(item, "rotation")) {
        t.rotation_deg = r.number(*v, at / "rotation", context);
    }
    if (const json* crop = r.member(item, "crop")) {
        const Pointer crop_at = at / "crop";
        r.require_object(*crop, crop_at, context, "\"crop\"");
        r.check_keys(*crop, crop_at, context + " crop", {"left", "top", "right", "bottom"});
        int* edges[] = {&t.crop.left, &t.crop.top, &t.crop.right, &t.crop.bottom};
        const char* names[] = {"left", "top", "right", "bottom"};
        for (int i = 0; i < 4; ++i) {
            if (const json* v = r.member(*crop, names[i])) {
                *edges[i] = static_cast<int>(r.integer(*v, crop_at / names[i], context + " crop", 0,
                                                       INT_MAX, "a whole number of pixels >= 0"));
            }
        }
    }
    if (const json* bounds = r.member(item, "bounds")) {
        const Pointer bounds_at = at / "bounds";
        const std::string where = context + " bounds";
        r.require_object(*bounds, bounds_at, context, "\"bounds\"");
        r.check_keys(*bounds, bounds_at, where, {"type", "size"});
        t.bounds_type = bounds_type(r, r.required(*bounds, bounds_at, "type", where),
                                    bounds_at / "type", where);
        const json* size = r.member(*bounds, "size");
        if (size == nullptr && t.bounds_type != BoundsType::none) {
            r.fail_value(bounds_at, fmt::format("{}: type \"{}\" needs a \"size\": [width, height]",
                                                where, (*bounds)["type"].get<std::string>()));
        }
        if (size != nullptr) {
            const bool boxed = t.bounds_type != BoundsType::none;
            t.bounds = r.pair(
                *size, bounds_at / "size", where,
                boxed ? "two numbers above 0 [width, height]" : "two numbers >= 0 [width, height]",
                0);
            if (boxed && (t.bounds.x <= 0 || t.bounds.y <= 0)) {
                r.wrong(*size, bounds_at / "size", where, "two numbers above 0 [width, height]");
            }
        }
    }
    return t;
}

ItemDescription read_item(const Reader& r, const json& item, const Pointer& at,
                          const std::string& context, const std::set<std::string>& sources) {
    r.require_object(item, at, "", context);
    r.check_keys(item, at, context,
                 {"source", "position", "scale", "rotation", "crop", "bounds", "visible", "locked",
                  "gain_db", "muted", "sync_offset_ms", "monitoring"});
    ItemDescription d;
    d.source = r.text(r.required(item, at, "source", context), at / "source", context);
    if (!sources.contains(d.source)) {
        r.fail_value(at / "source", fmt::format("{} refers to source '{}' which is not defined",
                                                context, d.source));
    }
    d.source_origin = r.origin(at / "source");
    d.transform = read_transform(r, item, at, context);
    if (const json* v = r.member(item, "visible"))
        d.visible = r.boolean(*v, at / "visible", context);
    if (const json* v = r.member(item, "locked"))
        d.locked = r.boolean(*v, at / "locked", context);
    if (const json* v = r.member(item, "gain_db"))
        d.gain_db = r.number(*v, at / "gain_db", context);
    if (const json* v = r.member(item, "muted"))
        d.muted = r.boolean(*v, at / "muted", context);
    if (const json* v = r.member(item, "sync_offset_ms")) {
        d.sync_offset_ms = r.integer(*v, at / "sync_offset_ms", context, INT64_MIN / 2,
                                     INT64_MAX / 2, "a whole number of milliseconds");
    }
    if (const json* v = r.member(item, "monitoring")) {
        const auto mode =
            v->is_string() ? monitoring_mode_from_string(v->get<std::string>()) : std::nullopt;
        if (!mode) {
            r.wrong(*v, at / "monitoring", context,
                    "one of \"off\", \"monitor_only\", \"monitor_and_output\"");
        }
        d.monitoring = *mode;
    }
    return d;
}

FilterDescription read_filter(const Reader& r, const json& filter, const Pointer& at,
                              const std::string& source_context, size_t index) {
    std::string context = fmt::format("{} filter {}", source_context, index + 1);
    r.require_object(filter, at, "", context);
    FilterDescription d;
    d.name = r.text(r.required(filter, at, "name", context), at / "name", context);
    context = fmt::format("{} filter '{}'", source_context, d.name);
    r.check_keys(filter, at, context, {"name", "type", "enabled", "settings"});
    d.type = r.text(r.required(filter, at, "type", context), at / "type", context);
    if (const json* enabled = r.member(filter, "enabled"))
        d.enabled = r.boolean(*enabled, at / "enabled", context);
    if (const json* settings = r.member(filter, "settings")) {
        r.require_object(*settings, at / "settings", context, "\"settings\"");
        d.settings = *settings;
    }
    return d;
}

SourceDescription read_source(const Reader& r, const json& source, const Pointer& at,
                              size_t index) {
    std::string context = fmt::format("source {}", index + 1);
    r.require_object(source, at, "", context);
    SourceDescription d;
    d.name = r.text(r.required(source, at, "name", context), at / "name", context);
    context = fmt::format("source '{}'", d.name);
    r.check_keys(source, at, context, {"name", "type", "settings", "filters"});
    d.type = r.text(r.required(source, at, "type", context), at / "type", context);
    d.origin.type = r.origin(at / "type");
    if (const json* settings = r.member(source, "settings")) {
        r.require_object(*settings, at / "settings", context, "\"settings\"");
        d.settings = *settings;
        d.origin.settings = r.origin(at / "settings");
        for (const auto& [key, unused] : settings->items()) {
            d.origin.setting_values[key] = r.origin(at / "settings" / key);
        }
    } else {
        d.origin.settings = r.origin(at);
    }
    if (const json* filters = r.member(source, "filters")) {
        if (!filters->is_array())
            r.wrong(*filters, at / "filters", context, "an array [...]");
        for (size_t i = 0; i < filters->size(); ++i)
            d.filters.push_back(read_filter(r, (*filters)[i], at / "filters" / i, context, i));
    }
    return d;
}

// One word of `table` ("fade", "left"...); anything else names the words allowed.
template <typename Table>
auto one_of(const Reader& r, const json& value, const Pointer& at, const std::string& context,
            const Table& table) {
    std::string words;
    for (const auto& [name, entry] : table) {
        if (value.is_string() && value.get<std::string>() == name)
            return entry;
        words += fmt::format("{}\"{}\"", words.empty() ? "" : ", ", name);
    }
    r.wrong(value, at, context, "one of " + words);
}

// The optional "transition": absent in files from before it was saved, which keep the
// default (a 300 ms fade).
Transition read_transition(const Reader& r, const json& value, const Pointer& at) {
    namespace names = transition_names;
    const std::string context = "transition";
    r.require_object(value, at, "", "\"transition\"");
    r.check_keys(value, at, context, {"kind", "duration_ms", "direction", "color", "stinger"});
    Transition t{Transition::Kind::fade, 300};
    if (const json* v = r.member(value, "kind"))
        t.kind = one_of(r, *v, at / "kind", context, names::kKinds);
    if (const json* v = r.member(value, "duration_ms")) {
        t.duration_ms = int(r.integer(*v, at / "duration_ms", context, 0, 600'000,
                                      "a whole number of milliseconds, 0 to 600000"));
    }
    if (const json* v = r.member(value, "direction"))
        t.direction = one_of(r, *v, at / "direction", context, names::kDirections);
    if (const json* v = r.member(value, "color")) {
        const std::string text = v->is_string() ? v->get<std::string>() : std::string();
        const bool hex = text.size() == 9 && text[0] == '#' &&
                         text.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
        if (!hex)
            r.wrong(*v, at / "color", context, "a colour \"#AARRGGBB\"");
        t.color = uint32_t(std::stoul(text.substr(1), nullptr, 16));
    }
    if (const json* stinger = r.member(value, "stinger")) {
        const Pointer s_at = at / "stinger";
        const std::string where = "transition stinger";
        r.require_object(*stinger, s_at, context, "\"stinger\"");
        r.check_keys(*stinger, s_at, where, {"file", "transition_point_ms", "audio"});
        if (const json* v = r.member(*stinger, "file"))
            t.stinger_file = r.text(*v, s_at / "file", where, true);
        if (const json* v = r.member(*stinger, "transition_point_ms")) {
            t.stinger_point_ms = int(r.integer(*v, s_at / "transition_point_ms", where, 0, 600'000,
                                               "a whole number of milliseconds >= 0"));
        }
        if (const json* v = r.member(*stinger, "audio"))
            t.stinger_audio = one_of(r, *v, s_at / "audio", where, names::kStingerAudio);
    }
    return t;
}

// Checks "format" and "version" before anything else: a newer file may well contain keys this
// build does not know, and the version is the useful thing to report then.
void check_format_and_version(const Reader& r, const json& root) {
    const Pointer top;
    const json* format = r.member(root, "format");
    if (format == nullptr) {
        r.fail_value(top, fmt::format("not a Live Machine scene collection: it has no "
                                      "\"format\": \"{}\"",
                                      kSceneCollectionFormat));
    }
    if (*format != kSceneCollectionFormat) {
        r.fail_value(top / "format",
                     fmt::format("not a Live Machine scene collection: \"format\" is {}, "
                                 "expected \"{}\"",
                                 shown(*format), kSceneCollectionFormat));
    }
    const json& version = r.required(root, top, "version", "");
    const int64_t number =
        r.integer(version, top / "version", "", 1, INT64_MAX, "a whole number >= 1");
    if (number > kSceneCollectionVersion) {
        r.fail_value(top / "version",
                     fmt::format("this file was written by a newer Live Machine (version {}); "
                                 "this one reads up to {}",
                                 number, kSceneCollectionVersion));
    }
    // Version 1 is the only one so far: when version 2 arrives, older files are upgraded here.
}

}  // namespace

SceneCollectionDescription parse_scene_collection(std::string_view text,
                                                  const std::string& file_name) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& error) {
        const JsonSyntaxError syntax = locate_syntax_error(text, error);
        throw_at(file_name, syntax.position, "JSON syntax error: " + syntax.message);
    }

    const Reader r(text, file_name);
    const Pointer top;
    if (!r.positions().duplicate_keys().empty()) {
        const Pointer& duplicate = r.positions().duplicate_keys().front();
        r.fail_key(duplicate,
                   fmt::format("key \"{}\" appears twice in the same object", duplicate.back()));
    }
    r.require_object(root, top, "", "a scene collection");
    check_format_and_version(r, root);
    r.check_keys(root, top, "",
                 {"format", "version", "name", "sources", "scenes", "current_scene", "transition"});

    SceneCollectionDescription d;
    if (const json* name = r.member(root, "name"))
        d.name = r.text(*name, top / "name", "", true);

    std::set<std::string> source_names;
    if (const json* sources = r.member(root, "sources")) {
        if (!sources->is_array())
            r.wrong(*sources, top / "sources", "", "an array [...]");
        for (size_t i = 0; i < sources->size(); ++i) {
            const Pointer at = top / "sources" / i;
            d.sources.push_back(read_source(r, (*sources)[i], at, i));
            if (!source_names.insert(d.sources.back().name).second) {
                r.fail_value(at / "name",
                             fmt::format("source name '{}' is used twice", d.sources.back().name));
            }
        }
    }

    const json& scenes = r.required(root, top, "scenes", "");
    if (!scenes.is_array() || scenes.empty()) {
        r.wrong(scenes, top / "scenes", "", "an array with at least one scene");
    }
    std::set<std::string> scene_names;
    for (size_t i = 0; i < scenes.size(); ++i) {
        const Pointer at = top / "scenes" / i;
        const json& scene = scenes[i];
        const std::string numbered = fmt::format("scene {}", i + 1);
        r.require_object(scene, at, "", numbered);
        SceneDescription s;
        s.name = r.text(r.required(scene, at, "name", numbered), at / "name", numbered);
        if (!scene_names.insert(s.name).second) {
            r.fail_value(at / "name", fmt::format("scene name '{}' is used twice", s.name));
        }
        const std::string context = fmt::format("scene '{}'", s.name);
        r.check_keys(scene, at, context, {"name", "items"});
        if (const json* items = r.member(scene, "items")) {
            if (!items->is_array())
                r.wrong(*items, at / "items", context, "an array [...]");
            for (size_t j = 0; j < items->size(); ++j) {
                s.items.push_back(read_item(r, (*items)[j], at / "items" / j,
                                            fmt::format("{} item {}", context, j + 1),
                                            source_names));
            }
        }
        d.scenes.push_back(std::move(s));
    }

    d.current_scene = d.scenes.front().name;
    if (const json* current = r.member(root, "current_scene")) {
        d.current_scene = r.text(*current, top / "current_scene", "");
        if (!scene_names.contains(d.current_scene)) {
            std::string names;
            for (const SceneDescription& scene : d.scenes) {
                names += fmt::format("{}'{}'", names.empty() ? "" : ", ", scene.name);
            }
            r.fail_value(top / "current_scene",
                         fmt::format("current_scene '{}' is not one of the scenes ({})",
                                     d.current_scene, names));
        }
    }
    if (const json* transition = r.member(root, "transition"))
        d.transition = read_transition(r, *transition, top / "transition");
    return d;
}

}  // namespace lm
