// The packet fan-out: one encode feeds any number of outputs. Every packet is offered to every
// running output; an output that cannot keep up drops by its own policy without slowing the
// encoders or the other outputs.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "core/output/output_runner.hpp"

namespace lm {

class PacketFanout {
public:
    /// `stream_count`: how many encoded streams feed the fan-out (end_of_stream is expected
    /// that many times before the outputs are told that input has ended).
    PacketFanout(std::vector<std::shared_ptr<OutputRunner>> outputs, int stream_count);

    /// Offers `packet` to every output. Called from the encoder threads. MT safe.
    void push(const PacketPtr& packet);
    /// One encoder has flushed. After the last one, every output gets end_input(). MT safe.
    void end_of_stream();

private:
    const std::vector<std::shared_ptr<OutputRunner>> outputs_;
    std::mutex mutex_;
    int streams_open_;  // guarded by mutex_
};

}  // namespace lm
