// Measurements of the desk (issue 4; figures in docs/performance.md, "The desk"). Runs the
// real windows, so it needs a display: tests/bench/run.sh starts it under xvfb-run.
//
//   1. scan -> verdict: a scanner's burst of a booking's QR token typed into the main window,
//      from its Enter to the booking open on screen (the token verified with the center's
//      public key, the panel filled and painted): p50 / p99 over 200 scans, with the real
//      server on loopback and with the server stopped (offline, the local copy).
//   2. decoding a 1280x720 camera-like photo of a booking QR code (PNG): the desk's path
//      (qr::decode_qr_image_bytes) against plain ZXing-cpp (stb_image + ReadBarcode with
//      default hints) on the same bytes; median of 30 runs each.
//   3. a day of 5,000 bookings: from reload() to the table shown (GET /queue's JSON read,
//      the queue replaced, the virtual table reset and painted), and the desk's resident
//      memory afterwards. The answers come from a scripted transport (the server's JSON
//      shapes), so the figure is the desk's own work.
//   4. with --only-day-memory, nothing but that day's memory, in a process of its own (the
//      figures of 3 come after the scans, the decoding and a first window): /proc/self/status
//      (VmRSS split into RssAnon and RssFile, and VmHWM) before the window, with the window
//      shown and no day, and with the same 5,000-booking day loaded once and shown; then, as a
//      diagnostic, after malloc_trim(0) (the free memory glibc keeps). The day's JSON waits in
//      a file, read at each GET /queue as libcurl's body would arrive, so the bench holds no
//      copy of its own; the peak is reset (/proc/self/clear_refs) after that fixture is built,
//      so VmHWM is the desk's own peak from there on.
// Figures are printed; nothing here passes or fails on time.
//
//   cherha_desk_bench [--only-day-memory]
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <wx/app.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/mstream.h>
#include <wx/srchctrl.h>
#include <nlohmann/json.hpp>

#include <stb_image.h>

#include <ZXing/ReadBarcode.h>

#include "desk/model/curl_transport.h"
#include "desk/model/desk_link.h"
#include "desk/ui/desk_language.h"
#include "desk/ui/desk_process.h"
#include "desk/ui/key_filter.h"
#include "desk/ui/main_frame.h"
#include "qr/qr_image.h"
#include "server/api_client.h"
#include "server/server_process.h"
#include "store/temp_dir.h"
#include "support/http_client.h"
#include "support/synthetic_people.h"

