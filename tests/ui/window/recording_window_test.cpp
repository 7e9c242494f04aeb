// Recording from the window as a creator sees it: automatic file splitting writes parts that
// each play, and a disk filling up is announced in the status bar and the stats dock while it
// lasts, then ends the recording with a message saying so. Real engine (llvmpipe), real
// plugin modules, a real small disk (a tmpfs this test mounts as root), files measured with the
// end-to-end tests' probe.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <QLabel>
#include <QPushButton>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "recording_probe.hpp"
#include "ui/stats/output_stats_table.hpp"
#include "ui/widgets/status_colours.hpp"
#include "ui/window/studio_status_bar.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;
using Kind = OutputController::Kind;
using Phase = OutputController::Phase;
namespace fs = std::filesystem;

namespace {

QPushButton* record_button(const MainWindow& window) {
    auto* found = window.findChild<QPushButton*>("recordButton");
    REQUIRE(found != nullptr);
    return found;
}

/// A 1 GB tmpfs of its own, and a ballast file that leaves only as much free on it as a test
/// wants: the disk "fills" without writing a gigabyte.
class SmallDisk {
public:
    SmallDisk() {
        if (::geteuid() != 0) {
            why_not_ = "not root: mounting a tmpfs needs root";
            return;
        }
        if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, "size=1g") != 0) {
            why_not_ =
                std::string("mounting a tmpfs is not permitted here: ") + std::strerror(errno);
            return;
        }
        mounted_ = true;
    }
    ~SmallDisk() {
        if (mounted_)
            ::umount2(dir_.path().c_str(), MNT_DETACH);
    }
    bool mounted() const { return mounted_; }
    const std::string& why_not() const { return why_not_; }
    fs::path folder() const { return dir_.path(); }

    int64_t free_bytes() const {
        struct statvfs disk {};
        ::statvfs(dir_.path().c_str(), &disk);
        return int64_t(disk.f_bavail) * int64_t(disk.f_frsize);
    }
    /// Grows the ballast until about `free` bytes are left (none when there is less already).
    void leave_free(int64_t free) {
        const int64_t grow = free_bytes() - free;
        if (grow <= 0)
            return;
        const int fd = ::open(ballast().c_str(), O_WRONLY | O_CREAT, 0600);
        REQUIRE(fd >= 0);
        const off_t size = ::lseek(fd, 0, SEEK_END);
        CHECK(::posix_fallocate(fd, size, grow) == 0);
        ::close(fd);
    }
    void remove_ballast() { fs::remove(ballast()); }

private:
    fs::path ballast() const { return dir_.path() / "ballast"; }

    TempDir dir_;
    bool mounted_ = false;
    std::string why_not_;
};

