// cherha-server: the bundled booking server (see `cherha-server --help` and docs/api.md).
//
// Start-up: data directory -> config file (defaults written on first start) -> SQLite database
// -> a center (initialised when empty, or the demo with --demo) -> ServiceCenter -> retention
// purge (now, then daily) -> HTTP server. Stops cleanly on SIGINT/SIGTERM. Log lines on stderr:
// method, path without query, status, milliseconds; never a body, a query or personal data.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "center/data_dir.h"
#include "center/demo_center.h"
#include "center/provisioning.h"
#include "center/service_center.h"
#include "core/calendar/center_time.h"
#include "server/api/api_routes.h"
#include "server/events/event_hub.h"
#include "server/http/httplib_transport.h"
#include "server/server_config.h"
#include "server/web/web_site.h"
#include "store/sqlite_store.h"
#include "text/i18n.h"
#include "text/mo_catalog.h"
#include "text/problem_text.h"

#ifndef CHERHA_VERSION
#define CHERHA_VERSION "0.0.0"
#endif

namespace {

using namespace cherha;
using text::tr;

struct Arguments {
    std::optional<std::string> data;
    std::optional<std::string> config;
    std::optional<std::string> listen;
    std::optional<int> port;
    bool demo = false;
    bool help = false;
    bool version = false;
};

// The parsed command line, or the message of what is wrong with it.
std::variant<Arguments, std::string> parse_arguments(const std::vector<std::string>& words) {
    Arguments args;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        std::optional<std::string> inline_value;
        if (auto eq = word.find('='); word.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = word.substr(eq + 1);
            word = word.substr(0, eq);
        }
        auto value = [&]() -> std::optional<std::string> {
            if (inline_value) return inline_value;
            if (i + 1 < words.size()) return words[++i];
            return std::nullopt;
        };
        if (word == "--help" || word == "-h") {
            args.help = true;
        } else if (word == "--version") {
            args.version = true;
        } else if (word == "--demo") {
            args.demo = true;
        } else if (word == "--data" || word == "--config" || word == "--listen" ||
                   word == "--port") {
            auto v = value();
            if (!v || v->empty())
                return text::fill(tr("The option {option} needs a value."), {{"option", word}});
            if (word == "--data") args.data = *v;
            if (word == "--config") args.config = *v;
            if (word == "--listen") args.listen = *v;
            if (word == "--port") {
                int port = 0;
                const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), port);
                if (ec != std::errc() || end != v->data() + v->size() || port < 0 || port > 65535)
                    return text::fill(tr("The port must be a number from 0 to 65535, not {value}."),
                                      {{"value", *v}});
                args.port = port;
            }
        } else {
            return text::fill(tr("Unknown option {option} (see --help)."), {{"option", word}});
        }
    }
    return args;
}

void print_help() {
    std::cout << tr(
        "Usage: cherha-server [--data DIR] [--config FILE] [--listen ADDR] [--port N] "
        "[--demo]\n"
        "\n"
        "The booking server of a service center: HTTP JSON API (docs/api.md), one "
        "SQLite database.\n"
        "\n"
        "  --data DIR     data directory (default: $CHERHA_DATA_DIR, else "
        "~/.local/share/cherha)\n"
        "  --config FILE  config file (default: DIR/cherha-server.conf, written with "
        "the defaults on first start)\n"
        "  --listen ADDR  address to listen on (overrides the config file)\n"
        "  --port N       port (overrides the config file; 0 picks a free one)\n"
        "  --demo         fill a demo center (staff, devices, today's bookings) and "
        "print its logins\n"
        "  --version      print the version\n"
        "  --help         print this help\n");
}

int fail(const core::Problem& problem) {
    std::cerr << "cherha-server: " << text::describe_problem(problem) << " [" << problem.code
              << "]\n";
    return 1;
}

center::CenterOptions center_options(const server::ServerConfig& config) {
    center::CenterOptions options;
    options.sessions.idle_limit = config.session_idle;
    options.sessions.absolute_limit = config.session_absolute;
    options.lockout_after_failures = config.lockout_after_failures;
    options.lockout_base = config.lockout_base;
    options.lockout_max = config.lockout_max;
    options.address_rate_capacity = config.address_rate_burst;
    options.address_rate_per_second = config.address_rate_per_minute / 60.0;
    options.identity_rate_capacity = config.identity_rate_burst;
    options.identity_rate_per_second = config.identity_rate_per_minute / 60.0;
    options.pow_difficulty = config.pow_difficulty;
    return options;
}

http::ServerOptions http_options(const server::ServerConfig& config) {
    http::ServerOptions options;
    options.host = config.listen;
    options.port = config.port;
    options.threads = config.threads;
    options.max_body_bytes = config.max_body_bytes;
    options.read_timeout = config.read_timeout;
    options.write_timeout = config.write_timeout;
    options.keep_alive_timeout = config.keep_alive_timeout;
    options.tls_cert_file = config.tls_certificate;
    options.tls_key_file = config.tls_key;
    return options;
}