namespace {

using namespace cherha;
using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

bool pump_until(const std::function<bool()>& done, std::chrono::seconds timeout) {
    const auto end = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > end) return false;
        wxTheApp->ProcessPendingEvents();
        wxYield();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// This process's memory from /proc/self/status, in KiB: resident now (VmRSS), of it the
// anonymous pages (RssAnon: heap, stacks, libraries' relocated data) and the file pages
// (RssFile: code and data of the shared libraries, fonts; shared with other processes that
// map the same files), and the peak (VmHWM).
struct Residency {
    long rss = 0;
    long anon = 0;
    long file = 0;
    long peak = 0;
};

Residency residency() {
    Residency r;
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::pair<const char*, long*> fields[] = {
        {"VmRSS:", &r.rss}, {"RssAnon:", &r.anon}, {"RssFile:", &r.file}, {"VmHWM:", &r.peak}};
    while (std::getline(status, line))
        for (const auto& [name, value] : fields)
            if (line.rfind(name, 0) == 0) *value = std::stol(line.substr(std::strlen(name)));
    return r;
}

long resident_kib() {
    return residency().rss;
}

double mib(long kib) {
    return static_cast<double>(kib) / 1024.0;
}

void print_residency(const char* stage, const Residency& r) {
    std::printf("  %-26s VmRSS %6.1f MiB (anon %5.1f + file %5.1f), VmHWM %6.1f MiB\n", stage,
                mib(r.rss), mib(r.anon), mib(r.file), mib(r.peak));
}

desk::ui::MainFrame* open_frame(const std::string& url, const std::string& dir,
                                std::unique_ptr<desk::DeskTransport> transport,
                                desk::StaffSession session) {
    auto link = desk::DeskLink::open(dir, std::move(transport));
    if (!link) return nullptr;
    desk::ui::DeskSettings settings;
    settings.server = url;
    auto* frame = new desk::ui::MainFrame(settings, dir, std::move(link.value()), session);
    desk::ui::set_scan_frame(frame);
    frame->Show();
    frame->start();
    pump_until([frame] { return frame->loads() > 0; }, std::chrono::seconds(30));
    return frame;
}

// Types `token` + Enter as a scanner does (3 ms between characters) and returns the time
// from the Enter to the booking open and painted.
double scan(desk::ui::MainFrame* frame, wxWindow* focus, const std::string& token,
            std::int64_t expected) {
    auto at = Clock::now();
    for (const char c : token) {
        frame->on_typed(static_cast<wxChar32>(c), at, focus);
        at += std::chrono::milliseconds(3);
    }
    const auto start = Clock::now();
    frame->on_typed('\r', at, focus);
    while (frame->open_booking() != expected) wxYield();
    frame->Update();  // painted
    return ms(Clock::now() - start);
}

void scan_benchmark(const std::string& label, desk::ui::MainFrame* frame,
                    const std::vector<std::pair<std::string, std::int64_t>>& tokens) {
    auto* focus = frame->FindWindow("search");
    std::vector<double> times;
    for (int i = 0; i < 200; ++i) {
        const auto& [token, id] = tokens[static_cast<std::size_t>(i) % tokens.size()];
        // Another booking open before each scan, so every scan opens one.
        const auto& [other, other_id] = tokens[(static_cast<std::size_t>(i) + 1) % tokens.size()];
        if (frame->open_booking() == id) scan(frame, focus, other, other_id);
        times.push_back(scan(frame, focus, token, id));
    }
    std::printf("scan -> verdict (%s): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %zu scans\n",
                label.c_str(), percentile(times, 50), percentile(times, 99),
                *std::max_element(times.begin(), times.end()), times.size());
}

// A photo-like picture: grey gradient, noise, the code at an angle-free offset, blurred.
std::vector<unsigned char> camera_photo(const std::string& text) {
    const auto matrix = qr::encode_qr(text);
    const int width = 1280;
    const int height = 720;
    wxImage image(width, height);
    std::mt19937 random(7);
    std::normal_distribution<double> noise(0, 9);
    const int scale = 7;
    const int left = 430;
    const int top = 150;
    const int size = matrix.value().size;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            double v = 150 + 60.0 * x / width - 30.0 * y / height;  // uneven light
            const int mx = (x - left) / scale;
            const int my = (y - top) / scale;
            if (x >= left && y >= top && mx >= 0 && my >= 0 && mx < size && my < size &&
                matrix.value().at(mx, my))
                v = 45;
            v += noise(random);
            const auto c = static_cast<unsigned char>(std::clamp(v, 0.0, 255.0));
            image.SetRGB(x, y, c, static_cast<unsigned char>(std::clamp(v + 4, 0.0, 255.0)), c);
        }
    }
    image = image.Blur(1);
    wxMemoryOutputStream out;
    image.SaveFile(out, wxBITMAP_TYPE_PNG);
    std::vector<unsigned char> bytes(out.GetSize());
    out.CopyTo(bytes.data(), bytes.size());
    return bytes;
}

std::string plain_zxing(const std::vector<unsigned char>& png) {
    int w = 0;
    int h = 0;
    int n = 0;
    unsigned char* grey =
        stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &n, 1);
    const ZXing::ImageView view(grey, w, h, ZXing::ImageFormat::Lum);
    const auto result = ZXing::ReadBarcode(view);
    stbi_image_free(grey);
    return result.isValid() ? result.text() : std::string();
}

