// The right side of the main window: the booking that is open (scanned, found or picked in the
// queue), its registration beside the document the visitor presents, the field-by-field
// result and the verdict, and the outcome buttons. The panel shows; the frame decides (its
// callbacks call the models).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>

#include <wx/panel.h>

#include "core/booking/booking_state.h"
#include "core/verification/verification.h"
#include "desk/model/desk_records.h"
#include "desk/model/document_entry.h"

class wxButton;
class wxChoice;
class wxStaticText;
class wxTextCtrl;
class wxCheckBox;

namespace cherha::desk::ui {

// The outcome buttons and their keys (shown on the buttons; the frame's accelerators).
struct OutcomeKey {
    int id;
    core::BookingAction action;  // Call means "call next" on the call button
    int key;                     // WXK_F2 ...
};

class BookingPanel : public wxPanel {
  public:
    struct Callbacks {
        std::function<void()> on_verify;  // the "Check" button (Ctrl+Enter)
        std::function<void(core::BookingAction)> on_action;
        std::function<void()> on_call_next;
    };
    BookingPanel(wxWindow* parent, Callbacks callbacks);

    // Shows `booking` (nullptr: none open). `full_data`: the registration may be shown in full
    // (the visitor is at this window). Clears the document fields and the verdict.
    void show_booking(const QueueBooking* booking, bool full_data, const std::string& service_name);
    // The booking's new state in the title, nothing else changed (an action's answer).
    void update_state(const QueueBooking& booking);
    // Whether a document may be checked now (the button is enabled).
    bool can_verify() const;
    // Enables the buttons (the frame computes them with desk/model/action_rules.h).
    void enable_actions(const std::set<core::BookingAction>& enabled, bool can_call_next);

    DocumentFields fields() const;
    void set_fields(const DocumentFields& fields);
    // A problem with what was typed (desk.document_field): shown under the fields, the field
    // gets the focus.
    void show_entry_problem(const core::Problem& problem);
    // The result of a verification; `note` says where it was decided ("recorded on the
    // server", "checked on this desk: the attempt is sent when the server is back").
    void show_verification(const core::Verification& verification, const wxString& note);
    bool last_verdict_mismatch() const { return last_mismatch_; }
    std::optional<core::Verdict> verdict() const { return verdict_; }

    // The button ids (the frame's accelerators send them).
    static const std::vector<OutcomeKey>& outcome_keys();
    wxButton* button(core::BookingAction action) const;
    wxButton* call_next_button() const { return call_next_; }
    wxStaticText* verdict_label() const { return verdict_label_; }
    wxTextCtrl* field(const std::string& name) const;
    // The result shown on the row of `field` ("" before a verification).
    wxString result_text(core::VerifiedField field) const;

  private:
    void on_outcome(int id);
    Callbacks callbacks_;
    wxStaticText* title_ = nullptr;
    wxStaticText* subtitle_ = nullptr;
    std::map<std::string, wxStaticText*> registered_;
    std::map<std::string, wxTextCtrl*> entries_;
    wxChoice* document_type_ = nullptr;
    wxCheckBox* latin_names_ = nullptr;
    wxStaticText* entry_problem_ = nullptr;
    wxButton* verify_button_ = nullptr;
    std::map<core::VerifiedField, wxStaticText*> results_;  // per row, right of the entry
    wxStaticText* reasons_ = nullptr;                       // why, for what did not plainly match
    wxStaticText* verdict_label_ = nullptr;
    wxStaticText* verdict_note_ = nullptr;
    wxButton* call_next_ = nullptr;
    std::map<core::BookingAction, wxButton*> buttons_;
    bool last_mismatch_ = false;
    std::optional<core::Verdict> verdict_;
};

// Names of the verified fields and document types, translated.
wxString verified_field_name(core::VerifiedField field);
wxString document_type_name(core::DocumentType type);

}  // namespace cherha::desk::ui
