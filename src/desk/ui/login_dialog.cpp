#include "desk/ui/login_dialog.h"

#include <chrono>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "desk/model/curl_transport.h"
#include "desk/ui/problem_wording.h"
#include "desk/ui/settings_dialog.h"

namespace cherha::desk::ui {

LoginDialog::LoginDialog(wxWindow* parent, DeskSettings settings, std::filesystem::path data_dir)
    : wxDialog(parent, wxID_ANY, _("Cherha: log in")),
      settings_(std::move(settings)),
      data_dir_(std::move(data_dir)),
      worker_(std::make_unique<Worker>()) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    grid->AddGrowableCol(1, 1);
    const auto row = [&](const wxString& label, const std::string& value, long style) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* entry = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(value), wxDefaultPosition,
                                     FromDIP(wxSize(300, -1)), style);
        entry->SetMaxLength(200);
        grid->Add(entry, 1, wxEXPAND);
        return entry;
    };
    server_ = row(_("Server"), settings_.server, 0);
    login_ = row(_("User"), settings_.login, 0);
    password_ = row(_("Password"), "", wxTE_PASSWORD | wxTE_PROCESS_ENTER);
    window_ = row(_("Window"), settings_.window, 0);
    server_->SetName("server");
    login_->SetName("login");
    password_->SetName("password");
    window_->SetName("window");
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));
    error_ =
        new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(420, -1)));
    error_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    sizer->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    ok_ = wxDynamicCast(FindWindow(wxID_OK), wxButton);
    if (ok_) ok_->SetLabel(_("Log in"));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
        if (event.GetId() == wxID_OK) return submit();
        event.Skip();
    });
    password_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { submit(); });
    (settings_.login.empty() ? login_ : password_)->SetFocus();
}

LoginDialog::~LoginDialog() {
    worker_.reset();
}

void LoginDialog::submit_with(const wxString& password) {
    password_->ChangeValue(password);
    submit();
}

void LoginDialog::submit() {
    if (busy_) return;  // a second Enter while the first login runs
    const auto why = check_server_address(server_->GetValue());
    if (!why.empty()) {
        error_->SetLabel(why);
        return;
    }
    const auto login = wxString(login_->GetValue()).Trim().Trim(false).utf8_string();
    const auto password = password_->GetValue().utf8_string();
    const auto window = wxString(window_->GetValue()).Trim().Trim(false).utf8_string();
    if (login.empty() || password.empty()) {
        error_->SetLabel(_("Enter your user name and password."));
        return;
    }
    auto server = wxString(server_->GetValue()).Trim().Trim(false).utf8_string();
    while (!server.empty() && server.back() == '/') server.pop_back();
    error_->SetLabel(_("Logging in..."));
    if (ok_) ok_->Disable();
    busy_ = true;
    const auto data_dir = data_dir_;
    const auto settings_file = data_dir_ / kSettingsFile;
    const auto pin = DeskSettings::pinned_fingerprint(settings_file, server);
    worker_->post([this, server, login, password, window, data_dir, pin, settings_file] {
        CurlOptions options;
        options.pinned_fingerprint = pin;
        auto owned = std::make_unique<CurlTransport>(server, options);
        CurlTransport* transport = owned.get();
        auto link = DeskLink::open(data_dir, std::move(owned));
        if (!link) {
            CallAfter([this, problem = link.problem()] {
                busy_ = false;
                error_->SetLabel(problem_text(problem));
                if (ok_) ok_->Enable();
            });
            return;
        }
        const auto now =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        auto session = link.value()->login(login, password, window, now);
        const bool offline = link.value()->logged_in_offline();
        // The certificate is pinned on first use; a changed one stops the login with a warning.
        const bool changed = transport->certificate_changed();
        const std::string seen = transport->seen_fingerprint();
        if (session && pin.empty() && !seen.empty()) {
            (void)DeskSettings::pin_fingerprint(settings_file, server, seen);
            transport->pin_certificate(seen);
        }
        if (changed)
            session =
                core::Problem("desk.certificate_changed", {{"expected", pin}, {"seen", seen}});
        // The link moves to the UI thread with the answer (the worker is done with it).
        auto shared = std::make_shared<std::unique_ptr<DeskLink>>(std::move(link.value()));
        CallAfter([this, session, offline, shared, server, login, window] {
            busy_ = false;
            if (ok_) ok_->Enable();
            if (!session) {
                error_->SetLabel(problem_text(session.problem()));
                password_->SetFocus();
                password_->SelectAll();
                return;
            }
            link_ = std::move(*shared);
            session_ = session.value();
            offline_ = offline;
            settings_.server = server;
            settings_.login = login;
            settings_.window = window;
            (void)settings_.save(data_dir_ / kSettingsFile);
            if (IsModal()) {
                EndModal(wxID_OK);
            } else {  // shown modeless (the GUI tests)
                SetReturnCode(wxID_OK);
                Hide();
            }
        });
    });
}

}  // namespace cherha::desk::ui
