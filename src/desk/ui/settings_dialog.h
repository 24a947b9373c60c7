// The settings dialog: server, window, language, the scanner's burst threshold.
#pragma once

#include <wx/dialog.h>

#include "desk/ui/desk_settings.h"

class wxTextCtrl;
class wxChoice;
class wxSpinCtrl;
class wxStaticText;

namespace cherha::desk::ui {

class SettingsDialog : public wxDialog {
  public:
    SettingsDialog(wxWindow* parent, const DeskSettings& settings);
    // What the clerk set (valid once the dialog ended with wxID_OK).
    DeskSettings settings() const { return settings_; }
    // Checks the fields; fills settings() and returns "" when they are right, else why not.
    wxString validate();

  private:
    DeskSettings settings_;
    wxTextCtrl* server_ = nullptr;
    wxTextCtrl* window_ = nullptr;
    wxChoice* language_ = nullptr;
    wxSpinCtrl* burst_ = nullptr;
    wxStaticText* error_ = nullptr;
};

// Whether `server` is an address the desk can use: http:// or https://, a host, an optional
// port, no path, no spaces. Returns "" when it is, else why not (translated).
wxString check_server_address(const wxString& server);

}  // namespace cherha::desk::ui
