// Runs the studio without a window: loads the plugins and the scene, starts the outputs,
// prints a status line per second and stops cleanly at the end of the duration or on
// SIGINT/SIGTERM; SIGUSR1 saves the replay buffer, SIGUSR2 pauses or resumes a recording.
#pragma once

#include "app/command_line.hpp"

namespace lm {

enum ExitCode : int {
    kExitOk = 0,
    kExitStartFailed = 1,
    kExitUsage = 2,
    kExitDestinationFailed = 3,
    kExitInterrupted = 130,  ///< a second SIGINT/SIGTERM while stopping (128 + SIGINT)
};

/// Blocks SIGINT, SIGTERM, SIGUSR1 and SIGUSR2 in the calling thread (and so in every thread
/// it starts later): they are read from a signalfd by run_headless instead of interrupting
/// arbitrary threads (SIGUSR1 saves a replay, SIGUSR2 pauses or resumes the recording).
/// Call first thing in main().
void block_control_signals();

/// Runs until done; returns the process exit code. Errors are printed on stderr, one line each.
int run_headless(const CommandLineOptions& options);

}  // namespace lm
