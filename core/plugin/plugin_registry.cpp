#include "core/plugin/plugin_registry.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace lm {

namespace {

bool can_create(const FilterType& type) {
    // A filter works on the picture or on the sound: exactly one of the two.
    return bool(type.create_video) != bool(type.create_audio);
}
template <typename Type>
bool can_create(const Type& type) {
    return bool(type.create);
}

template <typename Type>
void insert(std::map<std::string, Type>& types, Type type, const char* kind) {
    if (type.id.empty()) {
        throw std::invalid_argument(fmt::format("a {} type needs a non-empty id", kind));
    }
    if (!can_create(type)) {
        throw std::invalid_argument(
            fmt::format("{} type '{}' has no create function", kind, type.id));
    }
    if (types.contains(type.id)) {
        // Two plugins claiming one id would make scene files ambiguous: refuse the second.
        throw std::invalid_argument(
            fmt::format("{} type '{}' is already registered", kind, type.id));
    }
    std::string id = type.id;
    types.emplace(std::move(id), std::move(type));
}

template <typename Type>
const Type* find(const std::map<std::string, Type>& types, const std::string& id) {
    const auto found = types.find(id);
    return found == types.end() ? nullptr : &found->second;
}

}  // namespace

void PluginRegistry::add(SourceType type) {
    insert(sources_, std::move(type), "source");
}
void PluginRegistry::add(VideoEncoderType type) {
    insert(video_encoders_, std::move(type), "video encoder");
}
void PluginRegistry::add(AudioEncoderType type) {
    insert(audio_encoders_, std::move(type), "audio encoder");
}
void PluginRegistry::add(OutputType type) {
    insert(outputs_, std::move(type), "output");
}
void PluginRegistry::add(FilterType type) {
    insert(filters_, std::move(type), "filter");
}
void PluginRegistry::add(AudioMonitorType type) {
    insert(audio_monitors_, std::move(type), "audio monitor");
}
void PluginRegistry::add(TransitionType type) {
    insert(transitions_, std::move(type), "transition");
}

const SourceType* PluginRegistry::source(const std::string& id) const {
    return find(sources_, id);
}
const VideoEncoderType* PluginRegistry::video_encoder(const std::string& id) const {
    return find(video_encoders_, id);
}
const AudioEncoderType* PluginRegistry::audio_encoder(const std::string& id) const {
    return find(audio_encoders_, id);
}
const OutputType* PluginRegistry::output(const std::string& id) const {
    return find(outputs_, id);
}
const FilterType* PluginRegistry::filter(const std::string& id) const {
    return find(filters_, id);
}
const AudioMonitorType* PluginRegistry::audio_monitor(const std::string& id) const {
    return find(audio_monitors_, id);
}
const TransitionType* PluginRegistry::transition(const std::string& id) const {
    return find(transitions_, id);
}

std::vector<const SourceType*> PluginRegistry::sources() const {
    std::vector<const SourceType*> list;
    list.reserve(sources_.size());
    for (const auto& [id, type] : sources_)
        list.push_back(&type);
    return list;  // sorted by id: std::map order
}

std::vector<const FilterType*> PluginRegistry::filters() const {
    std::vector<const FilterType*> types;
    for (const auto& [id, type] : filters_)
        types.push_back(&type);
    return types;
}

std::vector<const AudioMonitorType*> PluginRegistry::audio_monitors() const {
    std::vector<const AudioMonitorType*> types;
    for (const auto& [id, type] : audio_monitors_)
        types.push_back(&type);
    return types;
}

std::vector<const VideoEncoderType*> PluginRegistry::video_encoders() const {
    std::vector<const VideoEncoderType*> types;
    for (const auto& [id, type] : video_encoders_)
        types.push_back(&type);
    return types;
}

std::shared_ptr<Source> PluginRegistry::create_source(const std::string& id,
                                                      const nlohmann::json& settings) const {
    const SourceType* type = source(id);
    if (type == nullptr) {
        std::string known;
        for (const auto& [known_id, unused] : sources_) {
            known += known.empty() ? known_id : ", " + known_id;
        }
        throw std::invalid_argument(fmt::format("unknown source type '{}'; known types: {}", id,
                                                known.empty() ? "none" : known));
    }
    nlohmann::json checked;
    try {
        checked = apply_schema(type->properties, settings);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument(fmt::format("source type '{}': {}", id, error.what()));
    }
    std::shared_ptr<Source> created = type->create(checked);
    if (!created) {
        throw std::invalid_argument(fmt::format("source type '{}' created nothing", id));
    }
    return created;
}

}  // namespace lm
