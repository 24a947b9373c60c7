// cherha-desk: the front-desk client. Logs in (or continues offline with the session kept
// from the last login), then opens the main window.
//
//   cherha-desk [--server URL] [--login USER] [--window ID] [--lang uk|en] [--data-dir DIR]
//
// The password is typed in the login dialog; the demo (scripts/demo.sh) passes it in
// $CHERHA_DESK_PASSWORD so the desk opens logged in as the demo clerk.
#include <cstdlib>
#include <filesystem>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/image.h>

#include "desk/ui/desk_language.h"
#include "desk/ui/desk_process.h"
#include "desk/ui/desk_settings.h"
#include "desk/ui/key_filter.h"
#include "desk/ui/login_dialog.h"
#include "desk/ui/main_frame.h"

namespace cherha::desk::ui {
namespace {

std::filesystem::path default_data_dir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "cherha-desk";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "cherha-desk";
    return std::filesystem::current_path() / "cherha-desk-data";
}

class DeskApp : public wxApp {
  public:
    // Constructed by wxEntry before GTK starts.
    DeskApp() { prepare_desk_process(); }

    bool OnInit() override {
        if (!wxApp::OnInit()) return false;
        wxInitAllImageHandlers();
        std::error_code error;
        std::filesystem::create_directories(data_dir_, error);
        auto settings = DeskSettings::load(data_dir_ / kSettingsFile);
        if (!server_.empty()) settings.server = server_.utf8_string();
        if (!login_.empty()) settings.login = login_.utf8_string();
        if (!window_.empty()) settings.window = window_.utf8_string();
        if (!language_.empty()) settings.language = language_ == "en" ? "en" : "uk";
        use_language(settings.language);

        LoginDialog login(nullptr, settings, data_dir_);
        if (const char* password = std::getenv("CHERHA_DESK_PASSWORD"); password && *password)
            login.CallAfter([&login, p = wxString::FromUTF8(password)] { login.submit_with(p); });
        if (login.ShowModal() != wxID_OK) return false;
        auto* frame =
            new MainFrame(login.settings(), data_dir_, login.take_link(), login.session());
        set_scan_frame(frame);
        frame->Bind(wxEVT_CLOSE_WINDOW, [frame](wxCloseEvent& event) {
            set_scan_frame(nullptr);
            event.Skip();
        });
        frame->Show();
        frame->start();
        return true;
    }

    int FilterEvent(wxEvent& event) override { return filter_desk_event(event); }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddOption("", "server", "server address, e.g. http://127.0.0.1:8470");
        parser.AddOption("", "login", "user name");
        parser.AddOption("", "window", "window id, e.g. w1");
        parser.AddOption("", "lang", "uk or en");
        parser.AddOption("", "data-dir", "where the desk keeps its settings, outbox and cache");
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        parser.Found("server", &server_);
        parser.Found("login", &login_);
        parser.Found("window", &window_);
        parser.Found("lang", &language_);
        wxString dir;
        data_dir_ = parser.Found("data-dir", &dir) ? std::filesystem::path(dir.utf8_string())
                                                   : default_data_dir();
        return wxApp::OnCmdLineParsed(parser);
    }

  private:
    wxString server_;
    wxString login_;
    wxString window_;
    wxString language_;
    std::filesystem::path data_dir_;
};

}  // namespace
}  // namespace cherha::desk::ui

wxIMPLEMENT_APP(cherha::desk::ui::DeskApp);