void log_purge(const core::Result<std::int64_t>& erased) {
    if (erased)
        std::fprintf(stderr, "purge: personal data of %lld booking(s) erased\n",
                     static_cast<long long>(*erased));
    else
        std::fprintf(stderr, "purge failed: %s\n", erased.problem().code.c_str());
}

// The daily maintenance: visitors of past days who never came become no-shows (rule 3), then
// the retention purge.
void daily_maintenance(center::ServiceCenter& center) {
    auto closed = center.close_past_days();
    if (closed)
        std::fprintf(stderr, "end of day: %lld booking(s) marked no-show\n",
                     static_cast<long long>(*closed));
    else
        std::fprintf(stderr, "end of day failed: %s\n", closed.problem().code.c_str());
    log_purge(center.purge());
}

// The citizens' web pages (src/server/web/web_site.h), with the words of both catalogs. A
// server whose pages are not found still serves the API, and says so.
std::optional<core::Problem> add_web_pages(http::Router& router) {
    const auto dir = server::web::find_web_dir();
    if (!dir) {
        std::cerr << "cherha-server: " << tr("the web pages were not found; only the API is served")
                  << "\n";
        return std::nullopt;
    }
    auto catalog = [](text::Language language) {
        const auto base = text::catalog_dir(language);
        if (!base) return text::MoCatalog{};
        auto loaded = text::MoCatalog::load(*base / std::string(text::language_code(language)) /
                                            "LC_MESSAGES" / "cherha.mo");
        if (loaded) return std::move(loaded).value();
        std::cerr << "cherha-server: " << text::describe_problem(loaded.problem()) << "\n";
        return text::MoCatalog{};
    };
    auto site = server::web::WebSite::load(*dir, catalog(text::Language::Ukrainian),
                                           catalog(text::Language::English));
    if (!site) return site.problem();
    return server::web::register_web_routes(router, std::move(site).value());
}

void print_demo(const center::DemoLogins& demo, const std::string& base) {
    std::cout << tr("Demo center:") << "\n";
    for (const auto& account : demo.staff)
        std::cout << "  " << store::staff_role_id(account.role) << ": " << account.login << " / "
                  << account.password << "\n";
    std::cout << "  kiosk " << demo.kiosk_name << ": Authorization: Device " << demo.kiosk_token
              << "\n"
              << "  board " << demo.board_name << ": Authorization: Device " << demo.board_token
              << "\n"
              << "  " << tr("web pages:") << " " << base << "/  " << base << "/my  " << base
              << "/terminal#device=" << demo.kiosk_token << "  " << base
              << "/board#device=" << demo.board_token << "\n"
              << text::fill(tr("  {today} booking(s) today, {later} on the next days."),
                            {{"today", std::to_string(demo.bookings_today)},
                             {"later", std::to_string(demo.bookings_later)}})
              << "\n"
              << "  curl " << base << "/api/v1/services\n";
}

