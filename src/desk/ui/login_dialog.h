// The login dialog: server address (remembered), user, password, window. The login runs on
// a worker thread (it hashes the password for an offline restart, about 0.3 s); the dialog
// ends with wxID_OK once it succeeded, and hands over the open link and the session.
#pragma once

#include <filesystem>
#include <memory>

#include <wx/dialog.h>

#include "desk/model/desk_link.h"
#include "desk/model/worker.h"
#include "desk/ui/desk_settings.h"

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace cherha::desk::ui {

class LoginDialog : public wxDialog {
  public:
    LoginDialog(wxWindow* parent, DeskSettings settings, std::filesystem::path data_dir);
    ~LoginDialog() override;

    // Fills the password and logs in at once (the demo's auto-login).
    void submit_with(const wxString& password);
    void submit();

    const DeskSettings& settings() const { return settings_; }
    std::unique_ptr<DeskLink> take_link() { return std::move(link_); }
    const StaffSession& session() const { return session_; }
    bool offline() const { return offline_; }
    wxStaticText* error_label() const { return error_; }

  private:
    DeskSettings settings_;
    std::filesystem::path data_dir_;
    std::unique_ptr<DeskLink> link_;
    StaffSession session_;
    bool offline_ = false;
    bool busy_ = false;  // a login is running on the worker
    wxTextCtrl* server_ = nullptr;
    wxTextCtrl* login_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxTextCtrl* window_ = nullptr;
    wxStaticText* error_ = nullptr;
    wxButton* ok_ = nullptr;
    std::unique_ptr<Worker> worker_;  // last: joined first
};

}  // namespace cherha::desk::ui
