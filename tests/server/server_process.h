// The real cherha-server binary as a child process, for the integration tests of the server:
// started on a free loopback port (--port 0) over a data directory, kept running while the test
// talks to it over HTTP, then stopped with SIGTERM (a clean stop) or killed with SIGKILL (the
// crash test).
//
// Start-up: fork + exec with stdin from /dev/null, stdout through a pipe and stderr appended to
// a file; the child is killed by the kernel if the test process dies first (PR_SET_PDEATHSIG
// of the thread that called start(): call it from a thread that outlives the server, as the
// test's main thread does). start() reads stdout until the line that names the URL
// ("http://..." or "https://..."; the words around it are in the server's language), and a
// background thread keeps draining stdout afterwards (the demo logins follow the URL line).
//
// Thread-safety: one ServerProcess is driven by one thread; stdout_text() may be called from
// any thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cherha::test {

struct ServerLaunch {
    std::string executable;               // the cherha-server binary
    std::string data_dir;                 // --data
    std::vector<std::string> extra_args;  // e.g. {"--demo"}
    std::string stderr_file;              // appended to; "" = <data_dir>/server-stderr.log
    std::chrono::seconds start_timeout{120};
};

// How the process ended.
struct ServerExit {
    int exit_code = -1;  // the exit status, or -1 when a signal ended it
    int signal = 0;      // the signal that ended it, 0 when it exited
};

class ServerProcess {
  public:
    // Starts the server and waits for its URL line.
    // Guarantees: a running server whose url() answers, or nullptr with `error` saying why
    // (spawn failed, the process ended before printing its URL - with its stderr - or the
    // timeout passed, in which case the process was killed).
    static std::unique_ptr<ServerProcess> start(const ServerLaunch& launch, std::string& error);

    // Stops the server (SIGTERM) when still running, and waits for it.
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // "http://127.0.0.1:PORT" (or https), as the server printed it.
    const std::string& url() const { return url_; }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& stderr_file() const { return stderr_file_; }

    // Everything the server wrote to stdout so far.
    std::string stdout_text() const;
    // Waits until stdout contains `needle` (true) or `timeout` passed (false).
    bool wait_for_stdout(const std::string& needle, std::chrono::milliseconds timeout) const;
    // The whole stderr file as it is now.
    std::string stderr_text() const;

    // SIGTERM, then waits up to `timeout` for the exit (SIGKILL after that).
    ServerExit stop(std::chrono::seconds timeout = std::chrono::seconds(30));
    // SIGKILL at once, then waits: the crash of the crash test.
    ServerExit kill_hard();
    bool running() const { return pid_ > 0; }

  private:
    ServerProcess() = default;
    ServerExit wait_exit();
    void drain_stdout();

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string url_;
    int port_ = 0;
    std::string stderr_file_;
    mutable std::mutex mutex_;
    std::string stdout_;
    std::thread drainer_;
    ServerExit exit_;
};

// Writes the config file `<data_dir>/cherha-server.conf` from `key = value` lines (the server
// refuses unknown keys, so only keys of src/server/server_config.h). Creates data_dir.
// Returns false when the file could not be written.
bool write_server_config(const std::string& data_dir, const std::vector<std::string>& lines);

// The config lines every integration test starts from: rate limits high enough for a test's
// bursts, `threads` workers (each keep-alive client holds one), English error messages, and a
// proof-of-work difficulty low enough that solving costs nothing (0: any nonce answers).
std::vector<std::string> test_config_lines(bool log_requests = true, int threads = 48,
                                           int pow_difficulty = 0);

}  // namespace cherha::test
