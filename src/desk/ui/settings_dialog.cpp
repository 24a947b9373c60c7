#include "desk/ui/settings_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uri.h>

namespace cherha::desk::ui {

wxString check_server_address(const wxString& server) {
    const wxString trimmed = wxString(server).Trim().Trim(false);
    if (trimmed.empty()) return _("Enter the server's address.");
    if (trimmed.length() > 200) return _("The server's address is too long.");
    if (!trimmed.StartsWith("http://") && !trimmed.StartsWith("https://"))
        return _("The server's address starts with http:// or https://.");
    for (const auto c : trimmed)
        if (c <= ' ' || c == 0x7F || c == '"' || c == '\\' || c == '#' || c == '?')
            return _("The server's address may not hold spaces or special characters.");
    const wxString rest = trimmed.AfterFirst('/').AfterFirst('/');
    if (rest.empty() || rest.StartsWith(":") || rest.StartsWith("/"))
        return _("The server's address needs a host name.");
    if (rest.Find('/') != wxNOT_FOUND && !rest.AfterFirst('/').empty())
        return _("The server's address has no path: only the host and port.");
    return wxString();
}

SettingsDialog::SettingsDialog(wxWindow* parent, const DeskSettings& settings)
    : wxDialog(parent, wxID_ANY, _("Settings")), settings_(settings) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    grid->AddGrowableCol(1, 1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Server")), 0, wxALIGN_CENTER_VERTICAL);
    server_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(settings.server), wxDefaultPosition,
                             FromDIP(wxSize(320, -1)));
    server_->SetMaxLength(200);
    grid->Add(server_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Window")), 0, wxALIGN_CENTER_VERTICAL);
    window_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(settings.window));
    window_->SetMaxLength(40);
    grid->Add(window_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Language")), 0, wxALIGN_CENTER_VERTICAL);
    language_ = new wxChoice(this, wxID_ANY);
    language_->Append(wxString::FromUTF8("Українська"));
    language_->Append("English");
    language_->SetSelection(settings.language == "en" ? 1 : 0);
    grid->Add(language_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Scanner burst threshold, ms")), 0,
              wxALIGN_CENTER_VERTICAL);
    burst_ = new wxSpinCtrl(this, wxID_ANY);
    burst_->SetRange(kMinBurstGapMs, kMaxBurstGapMs);
    burst_->SetValue(settings.burst_gap_ms);
    grid->Add(burst_, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(10));
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("The scanner types a character every few milliseconds; a "
                                  "person types far slower. Raise the threshold if scans are "
                                  "typed into the fields instead of opening the booking.")),
               0, wxLEFT | wxRIGHT, FromDIP(10));
    error_ = new wxStaticText(this, wxID_ANY, wxString());
    error_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    sizer->Add(error_, 0, wxALL, FromDIP(10));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(sizer);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
        if (event.GetId() == wxID_OK) {
            const auto why = validate();
            if (!why.empty()) {
                error_->SetLabel(why);
                Layout();
                Fit();
                return;
            }
        }
        event.Skip();
    });
}

wxString SettingsDialog::validate() {
    const auto why = check_server_address(server_->GetValue());
    if (!why.empty()) return why;
    const wxString window = wxString(window_->GetValue()).Trim().Trim(false);
    for (const auto c : window)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return _("A window id is letters, digits, '-' and '_', like w1.");
    settings_.server = wxString(server_->GetValue()).Trim().Trim(false).utf8_string();
    while (!settings_.server.empty() && settings_.server.back() == '/') settings_.server.pop_back();
    settings_.window = window.utf8_string();
    settings_.language = language_->GetSelection() == 1 ? "en" : "uk";
    settings_.burst_gap_ms = burst_->GetValue();
    return wxString();
}

}  // namespace cherha::desk::ui