// Runs the server until SIGINT/SIGTERM. Needs: SIGINT and SIGTERM blocked in every thread.
int serve(const Arguments& args, const sigset_t& stop_signals) {
    const std::filesystem::path data_dir =
        args.data ? std::filesystem::path(*args.data) : center::default_data_dir();
    if (auto problem = center::ensure_data_dir(data_dir)) return fail(*problem);

    const std::string config_path =
        args.config ? *args.config : (data_dir / server::kConfigFileName).string();
    if (!args.config) {
        auto written = server::write_default_config(config_path);
        if (!written) return fail(written.problem());
        if (*written) std::cerr << "cherha-server: wrote " << config_path << "\n";
    }
    auto loaded = server::load_server_config(config_path);
    if (!loaded) return fail(loaded.problem());
    server::ServerConfig config = std::move(loaded).value();
    if (args.listen) config.listen = *args.listen;
    if (args.port) config.port = *args.port;
    text::activate_language(config.language == "en" ? text::Language::English
                                                    : text::Language::Ukrainian);

    auto opened = store::SqliteStore::open(center::database_path(data_dir).string());
    if (!opened) return fail(opened.problem());
    store::SqliteStore& store = **opened;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    std::optional<center::DemoLogins> demo;
    if (args.demo) {
        auto filled = center::fill_demo(store, now);
        if (filled)
            demo = std::move(filled).value();
        else if (filled.problem().code != "center.demo_exists")
            return fail(filled.problem());
        else
            std::cerr << tr("The demo center is already there; its device tokens were printed "
                            "when it was filled.")
                      << "\n";
    } else {
        auto session = store.read();
        if (!session) return fail(session.problem());
        auto initialised = center::is_initialised(**session);
        session.value().reset();
        if (!initialised) return fail(initialised.problem());
        if (!*initialised) {
            auto settings = center::default_center_settings();
            if (!settings) return fail(settings.problem());
            if (auto problem = center::initialise_center(store, *settings, now, "system"))
                return fail(*problem);
            std::cerr << "cherha-server: "
                      << tr("initialised a new center with the default schedule") << "\n";
        }
    }

    auto opened_center = center::ServiceCenter::open(store, center_options(config));
    if (!opened_center) return fail(opened_center.problem());
    center::ServiceCenter& center = **opened_center;

    auto hub = server::events::EventHub::create();
    center.set_listener([hub](const center::QueueEvent& event) { hub->publish(event); });

    // Retention: now, then once a day at purge_hour (local time of the center); every
    // reload_seconds, the settings and keys again.
    daily_maintenance(center);
    std::mutex purge_mutex;
    std::condition_variable purge_wake;
    bool stopping = false;
    std::thread purger([&] {
        core::Date last = center.today();
        std::unique_lock lock(purge_mutex);
        while (!purge_wake.wait_for(lock, std::chrono::seconds(config.reload_seconds),
                                    [&] { return stopping; })) {
            // Settings and keys changed by the command line (schedule import, key rotation)
            // come into force here, without a restart.
            auto reloaded = center.reload();
            if (!reloaded)
                std::fprintf(stderr, "settings not reloaded: %s\n",
                             reloaded.problem().code.c_str());
            else if (*reloaded)
                std::fprintf(stderr, "settings reloaded\n");
            auto zone = core::locate_center_zone(center.settings()->schedule.time_zone);
            if (!zone) continue;
            const auto local = core::local_time_of(center.now(), **zone);
            const auto hour =
                std::chrono::floor<std::chrono::hours>(local - date::floor<date::days>(local));
            const core::Date today = center.today();
            if (today != last && hour.count() >= config.purge_hour) {
                daily_maintenance(center);
                last = today;
            }
        }
    });
    auto stop_purger = [&] {
        {
            std::lock_guard lock(purge_mutex);
            stopping = true;
        }
        purge_wake.notify_all();
        purger.join();
    };

    server::api::ApiShared shared{center, hub, &store, {}};
    shared.options.version = CHERHA_VERSION;
    shared.options.address_rate_per_second = config.address_rate_per_minute / 60.0;
    shared.options.identity_rate_per_second = config.identity_rate_per_minute / 60.0;
    shared.options.report_internal = [](std::string_view code) {
        std::fprintf(stderr, "internal problem: %.*s\n", static_cast<int>(code.size()),
                     code.data());
    };
    http::Router router;
    if (auto problem = server::api::register_api_routes(router, shared)) {
        stop_purger();
        return fail(*problem);
    }
    if (auto problem = add_web_pages(router)) {
        stop_purger();
        return fail(*problem);
    }
    router.set_failure_observer([](const http::Route& route, std::string_view what) {
        std::fprintf(stderr, "handler failed: %s %s: %.*s\n", route.method.c_str(),
                     route.pattern.c_str(), static_cast<int>(what.size()), what.data());
    });

    http::HttpServer server(router);
    if (config.log_requests) {
        server.set_logger([](const http::LogLine& line) {
            std::fprintf(stderr, "%s %s %d %.1f ms\n", line.method.c_str(), line.path.c_str(),
                         line.status, static_cast<double>(line.duration.count()) / 1000.0);
        });
    }
    auto port = server.bind(http_options(config));
    if (!port) {
        stop_purger();
        return fail(port.problem());
    }
    const bool ipv6 = config.listen.find(':') != std::string::npos;
    const std::string base = std::string(server.is_tls() ? "https" : "http") + "://" +
                             (ipv6 ? "[" + config.listen + "]" : config.listen) + ":" +
                             std::to_string(*port);
    std::cout << text::fill(
                     tr("cherha-server {version} listens on {url} (data: {data})"),
                     {{"version", CHERHA_VERSION}, {"url", base}, {"data", data_dir.string()}})
              << "\n";
    if (demo) print_demo(*demo, base);
    std::cout.flush();

    std::optional<core::Problem> run_problem;
    std::thread runner([&] {
        run_problem = server.run();
        ::kill(::getpid(), SIGTERM);  // wakes the main thread if run() ended on its own
    });
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    hub->close();
    runner.join();
    stop_purger();
    center.set_listener({});
    std::cerr << "cherha-server: " << tr("stopped") << "\n";
    if (run_problem) return fail(*run_problem);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // glibc hands memory back to the kernel as soon as 128 KiB lie free at the top of a heap;
    // with the worker threads spread over several heaps, requests then faulted the same pages
    // in again and again (about 12 page faults and 40% of the server's CPU per booking at 64
    // clients). Up to 16 MiB free per heap stay mapped instead (docs/performance.md).
    ::mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
    text::activate_language(
        text::choose_language(std::nullopt).value_or(text::Language::Ukrainian));
    auto parsed = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
    if (auto* message = std::get_if<std::string>(&parsed)) {
        std::cerr << "cherha-server: " << *message << "\n";
        return 2;
    }
    const Arguments& args = std::get<Arguments>(parsed);
    if (args.help) {
        print_help();
        return 0;
    }
    if (args.version) {
        std::cout << "cherha-server " << CHERHA_VERSION << "\n";
        return 0;
    }
    // SIGINT and SIGTERM are taken by sigwait() in the main thread: blocked here, before any
    // thread starts, so every thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    return serve(args, stop_signals);
}
