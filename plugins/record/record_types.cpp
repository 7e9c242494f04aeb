#include "plugins/record/record_types.hpp"

#include "plugins/record/record_output.hpp"

namespace lm {

PropertySchema record_properties() {
    Property path;
    path.key = "path";
    path.label = "File";
    path.type = PropertyType::path;
    path.default_value = "";
    path.description =
        "Where to record: .mkv (default, survives crashes), .mp4 (fragmented) or .flv. An "
        "existing file is never overwritten.";
    return {path};
}

void register_record_types(PluginRegistry& registry) {
    OutputType type;
    type.id = "record";
    type.display_name = "Recording";
    type.properties = record_properties();
    type.create = [](const nlohmann::json& settings) -> std::unique_ptr<Output> {
        return std::make_unique<RecordOutput>(settings);
    };
    registry.add(std::move(type));
}

}  // namespace lm
