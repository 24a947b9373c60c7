#include "desk_ui/desk_ui_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <thread>

#include <wx/app.h>
#include <wx/image.h>
#include <wx/utils.h>

#include "core/common/civil.h"
#include "desk/model/curl_transport.h"
#include "desk/ui/desk_language.h"
#include "desk/ui/key_filter.h"
#include "support/http_client.h"

// Xlib last: its macros (None, Status, ...) clash with other headers.
#include <X11/Xlib.h>
#include <X11/Xutil.h>

namespace cherha::desk::ui::testing {

bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        wxTheApp->ProcessPendingEvents();
        wxYield();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

void pump_for(std::chrono::milliseconds duration) {
    pump_until([] { return false; }, duration);
}

bool save_screenshot(wxWindow* window, const std::string& path) {
    pump_for(std::chrono::milliseconds(400));  // let it paint
    window->Update();
    wxTheApp->ProcessPendingEvents();
    const wxRect rect = window->GetScreenRect();
    // What the X server shows there now (wxScreenDC keeps an old copy under GTK 3).
    Display* display = XOpenDisplay(nullptr);
    if (!display) return false;
    XImage* shot = XGetImage(display, DefaultRootWindow(display), rect.x, rect.y,
                             static_cast<unsigned>(rect.width), static_cast<unsigned>(rect.height),
                             AllPlanes, ZPixmap);
    if (!shot) {
        XCloseDisplay(display);
        return false;
    }
    const auto channel = [](unsigned long pixel, unsigned long mask) {
        if (mask == 0) return static_cast<unsigned char>(0);
        const auto value = (pixel & mask) >> __builtin_ctzl(mask);
        const auto top = mask >> __builtin_ctzl(mask);
        return static_cast<unsigned char>(value * 255 / top);
    };
    wxImage image(rect.width, rect.height);
    for (int y = 0; y < rect.height; ++y) {
        for (int x = 0; x < rect.width; ++x) {
            const unsigned long pixel = XGetPixel(shot, x, y);
            image.SetRGB(x, y, channel(pixel, shot->red_mask), channel(pixel, shot->green_mask),
                         channel(pixel, shot->blue_mask));
        }
    }
    XDestroyImage(shot);
    XCloseDisplay(display);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    return image.SaveFile(wxString::FromUTF8(path), wxBITMAP_TYPE_PNG);
}

std::string screenshot_dir() {
    if (const char* dir = std::getenv("CHERHA_SCREENSHOT_DIR"); dir && *dir) return dir;
    return std::string(CHERHA_BINARY_DIR) + "/desk-screenshots";
}

void DeskUiTest::SetUp() {
    start_server();
}

void DeskUiTest::TearDown() {
    close_desk();
    if (server_.running()) (void)server_.process().stop();
}

void DeskUiTest::start_server() {
    std::vector<std::string> args = {"--demo"};
    if (port_ != 0) {
        args.push_back("--port");
        args.push_back(std::to_string(port_));
    }
    ASSERT_TRUE(server_.start(args));
    url_ = server_.url();
    port_ = server_.process().port();
}

void DeskUiTest::stop_server() {
    (void)server_.process().stop();
}

MainFrame* DeskUiTest::open_desk(const std::string& login, const std::string& password,
                                 const std::string& window, const std::string& language) {
    use_language(language);
    DeskSettings settings;
    settings.server = url_;
    settings.login = login;
    settings.window = window;
    settings.language = language;
    const auto data_dir = std::filesystem::path(dir_.file("desk-" + login));
    auto link = DeskLink::open(data_dir, std::make_unique<CurlTransport>(url_));
    EXPECT_TRUE(link) << (link ? "" : link.problem().code);
    if (!link) return nullptr;
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto session = link.value()->login(login, password, window, now);
    EXPECT_TRUE(session) << (session ? "" : session.problem().code);
    if (!session) return nullptr;
    frame_ = new MainFrame(settings, data_dir, std::move(link.value()), session.value());
    set_scan_frame(frame_);
    frame_->SetPosition(wxPoint(0, 0));
    frame_->Show();
    frame_->Raise();
    frame_->start();
    EXPECT_TRUE(pump_until([this] { return frame_->loads() > 0; }));
    pump_for(std::chrono::milliseconds(200));
    return frame_;
}

void DeskUiTest::close_desk() {
    if (!frame_) return;
    set_scan_frame(nullptr);
    frame_->Destroy();
    frame_ = nullptr;
    pump_for(std::chrono::milliseconds(100));
}

std::string DeskUiTest::staff_token(const std::string& login, const std::string& password,
                                    const std::string& window) {
    test::HttpClient client(url_);
    return test::log_in(client, login, password, window);
}

nlohmann::json DeskUiTest::get_json(const std::string& path, const std::string& token) {
    test::HttpClient client(url_);
    return test::json_of(client.get(path, test::bearer(token)));
}

nlohmann::json DeskUiTest::desk_day_queue(const std::string& token, const std::string& filter) {
    std::string path = "/api/v1/queue?day=";
    path += frame_ ? core::format_iso_date(frame_->queue().day()) : std::string("invalid");
    if (!filter.empty()) path += "&" + filter;
    return get_json(path, token);
}

nlohmann::json DeskUiTest::post_json(const std::string& path, const std::string& body,
                                     const std::string& token, long* status) {
    test::HttpClient client(url_);
    const auto reply = client.post(path, body, test::bearer(token));
    if (status) *status = reply.status;
    return test::json_of(reply);
}

std::string DeskUiTest::token_of(const std::string& code, const std::string& token) {
    const auto found =
        post_json("/api/v1/desk/find", nlohmann::json{{"scanned", code}}.dump(), token);
    return found.value("token", "");
}

}  // namespace cherha::desk::ui::testing
