// Runs a program as a real child process with the given standard input and returns its
// exit status and outputs (tests of the command line drive the real binary).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cherha::test {

struct ProcessResult {
    int exit_code = -1;  // the exit status, or -1 when killed by a signal
    int signal = 0;      // the signal that ended it, 0 when it exited
    std::string out;
    std::string err;
};

// Runs `program` with `args`, writing `input` to its standard input. `env` entries
// ("NAME=value") are added to the current environment. Waits for it to end.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input = {}, const std::vector<std::string>& env = {});

}  // namespace cherha::test
