#include "plugins/rtmp/rtmp_types.hpp"

#include "plugins/rtmp/rtmp_output.hpp"

namespace lm {

PropertySchema rtmp_properties() {
    const RtmpSettings defaults;
    Property url;
    url.key = "url";
    url.label = "Stream URL";
    url.type = PropertyType::text;
    url.default_value = defaults.url;
    url.description = "Server and stream key, as in rtmp://live.example.com/app/KEY";
    url.secret = true;

    Property timeout;
    timeout.key = "connect_timeout_s";
    timeout.label = "Connect timeout (s)";
    timeout.type = PropertyType::integer;
    timeout.default_value = defaults.connect_timeout_s;
    timeout.min = RtmpSettings::kMinConnectTimeoutS;
    timeout.max = RtmpSettings::kMaxConnectTimeoutS;
    timeout.description = "How long to wait for the server before giving up.";
    return {url, timeout};
}

void register_rtmp_types(PluginRegistry& registry) {
    OutputType type;
    type.id = "rtmp";
    type.display_name = "RTMP stream";
    type.properties = rtmp_properties();
    type.create = [](const nlohmann::json& settings) -> std::unique_ptr<Output> {
        return std::make_unique<RtmpOutput>(settings);
    };
    registry.add(std::move(type));
}

}  // namespace lm
