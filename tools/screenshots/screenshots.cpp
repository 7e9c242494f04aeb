// lm_screenshots OUT_DIR [SECONDS]: the pictures in docs/screenshots/, taken from the real
// program (window, engine, plugins) rather than drawn by hand, so they can be regenerated
// whenever the UI changes. Needs a display (packaging/screenshots.sh starts Xvfb for it).
#include <QApplication>

#include <cstdio>
#include <exception>
#include <string>

#include "tools/screenshots/screenshot_session.hpp"
#include "ui/window/theme.hpp"

namespace {

/// Long enough for the stats graphs (one point a second) to show a trend.
constexpr int kDefaultShowSeconds = 15;

int usage() {
    std::fprintf(stderr,
                 "usage: lm_screenshots OUT_DIR [SECONDS]\n"
                 "Opens the studio window with a small show, records for SECONDS (default %d)\n"
                 "and saves the window, its docks and the settings pages as PNG files.\n",
                 kDefaultShowSeconds);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3)
        return usage();
    int seconds = kDefaultShowSeconds;
    if (argc == 3) {
        try {
            seconds = std::stoi(argv[2]);
        } catch (const std::exception&) {
            return usage();
        }
        if (seconds < 1)
            return usage();
    }
    const std::filesystem::path out_dir = argv[1];

    QApplication application(argc, argv);
    QApplication::setApplicationName("Live Machine");
    QApplication::setOrganizationName("livemachine");
    lm::ui::apply_theme(application);

    try {
        lm::tools::ScreenshotSession session(LM_SCREENSHOTS_PLUGIN_DIR);
        session.set_up_show();
        session.run_show(seconds);
        session.save_window_pictures(out_dir);
        session.save_studio_mode_picture(out_dir);
        session.stop_recording();
        session.save_settings_pictures(out_dir);
        session.save_filters_picture(out_dir);
        session.finish();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lm_screenshots: %s\n", e.what());
        return 1;
    }
    return 0;
}
