// Screenshots (PNG) of what the clerk and the supervisor see, in Ukrainian and English: the
// main window with the queue, the verify panel with a mismatch, the offline state and the
// supervisor's day. They are written to screenshot_dir() to be looked at (docs/desk.md shows
// them); the test checks each was written and is not blank.
#include <gtest/gtest.h>

#include <filesystem>

#include <wx/image.h>
#include <wx/notebook.h>
#include <wx/uiaction.h>

#include "desk/ui/booking_panel.h"
#include "desk_ui/desk_ui_fixture.h"

namespace cherha::desk::ui::testing {
namespace {

using namespace std::chrono_literals;

// The picture was written and holds more than one colour (a window, not an empty screen).
void expect_picture(const std::string& path) {
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    wxImage image(wxString::FromUTF8(path), wxBITMAP_TYPE_PNG);
    ASSERT_TRUE(image.IsOk()) << path;
    EXPECT_GT(image.GetWidth(), 800) << path;
    const unsigned char* data = image.GetData();
    bool varied = false;
    const auto size = static_cast<std::size_t>(image.GetWidth()) * image.GetHeight() * 3;
    for (std::size_t i = 3; i < size && !varied; i += 3)
        varied = data[i] != data[0] || data[i + 1] != data[1] || data[i + 2] != data[2];
    EXPECT_TRUE(varied) << path << " is one colour";
}

class Screenshots : public DeskUiTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(Screenshots, ClerkSupervisorAndOffline) {
    const std::string language = GetParam();
    const std::string dir = screenshot_dir();
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1", language), nullptr);
    const auto token = staff_token("clerk1", test::kClerk1Password, "w1");

    wxUIActionSimulator sim;
    sim.Char(WXK_F2);
    ASSERT_TRUE(pump_until([this] {
        const auto* b = frame_->queue().find(frame_->open_booking());
        return b && b->state == core::BookingState::Called;
    }));
    const auto* called = frame_->queue().find(frame_->open_booking());
    frame_->on_scan(token_of(called->code, token));
    const std::string main_path = dir + "/desk-main-" + language + ".png";
    ASSERT_TRUE(save_screenshot(frame_, main_path));
    expect_picture(main_path);

    // A document with another surname and a typo in the number.
    const auto& r = *called->registration;
    DocumentFields fields;
    fields.document_number = r.document_number.substr(0, r.document_number.size() - 1) + "0";
    fields.surname = "Іваненко";
    fields.given_name = r.given_name;
    fields.patronymic = r.patronymic.value_or("");
    fields.birth_date =
        wxString::Format("%02u.%02u.%04d", static_cast<unsigned>(r.birth_date.day()),
                         static_cast<unsigned>(r.birth_date.month()),
                         static_cast<int>(r.birth_date.year()))
            .utf8_string();
    fields.rnokpp = r.rnokpp.value_or("");
    frame_->booking_panel()->set_fields(fields);
    sim.Char(WXK_RETURN, wxMOD_CONTROL);
    ASSERT_TRUE(pump_until([this] { return frame_->booking_panel()->verdict().has_value(); }));
    pump_until([this] { return frame_->pending_jobs() == 0; });
    const std::string mismatch_path = dir + "/desk-mismatch-" + language + ".png";
    ASSERT_TRUE(save_screenshot(frame_, mismatch_path));
    expect_picture(mismatch_path);

    stop_server();
    frame_->reload();
    ASSERT_TRUE(pump_until([this] { return frame_->offline_banner()->IsShown(); }));
    const std::string offline_path = dir + "/desk-offline-" + language + ".png";
    ASSERT_TRUE(save_screenshot(frame_, offline_path));
    expect_picture(offline_path);
    close_desk();
    start_server();

    ASSERT_NE(open_desk("supervisor", test::kSupervisorPassword, "", language), nullptr);
    ASSERT_GE(frame_->pages()->GetPageCount(), 2u);
    frame_->pages()->SetSelection(1);
    const std::string supervisor_path = dir + "/desk-supervisor-" + language + ".png";
    ASSERT_TRUE(save_screenshot(frame_, supervisor_path));
    expect_picture(supervisor_path);
}

INSTANTIATE_TEST_SUITE_P(Languages, Screenshots, ::testing::Values("uk", "en"));

}  // namespace
}  // namespace cherha::desk::ui::testing
