// The booking server's throughput and latency, measured in one run on one machine:
//   (a) raw:     ServiceCenter::book_online in this process against its own SqliteStore (the
//                same write transaction, proof-of-work check, quotas, capacity, audit and token
//                signing as the server), on 1 / 8 / 64 threads;
//   (b) HTTP:    1 / 8 / 64 keep-alive libcurl clients POST /api/v1/bookings to the real
//                cherha-server process: bookings/s, p50 and p99 latency;
//   (c) reads:   GET /api/v1/services/{s}/slots?day= per second;
//   (d) trivial: GET /api/v1/health per second (the HTTP layer's own rate);
//   (e) memory:  the server's VmRSS (/proc/PID/status) sampled under the 64-client loads;
//   (f) CPU:     µs of CPU per operation, of the server (/proc/PID/stat) and of this process
//                (the clients, or for raw the center itself), to see where the time goes.
// Raw and HTTP booking phases alternate (raw N, HTTP N, raw N, HTTP N, ...; `rounds` times per
// N) so both see the same disk: a booking is one fsync'ed commit, and the fsync time of a
// shared virtual disk drifts by a factor of ten within minutes. The fsync time is probed at
// start and end. Medians of the rounds are reported.
// Every booking is a different synthetic person in a free place (a center with 40 windows
// serving every service: 40 places per slot), so no quota or capacity refusal slows a phase;
// refusals are counted apart. Challenges are fetched (difficulty 0: any nonce) before each
// timed phase, so clients spend nothing on proof of work while the server is measured.
// Not pass/fail: prints tables, the ratios and the targets (docs/performance.md).
//
//   cherha_server_bench [--server PATH] [--quick] [--rounds R] [--seconds S] [--threads T]
// (--threads: the server's worker threads, default 72 so that 64 keep-alive clients each hold
// one; --quick: fewer bookings, one round, 1 s reads.)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "center/provisioning.h"
#include "center/service_center.h"
#include "core/abuse/proof_of_work.h"
#include "server/api_client.h"
#include "server/server_process.h"
#include "store/sqlite_store.h"

namespace {

using namespace cherha;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kWindows = 40;
const std::vector<int> kClients = {1, 8, 64};

struct Options {
    std::string server = CHERHA_SERVER_EXE;
    std::vector<int> bookings = {300, 1200, 3200};  // per round, for N = 1, 8, 64
    int rounds = 3;
    double read_seconds = 4.0;
    int server_threads = 72;  // worker threads of the server: one per keep-alive client
};

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "server bench: %s\n", what.c_str());
    std::exit(1);
}

struct Figures {
    std::string what;
    int clients = 0;
    long ops = 0;
    long refused = 0;
    double seconds = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    double server_cpu_s = 0;  // CPU time of the server process during the phase (0: raw)
    double local_cpu_s = 0;   // CPU time of this process (the clients, or the raw center)
    double rate() const { return seconds > 0 ? static_cast<double>(ops) / seconds : 0; }
};

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at),
                     values.end());
    return values[at];
}

// The median of each column over rounds (ops and refusals summed).
Figures median_of(const std::vector<Figures>& rounds) {
    Figures m = rounds.front();
    std::vector<double> rate, p50, p99;
    m.ops = m.refused = 0;
    m.seconds = 0;
    m.server_cpu_s = m.local_cpu_s = 0;
    for (const auto& f : rounds) {
        rate.push_back(f.rate());
        p50.push_back(f.p50_ms);
        p99.push_back(f.p99_ms);
        m.ops += f.ops;
        m.refused += f.refused;
        m.server_cpu_s += f.server_cpu_s;
        m.local_cpu_s += f.local_cpu_s;
    }
    m.seconds = static_cast<double>(m.ops) / percentile(rate, 0.5);  // so rate() = median
    m.p50_ms = percentile(p50, 0.5);
    m.p99_ms = percentile(p99, 0.5);
    return m;
}

// ---- the bench center --------------------------------------------------------------------

