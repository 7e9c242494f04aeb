// Device listing and the choice of format, size and rate. There is no camera on the test
// machines: the listing is checked on folders the test makes, the choice on made-up devices.
#include "plugins/camera/camera_devices.hpp"

#include <linux/videodev2.h>
#include <sys/stat.h>

#include "plugins/camera/camera_mode.hpp"
#include "tests/plugins/camera/camera_test_support.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("an empty device folder lists no camera", "[camera]") {
    TempDir dir;
    CHECK(list_camera_devices(dir / "").empty());
    CHECK(list_camera_devices(dir / "does-not-exist").empty());
    CHECK_FALSE(find_camera_device({}, ""));
}

TEST_CASE("files named like video nodes that are not devices are skipped", "[camera]") {
    TempDir dir;
    write_file(dir / "video0", "not a device");
    std::filesystem::create_directory(dir / "video1");
    REQUIRE(::mkfifo((dir / "video2").c_str(), 0600) == 0);        // opening a FIFO would block
    std::filesystem::create_symlink("/dev/null", dir / "video3");  // a char device, not V4L2
    write_file(dir / "videoX", "");
    CHECK(list_camera_devices(dir / "").empty());
}

namespace {

CameraDevice made_up_camera() {
    CameraDevice device;
    device.path = "/dev/video4";
    device.card = "Test Cam";
    device.bus_info = "usb-0000:00:14.0-2";
    CameraFormat yuyv{
        V4L2_PIX_FMT_YUYV, "YUYV 4:2:2", {{640, 480, {{30, 1}}}, {1280, 720, {{10, 1}}}}};
    CameraFormat mjpeg{V4L2_PIX_FMT_MJPEG,
                       "Motion-JPEG",
                       {{640, 480, {{30, 1}}}, {1920, 1080, {{30, 1}}}, {1280, 720, {{60, 1}}}}};
    device.formats = {yuyv, mjpeg};
    return device;
}

}  // namespace

TEST_CASE("a camera is found by path, by card and port, or by card alone", "[camera]") {
    CameraDevice second = made_up_camera();
    CameraDevice first = second;
    first.path = "/dev/video0";
    first.bus_info = "usb-0000:00:14.0-1";
    const std::vector<CameraDevice> devices{first, second};
    CHECK(second.display_name() == "Test Cam (usb-0000:00:14.0-2)");
    CHECK(find_camera_device(devices, "")->path == "/dev/video0");
    CHECK(find_camera_device(devices, "/dev/video4")->path == "/dev/video4");
    CHECK(find_camera_device(devices, "Test Cam (usb-0000:00:14.0-2)")->path == "/dev/video4");
    CHECK(find_camera_device(devices, "Test Cam")->path == "/dev/video0");
    CHECK_FALSE(find_camera_device(devices, "Other Cam"));
    CHECK_FALSE(find_camera_device(devices, "/dev/video9"));
}

TEST_CASE("auto prefers MJPEG at the largest size, and settings override", "[camera]") {
    const CameraDevice device = made_up_camera();
    auto automatic = std::get<CameraMode>(choose_camera_mode(device, {}));
    CHECK(automatic.fourcc == V4L2_PIX_FMT_MJPEG);
    CHECK(automatic.width == 1920);
    CHECK(automatic.height == 1080);
    CHECK(automatic.fps == 0);

    auto yuyv =
        std::get<CameraMode>(choose_camera_mode(device, {640, 480, 30, CameraFormatChoice::yuyv}));
    CHECK(yuyv.fourcc == V4L2_PIX_FMT_YUYV);
    CHECK(yuyv.width == 640);
    CHECK(yuyv.fps == 30);

    // A size the camera does not list is asked for as is: the driver picks the nearest.
    auto unlisted = std::get<CameraMode>(choose_camera_mode(device, {800, 600, 0, {}}));
    CHECK(unlisted.width == 800);
    CHECK(unlisted.height == 600);
}

TEST_CASE("a format the camera does not offer is a clear error", "[camera]") {
    CameraDevice device = made_up_camera();
    device.formats.erase(device.formats.begin());  // MJPEG only
    const auto result = choose_camera_mode(device, {0, 0, 0, CameraFormatChoice::yuyv});
    REQUIRE(std::holds_alternative<std::string>(result));
    CHECK(std::get<std::string>(result) ==
          "camera: 'Test Cam (usb-0000:00:14.0-2)' does not offer YUYV; it offers MJPG (pick "
          "another format or 'auto')");
    device.formats = {{V4L2_PIX_FMT_H264, "H.264", {}}};
    const auto nothing = choose_camera_mode(device, {});
    REQUIRE(std::holds_alternative<std::string>(nothing));
    CHECK(std::get<std::string>(nothing).find("offers no format this source reads") !=
          std::string::npos);
}
