#include "plugins/rtmp/rtmp_types.hpp"

#include "core/scene/property_builders.hpp"
#include "plugins/rtmp/rtmp_output.hpp"

namespace lm {

PropertySchema rtmp_properties() {
    const RtmpSettings defaults;
    Property url = property::make("url", "Stream URL", PropertyType::text, defaults.url,
                                  "Server and stream key, as in rtmp://live.example.com/app/KEY");
    url.secret = true;
    return {
        url,
        property::integer("connect_timeout_s", "Connect timeout (s)", defaults.connect_timeout_s,
                          RtmpSettings::kMinConnectTimeoutS, RtmpSettings::kMaxConnectTimeoutS,
                          "How long to wait for the server before giving up."),
        property::path("trusted_certificate", "Trusted certificate", defaults.trusted_certificate,
                       "For rtmps://: a PEM file with the server's own (self-signed) certificate "
                       "or its private authority, trusted besides the system's. Leave empty for "
                       "public services."),
    };
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
