#include "core/output/packet_fanout.hpp"

namespace lm {

PacketFanout::PacketFanout(std::vector<std::shared_ptr<OutputRunner>> outputs, int stream_count)
    : outputs_(std::move(outputs)), streams_open_(stream_count) {}

void PacketFanout::push(const PacketPtr& packet) {
    for (const auto& output : outputs_)
        output->offer(packet);
}

void PacketFanout::end_of_stream() {
    std::lock_guard lock(mutex_);
    if (--streams_open_ == 0) {
        for (const auto& output : outputs_)
            output->end_input();
    }
}

}  // namespace lm