void decode_benchmark(const std::string& token) {
    const auto photo = camera_photo(token);
    std::vector<double> desk_times;
    std::vector<double> plain_times;
    bool desk_ok = true;
    bool plain_ok = true;
    for (int i = 0; i < 30; ++i) {
        auto start = Clock::now();
        const auto text = qr::decode_qr_image_bytes(photo);
        desk_times.push_back(ms(Clock::now() - start));
        desk_ok = desk_ok && text && text.value() == token;
        start = Clock::now();
        const auto plain = plain_zxing(photo);
        plain_times.push_back(ms(Clock::now() - start));
        plain_ok = plain_ok && plain == token;
    }
    const double d = percentile(desk_times, 50);
    const double p = percentile(plain_times, 50);
    std::printf(
        "decode 1280x720 photo: desk %.1f ms (%s), plain ZXing %.1f ms (%s): desk/plain %.2f\n", d,
        desk_ok ? "read" : "NOT READ", p, plain_ok ? "read" : "NOT READ", d / p);
}

// Answers the desk's GET requests from prepared JSON (the server's shapes).
class ScriptedServer : public desk::DeskTransport {
  public:
    std::string services;
    std::string queue;
    std::string keys;
    // When set, GET /queue answers this file's bytes, read at each request (as libcurl's body
    // arrives), instead of `queue`: no copy of the day stays in the process between loads.
    std::filesystem::path queue_file;
    desk::TransportReply send(const std::string& method, const std::string& path,
                              const std::string&, const desk::Headers&) override {
        desk::TransportReply reply;
        reply.status = 200;
        if (method == "GET" && path.rfind("/api/v1/services", 0) == 0)
            reply.body = services;
        else if (method == "GET" && path.rfind("/api/v1/queue", 0) == 0)
            reply.body = queue_file.empty() ? queue : read_file(queue_file);
        else if (method == "GET" && path.rfind("/api/v1/keys", 0) == 0)
            reply.body = keys;
        else
            reply.status = 404, reply.body = R"({"error":"http.not_found"})";
        return reply;
    }

  private:
    static std::string read_file(const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
};

std::string day_of(int count, const std::string& day, const nlohmann::json& services) {
    nlohmann::json bookings = nlohmann::json::array();
    const char* states[] = {"booked", "arrived", "called", "in_service", "served", "refused"};
    for (int i = 0; i < count; ++i) {
        auto person = test::api_person(i);
        const auto& service = services[static_cast<std::size_t>(i) % services.size()];
        const int minute = 8 * 60 + (i % 600);
        char time[6];
        std::snprintf(time, sizeof time, "%02d:%02d", minute / 60, minute % 60);
        const std::string state = states[i % 6];
        bookings.push_back(
            {{"id", i + 1},
             {"code", "AB" + std::to_string(10 + i % 90) + "-" + "CDEF"},
             {"service", service["id"]},
             {"day", day},
             {"time", time},
             {"start", day + "T" + time + ":00Z"},
             {"channel", i % 3 ? "online" : "terminal"},
             {"state", state},
             {"ticket", state == "booked" ? nlohmann::json(nullptr)
                                          : nlohmann::json{{"display", std::to_string(1000 + i)},
                                                           {"number", 1000 + i},
                                                           {"sequence", "regular"},
                                                           {"category", nullptr}}},
             {"window", nullptr},
             {"result", nullptr},
             {"refusal", nullptr},
             {"registration", test::registration_json(person)},
             {"personal_data_erased", false},
             {"transfer", nullptr},
             {"recalls", 0},
             {"created_at", day + "T07:00:00Z"},
             {"updated_at", day + "T07:00:00Z"},
             {"arrived_at", nullptr},
             {"called_at", nullptr},
             {"started_at", nullptr},
             {"finished_at", nullptr}});
    }
    return nlohmann::json{{"day", day}, {"alert", false}, {"bookings", bookings}}.dump();
}

// The real server (the demo center), its answers that the scripted days reuse, and a clerk's
// session at window w1.
struct LiveServer {
    std::unique_ptr<test::ServerProcess> process;
    std::string url;
    std::string token;
    std::string services;
    std::string keys;
};

std::optional<LiveServer> start_live_server(const store::testing::TempDir& dir) {
    test::ServerLaunch launch;
    launch.executable = CHERHA_SERVER_EXE;
    launch.data_dir = dir.file("server");
    launch.extra_args = {"--demo"};
    if (!test::write_server_config(launch.data_dir, test::test_config_lines(false))) {
        std::fprintf(stderr, "cannot write the server's config\n");
        return std::nullopt;
    }
    std::string error;
    LiveServer live;
    live.process = test::ServerProcess::start(launch, error);
    if (!live.process) {
        std::fprintf(stderr, "cherha-server did not start: %s\n", error.c_str());
        return std::nullopt;
    }
    live.url = live.process->url();
    test::HttpClient client(live.url);
    live.token = test::log_in(client, "clerk1", "demo-clerk1-pass", "w1");
    live.services = client.get("/api/v1/services").body;
    live.keys = client.get("/api/v1/keys", test::bearer(live.token)).body;
    return live;
}

class BenchApp : public wxApp {
  public:
    explicit BenchApp(bool only_day_memory) : only_day_memory_(only_day_memory) {}

