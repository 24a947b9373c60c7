#include "server/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/server_config.h"  // kConfigFileName

extern char** environ;

namespace cherha::test {
namespace {

using Clock = std::chrono::steady_clock;

// "http://host:port" or "https://host:port" in `line`, or "".
std::string url_in(const std::string& line) {
    auto at = line.find("http://");
    if (at == std::string::npos) at = line.find("https://");
    if (at == std::string::npos) return {};
    auto end = line.find_first_of(" \t\r\n)", at);
    return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// The port at the end of a URL ("...:8470"), or 0.
int port_of(const std::string& url) {
    const auto colon = url.rfind(':');
    if (colon == std::string::npos) return 0;
    int port = 0;
    const char* first = url.data() + colon + 1;
    const char* last = url.data() + url.size();
    const auto [end, ec] = std::from_chars(first, last, port);
    return ec == std::errc() && end == last ? port : 0;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

ServerExit decode(int status) {
    ServerExit exit;
    if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
    return exit;
}

}  // namespace

std::unique_ptr<ServerProcess> ServerProcess::start(const ServerLaunch& launch,
                                                    std::string& error) {
    std::unique_ptr<ServerProcess> server(new ServerProcess());
    server->stderr_file_ =
        launch.stderr_file.empty()
            ? (std::filesystem::path(launch.data_dir) / "server-stderr.log").string()
            : launch.stderr_file;
    int out_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
        error = std::string("pipe: ") + std::strerror(errno);
        return nullptr;
    }
    std::vector<std::string> words{launch.executable, "--data", launch.data_dir, "--port", "0"};
    words.insert(words.end(), launch.extra_args.begin(), launch.extra_args.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const std::string stderr_path = server->stderr_file_;
    const pid_t parent = ::getpid();

    // fork + exec rather than posix_spawn, for one thing posix_spawn cannot do: the child asks
    // the kernel to kill it when the test process dies (PR_SET_PDEATHSIG), so a test that
    // crashes or aborts never leaves a server running. Between fork and exec only
    // async-signal-safe calls (everything above was prepared before the fork).
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(126);  // the test died before prctl
        const int in = ::open("/dev/null", O_RDONLY);
        const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (in < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out_pipe[1], 1) < 0 ||
            ::dup2(err, 2) < 0)
            ::_exit(126);
        ::execve(argv[0], argv.data(), environ);
        ::_exit(127);
    }
    close(out_pipe[1]);
    if (pid < 0) {
        close(out_pipe[0]);
        error = std::string("fork: ") + std::strerror(errno);
        return nullptr;
    }
    server->pid_ = pid;
    server->stdout_fd_ = out_pipe[0];

    // Read stdout until the URL line, the end of the output, or the timeout.
    const auto deadline = Clock::now() + launch.start_timeout;
    std::string seen;
    char buffer[4096];
    while (server->url_.empty()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            server->kill_hard();
            error = "no URL line within the start timeout; stdout: " + seen +
                    "\nstderr: " + read_file(server->stderr_file_);
            return nullptr;
        }
        pollfd fd{server->stdout_fd_, POLLIN, 0};
        const int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        const ssize_t n = read(server->stdout_fd_, buffer, sizeof buffer);
        if (n <= 0) {
            const ServerExit exit = server->wait_exit();
            error = "the server ended before printing its URL (exit " +
                    std::to_string(exit.exit_code) + ", signal " + std::to_string(exit.signal) +
                    "); stdout: " + seen + "\nstderr: " + read_file(server->stderr_file_);
            return nullptr;
        }
        seen.append(buffer, static_cast<std::size_t>(n));
        std::size_t line_start = 0;
        for (auto newline = seen.find('\n'); newline != std::string::npos;
             newline = seen.find('\n', line_start)) {
            const std::string url = url_in(seen.substr(line_start, newline - line_start));
            if (!url.empty()) {
                server->url_ = url;
                break;
            }
            line_start = newline + 1;
        }
    }
    server->port_ = port_of(server->url_);
    {
        std::lock_guard lock(server->mutex_);
        server->stdout_ = seen;
    }
    server->drainer_ = std::thread([raw = server.get()] { raw->drain_stdout(); });
    return server;
}

void ServerProcess::drain_stdout() {
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // the server closed stdout (it ended)
        std::lock_guard lock(mutex_);
        stdout_.append(buffer, static_cast<std::size_t>(n));
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) stop();
    if (drainer_.joinable()) drainer_.join();
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::string ServerProcess::stdout_text() const {
    std::lock_guard lock(mutex_);
    return stdout_;
}

bool ServerProcess::wait_for_stdout(const std::string& needle,
                                    std::chrono::milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (stdout_text().find(needle) != std::string::npos) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string ServerProcess::stderr_text() const {
    return read_file(stderr_file_);
}

ServerExit ServerProcess::wait_exit() {
    if (pid_ <= 0) return exit_;
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
        if (errno != EINTR) {
            pid_ = -1;
            return exit_;
        }
    }
    pid_ = -1;
    exit_ = decode(status);
    if (drainer_.joinable()) drainer_.join();  // stdout reaches its end once the process is gone
    return exit_;
}

ServerExit ServerProcess::stop(std::chrono::seconds timeout) {
    if (pid_ <= 0) return exit_;
    ::kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            exit_ = decode(status);
            if (drainer_.joinable()) drainer_.join();
            return exit_;
        }
        if (done < 0 && errno != EINTR) {
            pid_ = -1;
            return exit_;
        }
        if (Clock::now() >= deadline) return kill_hard();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

ServerExit ServerProcess::kill_hard() {
    if (pid_ <= 0) return exit_;
    ::kill(pid_, SIGKILL);
    return wait_exit();
}

bool write_server_config(const std::string& data_dir, const std::vector<std::string>& lines) {
    std::error_code ignored;
    std::filesystem::create_directories(data_dir, ignored);
    const auto path = std::filesystem::path(data_dir) / std::string(server::kConfigFileName);
    std::ofstream out(path, std::ios::trunc);
    for (const auto& line : lines) out << line << "\n";
    out.close();
    if (!out) return false;
    ::chmod(path.c_str(), 0600);
    return true;
}

std::vector<std::string> test_config_lines(bool log_requests, int threads, int pow_difficulty) {
    std::vector<std::string> lines{
        "threads = " + std::to_string(threads),
        "address_rate_burst = 100000",
        "address_rate_per_minute = 100000",
        "identity_rate_burst = 100000",
        "identity_rate_per_minute = 100000",
        "language = en",
        std::string("log_requests = ") + (log_requests ? "1" : "0"),
        "pow_difficulty = " + std::to_string(pow_difficulty),
    };
    return lines;
}

}  // namespace cherha::test
