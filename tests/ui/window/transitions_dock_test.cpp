// The Transitions dock's stinger in the real window over the real engine: chosen, checked,
// played on a scene change, saved with the collection and back after a restart.
#include <catch2/catch.hpp>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <fstream>
#include <iterator>

#include "core/media/video_frame.hpp"
#include "core/studio.hpp"
#include "ui/model/studio_controller.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;

namespace {

/// 1 s at 30 fps, 320x180: a magenta band over rows 60..119, transparent elsewhere, and a
/// 440 Hz tone.
std::filesystem::path make_stinger_clip(const std::filesystem::path& dir) {
    const auto path = dir / "stinger.mov";
    const std::string command =
        "ffmpeg -v error -nostdin -y -f lavfi -i \"color=c=magenta:s=320x180:r=30:d=1,"
        "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(between(Y,60,119),255,0)'\" "
        "-f lavfi -i \"sine=frequency=440:sample_rate=48000:duration=1\" -c:v qtrle "
        "-c:a pcm_s16le -ac 2 '" +
        path.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return path;
}

/// The RGBA pixel of the newest program preview at a share of the canvas's width and height.
std::array<uint8_t, 4> program_pixel(const Studio& studio, double x_share, double y_share) {
    const auto frame = studio.preview_frame();
    if (!frame)
        return {0, 0, 0, 0};
    const uint8_t* p = frame->data(0) + int(y_share * frame->height()) * frame->stride(0) +
                       int(x_share * frame->width()) * 4;
    return {p[0], p[1], p[2], p[3]};
}

bool is_red(std::array<uint8_t, 4> p) {
    return p[0] > 200 && p[1] < 50 && p[2] < 50;
}
bool is_blue(std::array<uint8_t, 4> p) {
    return p[2] > 200 && p[0] < 50 && p[1] < 50;
}
bool is_magenta(std::array<uint8_t, 4> p) {
    return p[0] > 200 && p[2] > 200 && p[1] < 50;
}

/// Types into a field as a user does, then leaves it.
void enter(QLineEdit* field, const QString& text) {
    field->setText(text);
    emit field->editingFinished();
}

}  // namespace

TEST_CASE("a stinger chosen in the dock plays on a scene change and comes back after a restart",
          "[ui][window][gpu][stinger]") {
    TempDir config;
    const auto clip = make_stinger_clip(config.path());
    Plugins plugins;
    const WindowPaths paths{config.path() / "profiles", config.path() / "scenes"};
    {
        MainWindow window(plugins.registry, paths);
        window.show();
        StudioController& controller = window.controller();
        nlohmann::json red = {{"width", 1280}, {"height", 720}, {"color", 0xFFFF0000}};
        nlohmann::json blue = {{"width", 1280}, {"height", 720}, {"color", 0xFF0000FF}};
        controller.add_source("color_source", "Red", red);
        controller.add_scene("Blue");
        controller.add_source("color_source", "Blue", blue);
        controller.set_current_scene("Scene");
        REQUIRE(
            wait_until([&] { return is_red(program_pixel(*window.studio(), 0.5, 0.1)); }, 10000));

        auto* kind = window.findChild<QComboBox*>("transitionKind");
        auto* file = window.findChild<QLineEdit*>("stingerFile");
        auto* point = window.findChild<QSpinBox*>("stingerPoint");
        auto* problem = window.findChild<QLabel*>("transitionProblem");
        REQUIRE((kind && file && point && problem));
        auto* dock = window.findChild<QWidget*>("transitionsDock");
        REQUIRE(dock);
        CHECK_FALSE(file->isVisibleTo(dock));  // only a stinger has a video

        // Stinger without a file yet: the dock asks for one; the fade stays in use.
        kind->setCurrentIndex(kind->findData(int(Transition::Kind::stinger)));
        CHECK(file->isVisibleTo(dock));
        CHECK_FALSE(problem->isHidden());
        CHECK(problem->text().contains("Choose"));
        CHECK(controller.transition().kind == Transition::Kind::fade);

        // A file that is not there: said inline, not applied.
        enter(file, QString::fromStdString((config.path() / "gone.mov").string()));
        CHECK_FALSE(problem->isHidden());
        CHECK(problem->text().contains("gone.mov' not found"));
        CHECK(controller.transition().kind == Transition::Kind::fade);

        // A file that is not a video.
        std::ofstream(config.path() / "notes.mov") << "not a video";
        enter(file, QString::fromStdString((config.path() / "notes.mov").string()));
        CHECK_FALSE(problem->isHidden());
        CHECK(problem->text().contains("Cannot play it"));
        CHECK(controller.transition().kind == Transition::Kind::fade);

        // The clip, with a transition point at 500 ms.
        enter(file, QString::fromStdString(clip.string()));
        CHECK(problem->isHidden());
        point->setValue(500);
        emit point->editingFinished();
        const Transition& chosen = controller.transition();
        CHECK(chosen.kind == Transition::Kind::stinger);
        CHECK(chosen.stinger_file == clip.string());
        CHECK(chosen.stinger_point_ms == 500);
        REQUIRE(chosen.stinger);
        REQUIRE(wait_until([&] { return chosen.stinger->duration_ns() > 0; }, 10000));

        // A point past the video's end is refused too.
        point->setValue(5000);
        emit point->editingFinished();
        CHECK(problem->text().contains("after the video ends"));
        CHECK(controller.transition().stinger_point_ms == 500);
        point->setValue(500);
        emit point->editingFinished();
        CHECK(problem->isHidden());

        // Switching scenes: the band shows over the change, then program is blue.
        controller.set_current_scene("Blue");
        bool saw_band = false;
        CHECK(wait_until(
            [&] {
                saw_band = saw_band || is_magenta(program_pixel(*window.studio(), 0.5, 0.5));
                return saw_band && is_blue(program_pixel(*window.studio(), 0.5, 0.5)) &&
                       is_blue(program_pixel(*window.studio(), 0.5, 0.1));
            },
            10000));
        CHECK(saw_band);
        const auto middle = program_pixel(*window.studio(), 0.5, 0.5);
        const auto top = program_pixel(*window.studio(), 0.5, 0.1);
        INFO("program now: middle " << int(middle[0]) << "," << int(middle[1]) << ","
                                    << int(middle[2]) << " top " << int(top[0]) << ","
                                    << int(top[1]) << "," << int(top[2]) << "; scene "
                                    << controller.program_scene().toStdString());
        CHECK(is_blue(top));
        window.close();  // saves the collection
    }

    // Next start: the stinger and its settings are back, in the engine and in the dock.
    MainWindow window(plugins.registry, paths);
    window.show();
    const Transition& restored = window.controller().transition();
    CHECK(restored.kind == Transition::Kind::stinger);
    CHECK(restored.stinger_file == clip.string());
    CHECK(restored.stinger_point_ms == 500);
    CHECK(restored.stinger != nullptr);
    auto* kind = window.findChild<QComboBox*>("transitionKind");
    auto* point = window.findChild<QSpinBox*>("stingerPoint");
    REQUIRE((kind && point));
    CHECK(kind->currentData().toInt() == int(Transition::Kind::stinger));
    CHECK(point->value() == 500);
    CHECK(window.findChild<QLineEdit*>("stingerFile")->text() ==
          QString::fromStdString(clip.string()));
    CHECK(window.findChild<QLabel*>("transitionProblem")->isHidden());
}