// One booking to make: where, who, and its solved challenge.
struct Work {
    std::string service;
    core::Date day;
    int minute = 0;
    int person = 0;
    std::string challenge;
    std::string nonce;
};

// The default settings with 40 windows, each serving every service (40 places per slot).
center::CenterSettings bench_settings() {
    auto defaults = center::default_center_settings();
    if (!defaults) die("default settings: " + defaults.problem().code);
    center::CenterSettings settings = std::move(defaults).value();
    auto& schedule = settings.schedule;
    schedule.windows.clear();
    std::vector<std::string> ids;
    for (int w = 1; w <= kWindows; ++w) {
        std::string id = "w";
        id += std::to_string(w);  // (not "w" + ...: GCC 12 -O3 warns falsely, -Wrestrict)
        schedule.windows.push_back({id, w});
        ids.push_back(id);
    }
    for (auto& service : schedule.services) service.window_ids = ids;
    return settings;
}

center::CenterOptions bench_center_options() {
    center::CenterOptions options;
    options.address_rate_capacity = 1e9;
    options.address_rate_per_second = 1e9;
    options.identity_rate_capacity = 1e9;
    options.identity_rate_per_second = 1e9;
    options.pow_difficulty = 0;
    return options;
}

// A store in `dir` holding the bench center.
std::unique_ptr<store::SqliteStore> bench_store(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    auto opened = store::SqliteStore::open((dir / "cherha.db").string());
    if (!opened) die("open store: " + opened.problem().code);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (auto problem = center::initialise_center(**opened, bench_settings(), now, "bench"))
        die("initialise: " + problem->code);
    return std::move(opened).value();
}

// `count` free places from tomorrow on, spread round-robin over services and days, each for
// a new person numbered from `first_person`.
std::vector<Work> plan_places(center::ServiceCenter& center, std::size_t count, int first_person) {
    std::vector<std::vector<Work>> lists;
    const core::Date today = center.today();
    for (int ahead = 1; ahead < 20; ++ahead) {
        const core::Date day{date::sys_days{today} + date::days{ahead}};
        for (const auto& service : center.services()) {
            auto slots = center.free_slots(service.id, day, core::BookingChannel::Online);
            if (!slots) continue;
            std::vector<Work> list;
            for (const auto& slot : *slots) {
                if (!slot.bookable) continue;
                const int minute = core::minute_of_day(slot.slot);
                for (int place = 0; place < slot.free; ++place)
                    list.push_back({service.id, day, minute, 0, {}, {}});
            }
            if (!list.empty()) lists.push_back(std::move(list));
        }
    }
    std::vector<Work> out;
    for (std::size_t i = 0; out.size() < count; ++i) {
        bool any = false;
        for (auto& list : lists)
            if (i < list.size() && out.size() < count) {
                out.push_back(list[i]);
                any = true;
            }
        if (!any) break;
    }
    if (out.size() < count) die("not enough free places for the plan");
    for (std::size_t i = 0; i < out.size(); ++i) out[i].person = first_person + static_cast<int>(i);
    return out;
}

// Hands out consecutive parts of a plan, so no two phases book the same place.
class PlanCursor {
  public:
    explicit PlanCursor(std::vector<Work> plan) : plan_(std::move(plan)) {}
    std::vector<Work> take(std::size_t count) {
        const std::size_t end = std::min(plan_.size(), at_ + count);
        std::vector<Work> part(plan_.begin() + static_cast<std::ptrdiff_t>(at_),
                               plan_.begin() + static_cast<std::ptrdiff_t>(end));
        at_ = end;
        return part;
    }

  private:
    std::vector<Work> plan_;
    std::size_t at_ = 0;
};

std::size_t total_bookings(const Options& options) {
    std::size_t total = 0;
    for (int count : options.bookings) total += static_cast<std::size_t>(count);
    return total * static_cast<std::size_t>(options.rounds);
}

// ---- load generators ---------------------------------------------------------------------