    bool OnInit() override {
        wxInitAllImageHandlers();
        return true;
    }
    int OnRun() override {
        wxEventLoop loop;
        wxEventLoopActivator active(&loop);
        desk::ui::use_language("uk");
        return only_day_memory_ ? day_memory() : run();
    }
    int FilterEvent(wxEvent& event) override { return desk::ui::filter_desk_event(event); }

  private:
    bool only_day_memory_ = false;

    int run() {
        store::testing::TempDir dir;
        auto live = start_live_server(dir);
        if (!live) return 1;
        auto& server = live->process;
        const std::string url = live->url;
        const std::string token = live->token;
        test::HttpClient client(url);
        const auto queue = test::json_of(client.get("/api/v1/queue", test::bearer(token)));
        std::vector<std::pair<std::string, std::int64_t>> tokens;
        for (const auto& b : queue["bookings"]) {
            const auto found = test::json_of(
                client.post("/api/v1/desk/find", nlohmann::json{{"scanned", b["code"]}}.dump(),
                            test::bearer(token)));
            if (found.contains("token"))
                tokens.emplace_back(found["token"], b["id"].get<std::int64_t>());
        }
        const auto& services = live->services;
        const auto& keys = live->keys;

        desk::StaffSession session{token, "clerk1", "clerk", desk::WindowRef{"w1", 1}};
        auto* frame =
            open_frame(url, dir.file("desk"), std::make_unique<desk::CurlTransport>(url), session);
        scan_benchmark("online, server on loopback", frame, tokens);
        (void)server->stop();
        frame->reload();
        pump_until([frame] { return !frame->online() && frame->loads() > 1; },
                   std::chrono::seconds(30));
        scan_benchmark("offline, local copy", frame, tokens);
        desk::ui::set_scan_frame(nullptr);
        frame->Destroy();
        wxYield();

        decode_benchmark(tokens.front().first);

        auto scripted = std::make_unique<ScriptedServer>();
        scripted->services = services;
        scripted->keys = keys;
        const auto services_json = nlohmann::json::parse(services);
        scripted->queue = day_of(5000, services_json["today"], services_json["services"]);
        const long before = resident_kib();
        auto* big =
            open_frame("http://127.0.0.1:1", dir.file("desk-5000"), std::move(scripted), session);
        std::vector<double> loads;
        for (int i = 0; i < 5; ++i) {
            const int done = big->loads();
            const auto start = Clock::now();
            big->reload();
            pump_until([big, done] { return big->loads() > done; }, std::chrono::seconds(60));
            big->Update();
            loads.push_back(ms(Clock::now() - start));
        }
        std::printf(
            "day of %zu bookings: load and show median %.0f ms (max %.0f), resident memory %ld MiB "
            "(%ld MiB before the window)\n",
            big->queue().bookings().size(), percentile(loads, 50),
            *std::max_element(loads.begin(), loads.end()), resident_kib() / 1024, before / 1024);
        desk::ui::set_scan_frame(nullptr);
        big->Destroy();
        wxYield();
        return 0;
    }

