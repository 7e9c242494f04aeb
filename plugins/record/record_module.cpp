// The loadable module: only the entry point. The code lives in lm_plugin_record.
#include "core/plugin/plugin_api.hpp"
#include "plugins/record/record_types.hpp"

LM_DECLARE_PLUGIN("record", "Recording to MKV, MP4 or FLV files, and the replay buffer",
                  lm::register_record_types)