// Runs body.run(state, i) for every i < count on `threads` threads (state from make_state).
template <class Body>
Figures run_counted(const std::string& what, int threads, std::size_t count, Body& body) {
    std::atomic<std::size_t> next{0};
    std::atomic<long> refused{0};
    std::mutex mutex;
    std::vector<double> latencies;
    const auto start = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            std::vector<double> mine;
            auto state = body.make_state();
            for (std::size_t i = next++; i < count; i = next++) {
                const auto begun = Clock::now();
                const bool ok = body.run(state, i);
                mine.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - begun).count());
                if (!ok) ++refused;
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    for (auto& thread : pool) thread.join();
    Figures f{what, threads, 0, refused, 0, 0, 0};
    f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    f.ops = static_cast<long>(latencies.size()) - f.refused;
    f.p50_ms = percentile(latencies, 0.50);
    f.p99_ms = percentile(latencies, 0.99);
    return f;
}

// GETs on `threads` keep-alive clients until `seconds` passed.
Figures run_timed(const std::string& what, const std::string& url, int threads, double seconds,
                  const std::function<std::string(int, long)>& path_of) {
    std::atomic<long> ok{0}, failed{0};
    std::mutex mutex;
    std::vector<double> latencies;
    const auto start = Clock::now();
    const auto deadline =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            test::HttpClient client(url);
            std::vector<double> mine;
            for (long i = 0; Clock::now() < deadline; ++i) {
                const auto begun = Clock::now();
                auto reply = client.get(path_of(t, i));
                mine.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - begun).count());
                (reply.status == 200 ? ok : failed) += 1;
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    for (auto& thread : pool) thread.join();
    Figures f{what, threads, ok, failed, 0, 0, 0};
    f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    f.p50_ms = percentile(latencies, 0.50);
    f.p99_ms = percentile(latencies, 0.99);
    return f;
}

// (a) book_online in this process.
struct RawBody {
    center::ServiceCenter& center;
    std::vector<Work> work;
    int make_state() { return 0; }
    bool run(int, std::size_t i) {
        const Work& w = work[i];
        center::OnlineBookingRequest request;
        request.service_id = w.service;
        request.day = w.day;
        request.slot_minute = w.minute;
        request.registration = core::synthetic::registration_of(test::api_person(w.person));
        request.pow_challenge = w.challenge;
        request.pow_nonce = w.nonce;
        return center.book_online(request, "127.0.0.1").ok();
    }
};

// (b) POST /api/v1/bookings, one keep-alive client per thread.
struct HttpBody {
    std::string url;
    std::vector<Work> work;
    std::unique_ptr<test::HttpClient> make_state() {
        return std::make_unique<test::HttpClient>(url);
    }
    bool run(std::unique_ptr<test::HttpClient>& client, std::size_t i) {
        const Work& w = work[i];
        char time[8];
        std::snprintf(time, sizeof time, "%02d:%02d", w.minute / 60 % 100, w.minute % 60);
        const json body = test::booking_body(w.service, core::format_iso_date(w.day), time,
                                             test::registration_json(test::api_person(w.person)),
                                             json{{"challenge", w.challenge}, {"nonce", w.nonce}});
        return client->post("/api/v1/bookings", body.dump(), test::json_headers()).status == 201;
    }
};

void solve_in_process(center::ServiceCenter& center, std::vector<Work>& work) {
    for (auto& w : work) {
        auto challenge = center.pow_challenge();
        w.challenge = challenge ? *challenge : std::string();
        w.nonce = core::solve_challenge(w.challenge, std::uint64_t{1} << 30).value_or("0");
    }
}

// Fetches and solves one challenge per work item over HTTP, on 8 clients.
void solve_over_http(const std::string& url, std::vector<Work>& work) {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < 8; ++t)
        pool.emplace_back([&] {
            test::HttpClient client(url);
            for (std::size_t i = next++; i < work.size(); i = next++) {
                auto pow = test::solved_pow(client);
                if (!pow) continue;
                work[i].challenge = (*pow)["challenge"];
                work[i].nonce = (*pow)["nonce"];
            }
        });
    for (auto& thread : pool) thread.join();
}

