// What the GUI tests share: a real cherha-server with the demo center on loopback, the real
// desk windows (MainFrame, LoginDialog) in this process, waiting for the desk's background
// work, typing like a person or a scanner (wxUIActionSimulator, XTest under Xvfb), and
// screenshots of the screen (PNG).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <wx/modalhook.h>
#include <nlohmann/json.hpp>

#include "desk/model/desk_link.h"
#include "desk/ui/desk_settings.h"
#include "desk/ui/main_frame.h"
#include "server/server_fixture.h"
#include "store/temp_dir.h"

class wxWindow;

namespace cherha::desk::ui::testing {

// Runs the event loop until `done` holds or `timeout` passes; returns whether it held.
bool pump_until(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));
// Runs the event loop for `duration`.
void pump_for(std::chrono::milliseconds duration);
// Saves what is on the screen inside `window` as a PNG (the window shown and painted).
bool save_screenshot(wxWindow* window, const std::string& path);
// Where the screenshots go: $CHERHA_SCREENSHOT_DIR, else <build>/desk-screenshots.
std::string screenshot_dir();

// Answers every modal dialog (message boxes included) with wxID_OK without showing it: the
// dialog's pre-selected answer is what gets recorded.
class AnswerDialogs : public wxModalDialogHook {
  public:
    AnswerDialogs() { Register(); }
    ~AnswerDialogs() override { Unregister(); }
    int shown = 0;

  protected:
    int Enter(wxDialog*) override {
        ++shown;
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}
};

class DeskUiTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;

    // Starts the server with the demo center (again on the same port after stop_server()).
    void start_server();
    void stop_server();
    // Logs in through DeskLink (the login dialog has its own test), opens the main window
    // and waits for the day to load.
    MainFrame* open_desk(const std::string& login, const std::string& password,
                         const std::string& window, const std::string& language = "uk");
    void close_desk();

    // The API as the test sees it (a second client, not the desk's).
    std::string staff_token(const std::string& login, const std::string& password,
                            const std::string& window);
    nlohmann::json get_json(const std::string& path, const std::string& token);
    nlohmann::json post_json(const std::string& path, const std::string& body,
                             const std::string& token, long* status = nullptr);
    // The server's queue of the day the desk shows (not "today": a test running across the
    // center's midnight compares the same day), with `filter` ("state=refused") added.
    nlohmann::json desk_day_queue(const std::string& token, const std::string& filter = "");
    // The booking token of booking `code` (POST /desk/find by code).
    std::string token_of(const std::string& code, const std::string& token);

    test::ServerUnderTest server_;
    store::testing::TempDir dir_;
    std::string url_;
    int port_ = 0;
    MainFrame* frame_ = nullptr;
};

}  // namespace cherha::desk::ui::testing
