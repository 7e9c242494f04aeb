// What the Filters dialog tests share: the real colour, tone and filter types, a controller
// with a colour source filling the canvas and, for the tests that read pixels, a real Studio
// mixing on the GPU (llvmpipe in CI) whose program picture the tests read back.
#pragma once

#include <QElapsedTimer>
#include <QTest>
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/media/video_frame.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/studio.hpp"
#include "plugins/basic/basic_types.hpp"
#include "plugins/filters/filters_types.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui::testing {

inline lm::PluginRegistry filter_test_registry() {
    lm::PluginRegistry registry;
    register_basic_types(registry);
    register_filter_types(registry);
    return registry;
}

/// Runs the event loop until `done` is true or `timeout_ms` passes; returns `done()`.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeout_ms)
            return false;
        QTest::qWait(20);
    }
    return true;
}

/// A 0xAARRGGBB colour source named "Card" over the whole 320x180 canvas; with `mixing`, a
/// Studio renders it and program_pixel() reads the middle of what it shows.
struct ColourCard {
    explicit ColourCard(bool mixing, uint32_t colour = 0xFF808080) {
        if (mixing) {
            StudioSettings settings;
            settings.video.width = 320;
            settings.video.height = 180;
            studio = std::make_unique<lm::Studio>(registry, settings);
            studio->set_preview_size(320, 180);
            studio->start_mixing();
            controller.attach(studio.get());
        }
        item_id = controller.add_source("color_source", "Card",
                                        {{"color", colour}, {"width", 320}, {"height", 180}});
    }
    ~ColourCard() { controller.attach(nullptr); }

    /// RGBA of the newest program picture's middle; zero before the first picture.
    std::array<int, 4> program_pixel() const {
        const auto frame = studio ? studio->preview_frame() : nullptr;
        if (!frame)
            return {0, 0, 0, 0};
        const uint8_t* p =
            frame->data(0) + (frame->height() / 2) * frame->stride(0) + (frame->width() / 2) * 4;
        return {p[0], p[1], p[2], p[3]};
    }
    /// Whether the program shows grey `level` (each channel within 3).
    bool shows_grey(int level) const {
        const auto pixel = program_pixel();
        return std::abs(pixel[0] - level) <= 3 && std::abs(pixel[1] - level) <= 3 &&
               std::abs(pixel[2] - level) <= 3;
    }

    lm::PluginRegistry registry = filter_test_registry();
    std::unique_ptr<lm::Studio> studio;  // before the controller, which points at it
    StudioController controller{registry};
    int item_id = 0;
};

/// A fresh temporary folder, removed at the end.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "lm-filters-XXXXXX");
        path_ = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code error;
        std::filesystem::remove_all(path_, error);
    }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace lm::ui::testing