// ---- the machine -------------------------------------------------------------------------

// User + system CPU seconds of a process (/proc/PID/stat fields 14 and 15).
double process_cpu_s(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14) ticks += std::strtod(field.c_str(), nullptr);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Measures the CPU time spent by this process and (if pid > 0) by another one over a phase.
class CpuMeter {
  public:
    explicit CpuMeter(pid_t other) : other_(other) {
        local_ = process_cpu_s(::getpid());
        if (other_ > 0) other_start_ = process_cpu_s(other_);
    }
    void put_into(Figures& f) const {
        f.local_cpu_s = process_cpu_s(::getpid()) - local_;
        if (other_ > 0) f.server_cpu_s = process_cpu_s(other_) - other_start_;
    }

  private:
    pid_t other_;
    double local_ = 0, other_start_ = 0;
};

long vm_rss_kb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return 0;
}

// Samples a process's VmRSS every 50 ms while it lives; max_kb() is the highest seen.
class RssSampler {
  public:
    explicit RssSampler(pid_t pid)
        : thread_([this, pid] {
              while (!stop_) {
                  max_ = std::max(max_.load(), vm_rss_kb(pid));
                  std::this_thread::sleep_for(std::chrono::milliseconds(50));
              }
          }) {}
    ~RssSampler() {
        stop_ = true;
        thread_.join();
    }
    long max_kb() const { return max_; }

  private:
    std::atomic<bool> stop_{false};
    std::atomic<long> max_{0};
    std::thread thread_;
};

// Median and p99 of fdatasync after a 4 KiB append in `dir`, in ms: what one commit waits for.
std::pair<double, double> fsync_probe(const std::filesystem::path& dir) {
    const auto path = (dir / "fsync-probe").string();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return {0, 0};
    std::vector<double> ms;
    const std::string page(4096, 'x');
    for (int i = 0; i < 200; ++i) {
        if (::write(fd, page.data(), page.size()) < 0) break;
        const auto begun = Clock::now();
        ::fdatasync(fd);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begun).count());
    }
    ::close(fd);
    std::filesystem::remove(path);
    return {percentile(ms, 0.5), percentile(ms, 0.99)};
}

std::string machine() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line, model = "?";
    while (std::getline(cpuinfo, line))
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    std::ifstream loadavg("/proc/loadavg");
    std::string one, five, fifteen;
    loadavg >> one >> five >> fifteen;
    return std::to_string(std::thread::hardware_concurrency()) + " CPUs, " + model +
           ", load average " + one + " " + five + " " + fifteen;
}

void print_header() {
    std::printf("| %-24s | %3s | %6s | %6s | %8s | %7s | %7s | %4s | %10s | %10s |\n", "phase", "N",
                "ops", "s", "ops/s", "p50 ms", "p99 ms", "fail", "server µs", "bench µs");
    std::printf(
        "|--------------------------|----:|-------:|-------:|---------:|--------:|"
        "--------:|-----:|-----------:|-----------:|\n");
}

// µs of CPU per operation (all of the phase's operations, refused ones too).
double cpu_us_per_op(double cpu_s, const Figures& f) {
    const long all = f.ops + f.refused;
    return all > 0 ? cpu_s * 1e6 / static_cast<double>(all) : 0;
}

void print_row(const Figures& f) {
    std::printf("| %-24s | %3d | %6ld | %6.2f | %8.0f | %7.2f | %7.2f | %4ld | %10.0f | %10.0f |\n",
                f.what.c_str(), f.clients, f.ops, f.seconds, f.rate(), f.p50_ms, f.p99_ms,
                f.refused, cpu_us_per_op(f.server_cpu_s, f), cpu_us_per_op(f.local_cpu_s, f));
}