/// The status cell of the stats dock's row for the output whose name contains `name`.
QTableWidgetItem* status_cell(const OutputStatsTable& table, const QString& name) {
    for (int row = 0; row < table.rowCount(); ++row) {
        const QTableWidgetItem* output = table.item(row, int(OutputColumn::name));
        if (output != nullptr && output->text().contains(name))
            return table.item(row, int(OutputColumn::status));
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a recording split every 3 s from the window writes parts that each play",
          "[ui][window][gpu][record]") {
    TempDir videos;
    ShownWindow shown;
    MainWindow& window = shown.window;
    Profile profile = recording_profile(window, videos.path(), "split");
    // Parts start at keyframes: one a second makes the parts exactly 3 s.
    profile.output.keyframe_interval_s = 1;
    profile.output.split = {RecordingSplit::by_time, 3, 2048};
    window.apply_profile(profile);

    QTest::mouseClick(record_button(window), Qt::LeftButton);
    REQUIRE(
        wait_until([&] { return window.outputs().phase(Kind::recording) == Phase::live; }, 10000));
    QTest::qWait(8000);
    QTest::mouseClick(record_button(window), Qt::LeftButton);
    REQUIRE(
        wait_until([&] { return window.outputs().phase(Kind::recording) == Phase::off; }, 15000));
    CHECK(window.shown_errors().isEmpty());

    std::vector<fs::path> parts = files_in(videos.path(), ".mkv");
    std::sort(parts.begin(), parts.end());
    CHECK_FALSE(fs::exists(videos.path() / "split.mkv"));  // only its parts are written
    REQUIRE(parts.size() >= 3);
    for (size_t i = 0; i < parts.size(); ++i) {
        const fs::path& part = parts[i];
        char expected[32];
        std::snprintf(expected, sizeof expected, "split-%03zu.mkv", i + 1);
        CHECK(part.filename() == expected);
        const double video_s = probe_seconds(part, "video.duration_s");
        WARN(part.filename() << ": video " << video_s << " s, " << probe(part, "video.frames")
                             << " frames");
        CHECK(std::atoi(probe(part, "video.frames").c_str()) > 0);
        CHECK(probe(part, "decode_errors") == "0");
        CHECK(probe(part, "video.first_packet_keyframe") == "true");
        // A later part is moved to start at 0; the first starts where the recording did
        // (a few frames in when the encoder is slow to start).
        CHECK(probe_seconds(part, "video.first_pts_s") < (i == 0 ? 0.5 : 0.05));
        if (i + 1 < parts.size())
            CHECK(std::abs(video_s - 3.0) < 0.1);  // the last one is what was left
    }
}

TEST_CASE("a disk filling up: a warning in the status bar and the stats dock, then a clear stop",
          "[ui][window][gpu][record]") {
    SmallDisk disk;
    if (!disk.mounted()) {
        WARN("SKIP: " << disk.why_not());
        return;
    }
    ShownWindow shown;
    MainWindow& window = shown.window;
    Profile profile = recording_profile(window, disk.folder(), "show");
    profile.output.bitrate_kbps = 6000;
    window.apply_profile(profile);
    auto* status = window.findChild<StudioStatusBar*>();
    auto* table = window.findChild<OutputStatsTable*>();
    REQUIRE(status);
    REQUIRE(table);

    // 24 MB left at up to 6 Mbit/s: minutes at most, which the record output warns about.
    disk.leave_free(24'000'000);
    QTest::mouseClick(record_button(window), Qt::LeftButton);
    REQUIRE(
        wait_until([&] { return window.outputs().phase(Kind::recording) == Phase::live; }, 10000));
    const QString warning = QString("the disk holding %1 has room for about")
                                .arg(QString::fromStdString(disk.folder().string()));
    CHECK(wait_until([&] { return status->text_of("warnings").contains(warning); }, 10000));
    CHECK(status->text_of("warnings")
              .startsWith("⚠ " + QString::fromStdString((disk.folder() / "show.mkv").string())));
    CHECK(status->findChild<QLabel*>("warnings")->isVisible());
    CHECK(status->findChild<QLabel*>("warnings")->styleSheet().contains(warning_colour().name()));
    CHECK(wait_until(
        [&] {
            const QTableWidgetItem* cell = status_cell(*table, "show.mkv");
            return cell != nullptr && cell->text().contains(warning);
        },
        3000));
    if (const QTableWidgetItem* cell = status_cell(*table, "show.mkv")) {
        CHECK(cell->text().startsWith("running: "));
        CHECK(cell->foreground().color() == warning_colour());
        CHECK(cell->toolTip().contains(warning));
    }
    WARN("warned: " << status->text_of("warnings").toStdString());

    // Room again: the warning goes from both places while the recording goes on.
    disk.remove_ballast();
    CHECK(wait_until([&] { return status->text_of("warnings").isEmpty(); }, 10000));
    CHECK_FALSE(status->findChild<QLabel*>("warnings")->isVisible());
    CHECK(wait_until(
        [&] {
            const QTableWidgetItem* cell = status_cell(*table, "show.mkv");
            return cell != nullptr && cell->text() == "running";
        },
        3000));
    CHECK(window.outputs().phase(Kind::recording) == Phase::live);

    // Nearly full: the record output closes the file while its end still fits, and the
    // window says so rather than just flipping the button back.
    disk.leave_free(6'000'000);
    REQUIRE(
        wait_until([&] { return window.outputs().phase(Kind::recording) == Phase::off; }, 60000));
    const QString full = "stopped: the disk is full";
    CHECK(window.shown_errors().join("\n").contains(full));
    CHECK_FALSE(window.shown_errors().join("\n").contains("stopped by itself"));
    CHECK(status->currentMessage().contains(full));
    WARN("stopped: " << status->currentMessage().toStdString());
    CHECK(record_button(window)->text() == "Start Recording");
    // The file was closed properly: it plays to its end.
    const fs::path file = disk.folder() / "show.mkv";
    CHECK(std::atoi(probe(file, "video.frames").c_str()) > 0);
    CHECK(probe(file, "decode_errors") == "0");
    CHECK(probe_seconds(file, "container_duration_s") > 0);
    // A stopped recording warns no more.
    QTest::qWait(1500);
    CHECK(status->text_of("warnings").isEmpty());
}
