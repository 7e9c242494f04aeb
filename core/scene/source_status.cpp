#include "core/scene/source_status.hpp"

#include <spdlog/spdlog.h>

namespace lm {

void SourceStatusBox::set(SourceStatus status) {
    {
        std::lock_guard lock(mutex_);
        if (status == status_)
            return;
        status_ = status;
    }
    switch (status.level) {
        case SourceStatus::Level::ok:
            break;
        case SourceStatus::Level::warning:
            spdlog::warn("{}", status.message);
            break;
        case SourceStatus::Level::error:
            spdlog::error("{}", status.message);
            break;
    }
}

SourceStatus SourceStatusBox::get() const {
    std::lock_guard lock(mutex_);
    return status_;
}

}  // namespace lm
