// Dropping files on the window: pictures, videos, sounds and text files become sources; other
// files are refused with their name; a source whose file is missing says so in its row.
#include <catch2/catch.hpp>

#include <QDropEvent>
#include <QLabel>
#include <QMimeData>

#include "core/studio.hpp"
#include "ui/docks/source_row.hpp"
#include "ui/docks/sources_dock.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/window/file_drop.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;

namespace {

void drop_on(QWidget& target, const QList<QUrl>& urls) {
    QMimeData data;
    data.setUrls(urls);
    const QPoint at(target.width() / 2, target.height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &drop);
}

}  // namespace

TEST_CASE("a dropped file's kind is judged by its extension", "[ui][window]") {
    auto all = [](const std::string&) { return true; };
    auto no_images = [](const std::string& id) { return id != "image_source"; };
    CHECK(source_for_file("/shows/logo.PNG", all)->type == "image_source");
    CHECK(source_for_file("/shows/logo.PNG", all)->name == "logo");
    CHECK(source_for_file("/shows/logo.PNG", all)->settings["file"] == "/shows/logo.PNG");
    CHECK(source_for_file("/shows/intro.final.mp4", all)->type == "media_source");
    CHECK(source_for_file("/shows/intro.final.mp4", all)->name == "intro.final");
    CHECK(source_for_file("/shows/jingle.wav", all)->type == "media_source");
    const auto text = source_for_file("/shows/ticker.txt", all);
    REQUIRE(text);
    CHECK(text->type == "text_source");
    CHECK(text->settings["from_file"] == true);
    CHECK_FALSE(source_for_file("/shows/notes.pdf", all));
    CHECK_FALSE(source_for_file("/shows/Makefile", all));
    CHECK_FALSE(source_for_file("/shows/logo.png", no_images));  // its plugin is missing
}

TEST_CASE("a video dropped on the window plays in the program, a PDF is refused by name",
          "[ui][window][gpu]") {
    TempDir config;
    const auto clip = config.path() / "clip.mkv";
    const std::string make =
        "ffmpeg -v error -nostdin -y -f lavfi -i color=red:s=320x180:r=30:d=2 "
        "-c:v libx264 -preset ultrafast " +
        clip.string();
    REQUIRE(std::system(make.c_str()) == 0);
    const auto pdf = config.path() / "notes.pdf";
    std::ofstream(pdf) << "%PDF-1.4\n";
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    drop_on(window, {QUrl::fromLocalFile(QString::fromStdString(clip.string())),
                     QUrl::fromLocalFile(QString::fromStdString(pdf.string()))});

    const auto items = window.controller().items();
    REQUIRE(items.size() >= 2);  // the default scene's items, then the clip on top
    CHECK(items.back().source_type == "media_source");
    CHECK(items.back().source_name == "clip");
    REQUIRE(window.shown_errors().size() == 1);
    CHECK(window.shown_errors()[0].contains("notes.pdf"));
    // The clip (320x180 at the top left of the 1280x720 canvas) shows red in the program.
    CHECK(wait_until(
        [&] {
            const auto frame = window.studio()->preview_frame();
            if (!frame)
                return false;
            const int x = frame->width() * 160 / 1280;
            const int y = frame->height() * 90 / 720;
            const uint8_t* p = frame->data(0) + y * frame->stride(0) + x * 4;
            return p[0] > 200 && p[1] < 40 && p[2] < 40;
        },
        10000));
}

TEST_CASE("a source whose file is missing shows a sign and the reason in its row",
          "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    const auto missing = config.path() / "gone.mp4";
    const int id =
        window.controller().add_source("media_source", "Intro", {{"file", missing.string()}});
    auto* dock = window.findChild<SourcesDock*>(QStringLiteral("sourcesDock"));
    REQUIRE(dock);
    SourceRow* row = dock->row_of(id);
    REQUIRE(row);
    CHECK(wait_until([&] { return row->status_icon()->isVisible(); }, 3000));
    CHECK(row->status_icon()->toolTip().contains(QString::fromStdString(missing.string())));
    CHECK(row->status_icon()->toolTip().contains("not found"));
    // The test pattern's row has nothing to say.
    SourceRow* pattern = dock->row_of(window.controller().items()[0].id);
    REQUIRE(pattern);
    CHECK_FALSE(pattern->status_icon()->isVisible());
}
