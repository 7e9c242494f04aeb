// The camera source with no camera (the test machines have none): it says what is wrong,
// keeps its place in the layout with a dark grey no-signal picture drawn through the real mixer,
// and the mixer keeps its frame rate while the source keeps looking for the device.
#include "plugins/camera/camera_source.hpp"

#include "core/plugin/plugin_registry.hpp"
#include "plugins/camera/camera_types.hpp"
#include "tests/plugins/camera/camera_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

std::shared_ptr<CameraSource> camera_in(const TempDir& dev_dir, std::string device = "",
                                        int width = 0, int height = 0) {
    CameraSettings settings;
    settings.device = std::move(device);
    settings.request.width = width;
    settings.request.height = height;
    settings.dev_dir = dev_dir / "";
    return std::make_shared<CameraSource>(std::move(settings));
}

constexpr Rgb8 kNoSignal{CameraSource::kNoSignalGrey, CameraSource::kNoSignalGrey,
                         CameraSource::kNoSignalGrey};

}  // namespace

TEST_CASE("with no camera at all the status says to plug one in", "[camera]") {
    TempDir dev;
    auto camera = camera_in(dev);
    CHECK(camera->status().level == SourceStatus::Level::error);
    CHECK(camera->status().message == "camera: no video capture device found (is it plugged in?)");
    CHECK(camera->width() == 1280);
    CHECK(camera->height() == 720);
}

TEST_CASE("a named camera that is missing is reported by its name", "[camera]") {
    TempDir dev;
    write_file(dev / "video0", "a regular file, not a device");
    auto camera = camera_in(dev, "HD Pro Webcam C920 (usb-0000:00:14.0-2)", 640, 360);
    CHECK(camera->status().message ==
          "camera: 'HD Pro Webcam C920 (usb-0000:00:14.0-2)' is not connected; it is picked up "
          "when plugged in");
    CHECK(camera->width() == 640);  // the size asked for keeps the layout
    CHECK(camera->height() == 360);
}

TEST_CASE("a missing camera draws a dark grey no-signal picture and the mixer keeps its rate",
          "[camera][gpu]") {
    TempDir dev;
    auto camera = camera_in(dev);
    // 1280x720 scaled by 1/8: 160x90 at (40, 30) on the 320x180 canvas.
    MixerRun run(scene_of({item_at(1, camera, 40, 30, 0.125)}));
    // Three seconds of output, while the source looks for its camera again (every 2 s).
    std::vector<VideoFramePtr> frames;
    for (int i = 0; i < 90; ++i)
        frames.push_back(run.next());
    run.stop();
    for (size_t i = 0; i < frames.size(); ++i)
        REQUIRE(frames[i]->index == int64_t(i));
    const VideoMixerCounters counters = run.counters();
    INFO("missed " << counters.frames_missed << " of " << counters.frames_output);
    // A slow shared machine may miss the odd frame; a mixer waiting on the device would miss
    // most of them.
    CHECK(counters.frames_missed < 10);

    for (const auto& frame : {frames[2], frames.back()}) {
        INFO(describe_pixel(*frame, 120, 75));
        CHECK(shows(*frame, 120, 75, kNoSignal, 3));   // the middle of the no-signal picture
        CHECK(shows(*frame, 42, 32, kNoSignal, 3));    // near its top-left corner
        CHECK(shows(*frame, 197, 117, kNoSignal, 3));  // near its bottom-right corner
        CHECK(shows(*frame, 37, 75, kBlack));          // left of it
        CHECK(shows(*frame, 203, 75, kBlack));         // right of it
        CHECK(shows(*frame, 120, 27, kBlack));         // above it
        CHECK(shows(*frame, 120, 123, kBlack));        // below it
    }
    CHECK(camera->status().message == "camera: no video capture device found (is it plugged in?)");
    CHECK(camera->decoded_frames() == 0);
}

TEST_CASE("the camera type is registered with its settings and checks them", "[camera]") {
    PluginRegistry registry;
    register_camera_types(registry);
    const SourceType* type = registry.source("camera");
    REQUIRE(type);
    CHECK(type->display_name == "Video capture device");
    std::vector<std::string> keys;
    for (const auto& property : type->properties)
        keys.push_back(property.key);
    CHECK(keys == std::vector<std::string>{"device", "width", "height", "fps", "format"});
    CHECK_THROWS_AS(registry.create_source("camera", {{"format", "h264"}}), std::invalid_argument);
    CHECK_THROWS_AS(registry.create_source("camera", {{"fps", -1}}), std::invalid_argument);

    const CameraSettings settings = camera_settings_from_json(apply_schema(
        type->properties, {{"device", "/dev/video2"}, {"fps", 60}, {"format", "yuyv"}}));
    CHECK(settings.device == "/dev/video2");
    CHECK(settings.request.fps == 60);
    CHECK(settings.request.width == 0);
    CHECK(settings.request.format == CameraFormatChoice::yuyv);
    CHECK(settings.dev_dir == "/dev");
}

TEST_CASE("the device setting offers the cameras found when a dialog asks", "[camera]") {
    TempDir dev;
    PluginRegistry registry;
    register_camera_types(registry, dev / "");
    const SourceType* type = registry.source("camera");
    REQUIRE(type);
    const Property& device = type->properties.front();
    REQUIRE(device.key == "device");
    CHECK(device.type == PropertyType::text);  // still a string in the settings
    REQUIRE(device.current_options);

    // Asked afresh each time: nothing there, then a node that is no camera.
    std::vector<PropertyOption> options = device.current_options();
    REQUIRE(options.size() == 1);
    CHECK(options[0].label == "First camera found");
    CHECK(options[0].value == "");
    write_file(dev / "video0", "a regular file, not a device");
    CHECK(device.current_options().size() == 1);

    // Each camera listed is offered by the name that finds it again after a replug.
    CameraDevice first;
    first.path = "/dev/video0";
    first.card = "HD Pro Webcam C920";
    first.bus_info = "usb-0000:00:14.0-1";
    CameraDevice second = first;
    second.path = "/dev/video2";
    second.card = "Capture Card";
    second.bus_info = "";
    options = camera_device_options({first, second});
    REQUIRE(options.size() == 3);
    CHECK(options[1].label == "HD Pro Webcam C920 (usb-0000:00:14.0-1) at /dev/video0");
    CHECK(options[1].value == "HD Pro Webcam C920 (usb-0000:00:14.0-1)");
    CHECK(options[2].label == "Capture Card at /dev/video2");
    CHECK(options[2].value == "Capture Card");
    // What the options store is what find_camera_device looks for.
    CHECK(find_camera_device({first, second}, options[1].value.get<std::string>())->path ==
          "/dev/video0");
}
