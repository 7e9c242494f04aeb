// Runs the studio window (livemachine without --headless).
#pragma once

#include "app/command_line.hpp"

namespace lm {

/// Loads the plugins, opens the window and runs Qt's event loop until the window closes;
/// SIGINT/SIGTERM close the window as its Exit does. Returns the process exit code.
int run_gui(const CommandLineOptions& options, int argc, char** argv);

}  // namespace lm