const char* met(bool yes) {
    return yes ? "met" : "NOT met";
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--server" && i + 1 < argc) {
            options.server = argv[++i];
        } else if (arg == "--quick") {
            options.bookings = {100, 400, 1280};
            options.rounds = 1;
            options.read_seconds = 1.0;
        } else if (arg == "--rounds" && i + 1 < argc) {
            options.rounds = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--seconds" && i + 1 < argc) {
            options.read_seconds = std::atof(argv[++i]);
        } else if (arg == "--threads" && i + 1 < argc) {
            options.server_threads = std::clamp(std::atoi(argv[++i]), 1, 256);
        } else {
            std::fprintf(stderr,
                         "usage: %s [--server PATH] [--quick] [--rounds R] [--seconds S] "
                         "[--threads T]\n",
                         argv[0]);
            std::exit(2);
        }
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    const auto root = std::filesystem::temp_directory_path() /
                      ("cherha-server-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    std::printf("cherha server benchmark: %s; server threads %d\n", machine().c_str(),
                options.server_threads);
    const auto fsync_before = fsync_probe(root);
    std::fflush(stdout);

    // The raw center in this process, and the server's center planned before it starts.
    auto raw_store = bench_store(root / "raw");
    auto raw_opened = center::ServiceCenter::open(*raw_store, bench_center_options());
    if (!raw_opened) die("open center: " + raw_opened.problem().code);
    center::ServiceCenter& raw_center = **raw_opened;
    PlanCursor raw_plan(plan_places(raw_center, total_bookings(options), 1'000'000));
    std::unique_ptr<PlanCursor> http_plan;
    {
        auto store = bench_store(root / "server");
        auto opened = center::ServiceCenter::open(*store, bench_center_options());
        if (!opened) die("open server center: " + opened.problem().code);
        http_plan =
            std::make_unique<PlanCursor>(plan_places(**opened, total_bookings(options), 5'000'000));
    }
    if (!test::write_server_config((root / "server").string(),
                                   test::test_config_lines(false, options.server_threads, 0)))
        die("cannot write the config");
    test::ServerLaunch launch;
    launch.executable = options.server;
    launch.data_dir = (root / "server").string();
    std::string error;
    auto server = test::ServerProcess::start(launch, error);
    if (!server) die("cherha-server did not start: " + error);
    const std::string url = server->url();
    const long rss_idle_kb = vm_rss_kb(server->pid());

    // (a) and (b), alternating.
    std::vector<Figures> raw_median, http_median, all_rounds;
    long rss_booking_kb = 0;
    for (std::size_t n = 0; n < kClients.size(); ++n) {
        const int clients = kClients[n];
        const auto count = static_cast<std::size_t>(options.bookings[n]);
        std::vector<Figures> raw_rounds, http_rounds;
        for (int round = 0; round < options.rounds; ++round) {
            RawBody raw{raw_center, raw_plan.take(count)};
            solve_in_process(raw_center, raw.work);
            {
                CpuMeter cpu(0);
                raw_rounds.push_back(run_counted("raw book_online", clients, count, raw));
                cpu.put_into(raw_rounds.back());
            }
            HttpBody http{url, http_plan->take(count)};
            solve_over_http(url, http.work);
            {
                RssSampler rss(server->pid());
                CpuMeter cpu(server->pid());
                http_rounds.push_back(run_counted("HTTP POST bookings", clients, count, http));
                cpu.put_into(http_rounds.back());
                if (clients == 64) rss_booking_kb = std::max(rss_booking_kb, rss.max_kb());
            }
            all_rounds.push_back(raw_rounds.back());
            all_rounds.push_back(http_rounds.back());
        }
        raw_median.push_back(median_of(raw_rounds));
        http_median.push_back(median_of(http_rounds));
    }

    // (c) and (d): the slots of one booked day, and health.
    const std::vector<std::string> services = {"vehicle-registration", "exam-theory",
                                               "licence-exchange", "consultation"};
    const std::string day =
        core::format_iso_date(core::Date{date::sys_days{raw_center.today()} + date::days{3}});
    std::vector<Figures> slots, health;
    long rss_reading_kb = 0;
    for (int clients : kClients) {
        RssSampler rss(server->pid());
        {
            CpuMeter cpu(server->pid());
            slots.push_back(
                run_timed("HTTP GET slots", url, clients, options.read_seconds, [&](int t, long i) {
                    return "/api/v1/services/" +
                           services[static_cast<std::size_t>(t + i) % services.size()] +
                           "/slots?day=" + day;
                }));
            cpu.put_into(slots.back());
        }
        {
            CpuMeter cpu(server->pid());
            health.push_back(run_timed("HTTP GET health", url, clients, options.read_seconds,
                                       [](int, long) { return std::string("/api/v1/health"); }));
            cpu.put_into(health.back());
        }
        if (clients == 64) rss_reading_kb = rss.max_kb();
    }
    const long rss_end_kb = vm_rss_kb(server->pid());
    const test::ServerExit exit = server->stop();
    if (exit.exit_code != 0)
        std::fprintf(stderr, "cherha-server ended with %d (signal %d)\n", exit.exit_code,
                     exit.signal);
    const auto fsync_after = fsync_probe(root);
    raw_opened.value().reset();
    raw_store.reset();
    std::filesystem::remove_all(root);

    std::printf(
        "fdatasync of 4 KiB: p50 %.2f ms, p99 %.2f ms before; p50 %.2f ms, p99 %.2f ms "
        "after\n\nEvery round (raw and HTTP alternate):\n\n",
        fsync_before.first, fsync_before.second, fsync_after.first, fsync_after.second);
    print_header();
    for (const auto& f : all_rounds) print_row(f);
    std::printf("\nMedians of %d round(s) for bookings; reads over %.1f s each:\n\n",
                options.rounds, options.read_seconds);
    print_header();
    for (const auto& f : raw_median) print_row(f);
    for (const auto& f : http_median) print_row(f);
    for (const auto& f : slots) print_row(f);
    for (const auto& f : health) print_row(f);
    std::printf(
        "\nserver VmRSS: %.1f MB after start, max %.1f MB under 64 booking clients, "
        "max %.1f MB under 64 reading clients, %.1f MB at the end\n",
        static_cast<double>(rss_idle_kb) / 1024.0, static_cast<double>(rss_booking_kb) / 1024.0,
        static_cast<double>(rss_reading_kb) / 1024.0, static_cast<double>(rss_end_kb) / 1024.0);

    std::printf("\nratios\n");
    for (std::size_t i = 0; i < kClients.size(); ++i)
        std::printf("  N=%-2d  HTTP bookings / raw bookings = %.2f;  slot reads / health = %.2f\n",
                    kClients[i], http_median[i].rate() / raw_median[i].rate(),
                    slots[i].rate() / health[i].rate());
    double best_raw = 0, best_http = 0;
    for (std::size_t i = 0; i < kClients.size(); ++i) {
        best_raw = std::max(best_raw, raw_median[i].rate());
        best_http = std::max(best_http, http_median[i].rate());
    }
    const std::size_t n64 = kClients.size() - 1;
    std::printf("\ntargets\n");
    std::printf(
        "  bookings >= half the raw rate (best HTTP %.0f/s, best raw %.0f/s, ratio %.2f): "
        "%s\n",
        best_http, best_raw, best_http / best_raw, met(best_http >= best_raw / 2));
    bool reads_met = true;
    for (std::size_t i = 0; i < kClients.size(); ++i)
        reads_met = reads_met && slots[i].rate() >= health[i].rate() / 2;
    std::printf("  slot reads >= half the trivial rate at every N: %s\n", met(reads_met));
    std::printf("  p99 of bookings at 64 clients < 50 ms (%.1f ms): %s\n", http_median[n64].p99_ms,
                met(http_median[n64].p99_ms < 50));
    std::printf("  server RSS < 50 MB under the 64-client load (%.1f MB): %s\n",
                static_cast<double>(std::max(rss_booking_kb, rss_reading_kb)) / 1024.0,
                met(std::max(rss_booking_kb, rss_reading_kb) < 50 * 1024));
    return 0;
}