    // 4: the 5,000-booking day's memory in this process alone (see the top of the file).
    int day_memory() {
        store::testing::TempDir dir;
        auto live = start_live_server(dir);
        if (!live) return 1;
        const desk::StaffSession session{live->token, "clerk1", "clerk", desk::WindowRef{"w1", 1}};
        (void)live->process->stop();  // the desk talks to the scripted server only

        auto scripted = std::make_unique<ScriptedServer>();
        scripted->services = live->services;
        scripted->keys = live->keys;
        scripted->queue_file = dir.file("queue-5000.json");
        {
            const auto services_json = nlohmann::json::parse(live->services);
            std::ofstream(scripted->queue_file, std::ios::binary)
                << day_of(5000, services_json["today"], services_json["services"]);
        }
        const auto json_bytes = std::filesystem::file_size(scripted->queue_file);
        // The fixture (the day built as a JSON tree, then dumped) was the bench's work, not the
        // desk's: its freed memory goes back to the system and the peak starts again here.
        ::malloc_trim(0);
        std::ofstream("/proc/self/clear_refs") << "5";
        const Residency before_window = residency();

        auto link = desk::DeskLink::open(dir.file("desk-5000"), std::move(scripted));
        if (!link) {
            std::fprintf(stderr, "cannot open the desk's local copy\n");
            return 1;
        }
        desk::ui::DeskSettings settings;
        settings.server = "http://127.0.0.1:1";
        auto* frame = new desk::ui::MainFrame(settings, dir.file("desk-5000"),
                                              std::move(link.value()), session);
        desk::ui::set_scan_frame(frame);
        frame->Show();
        // The bare window: shown and painted, its events settled, no day asked for yet.
        const auto settle = [] {
            pump_until(
                [end = Clock::now() + std::chrono::seconds(1)] { return Clock::now() > end; },
                std::chrono::seconds(5));
        };
        frame->Update();
        settle();
        const Residency bare = residency();

        const auto start = Clock::now();
        frame->start();
        const bool shown =
            pump_until([frame] { return frame->loads() > 0; }, std::chrono::seconds(60));
        frame->Update();
        const double load_ms = ms(Clock::now() - start);
        settle();
        const Residency day = residency();
        const std::size_t rows = frame->queue().bookings().size();
        // Diagnostic, after the figures above: how much of the day's memory is free memory the
        // allocator still keeps (the desk trims once after each load, on its worker).
        ::malloc_trim(0);
        const Residency trimmed = residency();

        std::printf("day of %zu bookings in a process of its own (--only-day-memory)%s:\n", rows,
                    shown ? "" : ", NOT SHOWN within 60 s");
        print_residency("before the window", before_window);
        print_residency("bare window (no day)", bare);
        print_residency("day shown", day);
        std::printf(
            "  the day added %.1f MiB resident (peak %.1f MiB above the bare window); its JSON "
            "%.1f MiB, shown in %.0f ms\n",
            mib(day.rss - bare.rss), mib(day.peak - bare.rss),
            static_cast<double>(json_bytes) / (1024.0 * 1024.0), load_ms);
        print_residency("then malloc_trim(0)", trimmed);
        desk::ui::set_scan_frame(nullptr);
        frame->Destroy();
        wxYield();
        return shown && rows == 5000 ? 0 : 1;
    }
};

}  // namespace

int main(int argc, char** argv) {
    // --only-day-memory is the bench's own option: taken out before wx (and GTK) read the rest.
    bool only_day_memory = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::string(argv[i]) == "--only-day-memory")
            only_day_memory = true;
        else
            args.push_back(argv[i]);
    }
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    cherha::desk::ui::prepare_desk_process();  // as cherha-desk does, before GTK starts
    wxApp::SetInstance(new BenchApp(only_day_memory));
    return wxEntry(count, args.data());
}
