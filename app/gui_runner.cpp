#include "app/gui_runner.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <QApplication>
#include <QMessageBox>
#include <QSocketNotifier>

#include <fmt/format.h>

#include "app/headless_runner.hpp"
#include "app/plugin_directory.hpp"
#include "core/plugin/module_loader.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/theme.hpp"

namespace lm {

int run_gui(const CommandLineOptions& options, int argc, char** argv) {
    // Qt aborts when it cannot reach a display; say what is wrong and what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        fprintf(stderr,
                "livemachine: no display for the studio window (DISPLAY and WAYLAND_DISPLAY are "
                "not set); run it on a desktop, or use --headless (see --help)\n");
        return kExitUsage;
    }
    QApplication application(argc, argv);
    QApplication::setApplicationName("Live Machine");
    QApplication::setOrganizationName("livemachine");
    QApplication::setDesktopFileName("livemachine");
    ui::apply_theme(application);

    // Declared before the window so they are destroyed after it: every object the window
    // holds runs code from the modules.
    ModuleLoader modules;
    PluginRegistry registry;
    const auto plugin_dir = plugin_directory(options);
    const ModuleLoadReport report = modules.load_directory(plugin_dir, registry);
    if (report.loaded.empty()) {
        const std::string message = fmt::format(
            "No plugins were found in '{}'. Reinstall Live Machine or use --plugin-dir.",
            plugin_dir.string());
        fprintf(stderr, "livemachine: %s\n", message.c_str());
        QMessageBox::critical(nullptr, "Live Machine", QString::fromStdString(message));
        return kExitStartFailed;
    }
    for (const auto& error : report.errors)
        fprintf(stderr, "livemachine: %s\n", error.c_str());

    ui::MainWindow window(registry, ui::WindowPaths{});
    window.show();

    // main() blocks SIGINT/SIGTERM in every thread; here they close the window cleanly
    // (outputs stopped, trailers written, the collection saved), as its Exit does.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    const int signal_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC | SFD_NONBLOCK);
    QSocketNotifier notifier(signal_fd, QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &window, [&] {
        signalfd_siginfo info{};
        while (read(signal_fd, &info, sizeof info) == sizeof info) {
        }
        window.set_confirm_quit([] { return true; });
        window.close();
    });
    const int code = application.exec();
    close(signal_fd);
    return code == 0 ? kExitOk : kExitStartFailed;
}

}  // namespace lm
