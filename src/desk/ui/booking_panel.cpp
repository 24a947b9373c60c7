#include "desk/ui/booking_panel.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/identity/document_number.h"
#include "desk/ui/problem_wording.h"
#include "desk/ui/queue_table.h"
#include "text/i18n.h"

namespace cherha::desk::ui {
namespace {

using core::BookingAction;

constexpr int kCallNextId = wxID_HIGHEST + 100;

const std::vector<core::DocumentType> kDocumentTypes = {
    core::DocumentType::IdCard, core::DocumentType::PassportBook,
    core::DocumentType::ForeignPassport, core::DocumentType::DrivingLicence,
    core::DocumentType::ResidencePermit};

// The entry fields in the order the clerk tabs through them (document type is a choice).
struct EntryField {
    const char* name;
    const char* label;  // N_() marked, translated when shown
    core::VerifiedField field;
};
const EntryField kEntryFields[] = {
    {"document_number", N_("Document number"), core::VerifiedField::DocumentNumber},
    {"surname", N_("Surname"), core::VerifiedField::Surname},
    {"given_name", N_("Given name"), core::VerifiedField::GivenName},
    {"patronymic", N_("Patronymic"), core::VerifiedField::Patronymic},
    {"birth_date", N_("Date of birth"), core::VerifiedField::BirthDate},
    {"expiry_date", N_("Valid until"), core::VerifiedField::Expiry},
    {"rnokpp", N_("RNOKPP"), core::VerifiedField::Rnokpp},
};

wxColour mismatch_colour() {
    return wxColour(0xB7, 0x1C, 0x1C);
}
wxColour normalised_colour() {
    return wxColour(0x8D, 0x5A, 0x00);
}
wxColour match_colour() {
    return wxColour(0x1B, 0x5E, 0x20);
}

wxString key_name(int key) {
    return wxString::Format("F%d", key - WXK_F1 + 1);
}

std::string typed_date(core::Date d) {
    return wxString::Format("%02u.%02u.%04d", static_cast<unsigned>(d.day()),
                            static_cast<unsigned>(d.month()), static_cast<int>(d.year()))
        .utf8_string();
}

}  // namespace

wxString verified_field_name(core::VerifiedField field) {
    using F = core::VerifiedField;
    switch (field) {
        case F::DocumentType:
            return _("Document type");
        case F::DocumentNumber:
            return _("Document number");
        case F::Surname:
            return _("Surname");
        case F::GivenName:
            return _("Given name");
        case F::Patronymic:
            return _("Patronymic");
        case F::BirthDate:
            return _("Date of birth");
        case F::Rnokpp:
            return _("RNOKPP");
        case F::Expiry:
            return _("Valid until");
    }
    return {};
}

wxString document_type_name(core::DocumentType type) {
    using D = core::DocumentType;
    switch (type) {
        case D::IdCard:
            return _("ID card");
        case D::PassportBook:
            return _("Passport (booklet)");
        case D::ForeignPassport:
            return _("Passport for travel abroad");
        case D::DrivingLicence:
            return _("Driving licence");
        case D::ResidencePermit:
            return _("Residence permit");
    }
    return {};
}

const std::vector<OutcomeKey>& BookingPanel::outcome_keys() {
    static const std::vector<OutcomeKey> keys = {
        {kCallNextId, BookingAction::Call, WXK_F2},
        {kCallNextId + 1, BookingAction::Recall, WXK_F3},
        {kCallNextId + 2, BookingAction::Start, WXK_F4},
        {kCallNextId + 3, BookingAction::Serve, WXK_F5},
        {kCallNextId + 4, BookingAction::Refuse, WXK_F6},
        {kCallNextId + 5, BookingAction::MarkNoShow, WXK_F7},
        {kCallNextId + 6, BookingAction::Arrive, WXK_F8},
        {kCallNextId + 7, BookingAction::Transfer, WXK_F9},
    };
    return keys;
}

BookingPanel::BookingPanel(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent, wxID_ANY), callbacks_(std::move(callbacks)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    title_ = new wxStaticText(this, wxID_ANY, _("No booking open"));
    title_->SetFont(title_->GetFont().Scaled(1.6f).Bold());
    subtitle_ = new wxStaticText(this, wxID_ANY,
                                 _("Scan the visitor's QR code, type the booking code, or pick "
                                   "a row in the queue."));
    sizer->Add(title_, 0, wxALL, FromDIP(6));
    sizer->Add(subtitle_, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));

    // Registered (left) beside presented (right), one row per field, its result on the right.
    auto* grid = new wxFlexGridSizer(4, FromDIP(3), FromDIP(8));
    grid->AddGrowableCol(1, 1);
    grid->AddGrowableCol(2, 1);
    grid->Add(new wxStaticText(this, wxID_ANY, wxString()));
    auto* registered_title = new wxStaticText(this, wxID_ANY, _("Registered"));
    registered_title->SetFont(registered_title->GetFont().Bold());
    auto* presented_title = new wxStaticText(this, wxID_ANY, _("Presented document"));
    presented_title->SetFont(presented_title->GetFont().Bold());
    auto* result_title = new wxStaticText(this, wxID_ANY, _("Result"));
    result_title->SetFont(result_title->GetFont().Bold());
    grid->Add(registered_title);
    grid->Add(presented_title);
    grid->Add(result_title);

    const auto add_result = [&](core::VerifiedField field) {
        auto* result = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition,
                                        FromDIP(wxSize(150, -1)));
        result->SetFont(result->GetFont().Bold());
        results_[field] = result;
        grid->Add(result, 0, wxALIGN_CENTER_VERTICAL);
    };
    grid->Add(new wxStaticText(this, wxID_ANY, _("Document type")), 0, wxALIGN_CENTER_VERTICAL);
    registered_["document_type"] = new wxStaticText(this, wxID_ANY, wxString());
    grid->Add(registered_["document_type"], 0, wxALIGN_CENTER_VERTICAL);
    document_type_ = new wxChoice(this, wxID_ANY);
    for (const auto type : kDocumentTypes) document_type_->Append(document_type_name(type));
    document_type_->SetSelection(0);
    grid->Add(document_type_, 1, wxEXPAND);
    add_result(core::VerifiedField::DocumentType);

    for (const auto& field : kEntryFields) {
        grid->Add(new wxStaticText(this, wxID_ANY, wxGetTranslation(field.label)), 0,
                  wxALIGN_CENTER_VERTICAL);
        registered_[field.name] = new wxStaticText(this, wxID_ANY, wxString());
        grid->Add(registered_[field.name], 0, wxALIGN_CENTER_VERTICAL);
        auto* entry = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxTE_PROCESS_ENTER);
        entry->SetName(field.name);
        entry->SetMaxLength(200);
        // Enter in the last field checks the document; elsewhere it moves on.
        entry->Bind(wxEVT_TEXT_ENTER, [this, entry](wxCommandEvent&) {
            if (entry == entries_["rnokpp"]) {
                if (callbacks_.on_verify) callbacks_.on_verify();
            } else {
                entry->Navigate();
            }
        });
        entries_[field.name] = entry;
        grid->Add(entry, 1, wxEXPAND);
        add_result(field.field);
    }
    entries_["birth_date"]->SetHint(_("DD.MM.YYYY"));
    entries_["expiry_date"]->SetHint(_("DD.MM.YYYY"));
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));

    auto* verify_row = new wxBoxSizer(wxHORIZONTAL);
    latin_names_ = new wxCheckBox(this, wxID_ANY, _("Names in Latin letters (passport)"));
    verify_button_ = new wxButton(this, wxID_ANY, _("Check document (Ctrl+Enter)"));
    verify_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (callbacks_.on_verify) callbacks_.on_verify();
    });
    verify_row->Add(verify_button_, 0, wxRIGHT, FromDIP(12));
    verify_row->Add(latin_names_, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(verify_row, 0, wxALL, FromDIP(6));

    entry_problem_ = new wxStaticText(this, wxID_ANY, wxString());
    entry_problem_->SetForegroundColour(mismatch_colour());
    sizer->Add(entry_problem_, 0, wxLEFT | wxRIGHT, FromDIP(6));

    verdict_label_ = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                      wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE);
    verdict_label_->SetFont(verdict_label_->GetFont().Scaled(1.6f).Bold());
    verdict_label_->SetName("verdict");
    sizer->Add(verdict_label_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    reasons_ = new wxStaticText(this, wxID_ANY, wxString());
    sizer->Add(reasons_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    verdict_note_ = new wxStaticText(this, wxID_ANY, wxString());
    verdict_note_->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
    sizer->Add(verdict_note_, 0, wxLEFT | wxRIGHT, FromDIP(6));

    // The outcome buttons, each with its key on it.
    auto* buttons = new wxGridSizer(2, 4, FromDIP(4), FromDIP(4));
    for (const auto& key : outcome_keys()) {
        wxString label;
        switch (key.action) {
            case BookingAction::Call:
                label = _("Call next");
                break;
            case BookingAction::Recall:
                label = _("Recall");
                break;
            case BookingAction::Start:
                label = _("Start");
                break;
            case BookingAction::Serve:
                label = _("Served");
                break;
            case BookingAction::Refuse:
                label = _("Refuse");
                break;
            case BookingAction::MarkNoShow:
                label = _("No-show");
                break;
            case BookingAction::Arrive:
                label = _("Arrived");
                break;
            case BookingAction::Transfer:
                label = _("Transfer");
                break;
            default:
                break;
        }
        auto* button = new wxButton(this, key.id, label + " (" + key_name(key.key) + ")");
        button->SetMinSize(FromDIP(wxSize(130, 36)));
        button->Bind(wxEVT_BUTTON, [this, id = key.id](wxCommandEvent&) { on_outcome(id); });
        if (key.id == kCallNextId)
            call_next_ = button;
        else
            buttons_[key.action] = button;
        buttons->Add(button, 0, wxEXPAND);
    }
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(6));
    SetSizer(sizer);
    show_booking(nullptr, false, "");
}

wxButton* BookingPanel::button(core::BookingAction action) const {
    const auto it = buttons_.find(action);
    return it == buttons_.end() ? nullptr : it->second;
}

wxTextCtrl* BookingPanel::field(const std::string& name) const {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : it->second;
}

void BookingPanel::on_outcome(int id) {
    for (const auto& key : outcome_keys()) {
        if (key.id != id) continue;
        if (id == kCallNextId) {
            if (call_next_->IsEnabled() && callbacks_.on_call_next) callbacks_.on_call_next();
        } else if (auto* b = button(key.action); b && b->IsEnabled() && callbacks_.on_action) {
            callbacks_.on_action(key.action);
        }
    }
}

void BookingPanel::show_booking(const QueueBooking* booking, bool full_data,
                                const std::string& service_name) {
    for (auto& [name, label] : registered_) label->SetLabel(wxString());
    for (auto& [name, entry] : entries_) entry->ChangeValue(wxString());
    latin_names_->SetValue(false);
    entry_problem_->SetLabel(wxString());
    for (auto& [field, label] : results_) label->SetLabel(wxString());
    reasons_->SetLabel(wxString());
    verdict_label_->SetLabel(wxString());
    verdict_label_->SetBackgroundColour(GetBackgroundColour());
    verdict_note_->SetLabel(wxString());
    last_mismatch_ = false;
    verdict_.reset();
    verify_button_->Enable(booking && booking->registration && full_data);
    if (!booking) {
        title_->SetLabel(_("No booking open"));
        subtitle_->SetLabel(
            _("Scan the visitor's QR code, type the booking code, or pick a "
              "row in the queue."));
        Layout();
        return;
    }
    title_->SetLabel(wxString::Format(
        _("Ticket %s: %s, %s"),
        booking->ticket_display.empty() ? wxString::FromUTF8("—")
                                        : wxString::FromUTF8(booking->ticket_display),
        wxString::FromUTF8(booking->code), state_name(booking->state)));
    subtitle_->SetLabel(wxString::FromUTF8(service_name) + wxString::FromUTF8(" · ") +
                        wxString::FromUTF8(booking->time));
    if (booking->personal_data_erased) {
        registered_["surname"]->SetLabel(_("(erased after the retention period)"));
    } else if (booking->registration && full_data) {
        const auto& r = *booking->registration;
        registered_["document_type"]->SetLabel(document_type_name(r.document_type));
        registered_["document_number"]->SetLabel(wxString::FromUTF8(r.document_number));
        registered_["surname"]->SetLabel(wxString::FromUTF8(r.surname));
        registered_["given_name"]->SetLabel(wxString::FromUTF8(r.given_name));
        registered_["patronymic"]->SetLabel(wxString::FromUTF8(r.patronymic.value_or("")));
        registered_["birth_date"]->SetLabel(wxString::FromUTF8(typed_date(r.birth_date)));
        registered_["rnokpp"]->SetLabel(r.rnokpp
                                            ? wxString::FromUTF8(*r.rnokpp)
                                            : (r.has_no_rnokpp ? _("declared: none") : wxString()));
        for (std::size_t i = 0; i < kDocumentTypes.size(); ++i)
            if (kDocumentTypes[i] == r.document_type)
                document_type_->SetSelection(static_cast<int>(i));
    } else if (booking->registration) {
        registered_["surname"]->SetLabel(_("(shown at the serving window)"));
    }
    Layout();
}

void BookingPanel::update_state(const QueueBooking& booking) {
    title_->SetLabel(wxString::Format(_("Ticket %s: %s, %s"),
                                      booking.ticket_display.empty()
                                          ? wxString::FromUTF8("—")
                                          : wxString::FromUTF8(booking.ticket_display),
                                      wxString::FromUTF8(booking.code), state_name(booking.state)));
}

bool BookingPanel::can_verify() const {
    return verify_button_->IsEnabled();
}

void BookingPanel::enable_actions(const std::set<core::BookingAction>& enabled,
                                  bool can_call_next) {
    call_next_->Enable(can_call_next);
    for (auto& [action, b] : buttons_) b->Enable(enabled.count(action) > 0);
}

DocumentFields BookingPanel::fields() const {
    DocumentFields out;
    const int selection = document_type_->GetSelection();
    if (selection >= 0 && static_cast<std::size_t>(selection) < kDocumentTypes.size())
        out.document_type = std::string(core::document_type_id(kDocumentTypes[selection]));
    const auto value = [this](const char* name) {
        return entries_.at(name)->GetValue().utf8_string();
    };
    out.document_number = value("document_number");
    out.surname = value("surname");
    out.given_name = value("given_name");
    out.patronymic = value("patronymic");
    out.birth_date = value("birth_date");
    out.expiry_date = value("expiry_date");
    out.rnokpp = value("rnokpp");
    out.latin_names = latin_names_->GetValue();
    return out;
}

void BookingPanel::set_fields(const DocumentFields& fields) {
    const auto type = core::document_type_from_id(fields.document_type);
    for (std::size_t i = 0; i < kDocumentTypes.size(); ++i)
        if (type && kDocumentTypes[i] == *type) document_type_->SetSelection(static_cast<int>(i));
    entries_["document_number"]->ChangeValue(wxString::FromUTF8(fields.document_number));
    entries_["surname"]->ChangeValue(wxString::FromUTF8(fields.surname));
    entries_["given_name"]->ChangeValue(wxString::FromUTF8(fields.given_name));
    entries_["patronymic"]->ChangeValue(wxString::FromUTF8(fields.patronymic));
    entries_["birth_date"]->ChangeValue(wxString::FromUTF8(fields.birth_date));
    entries_["expiry_date"]->ChangeValue(wxString::FromUTF8(fields.expiry_date));
    entries_["rnokpp"]->ChangeValue(wxString::FromUTF8(fields.rnokpp));
    latin_names_->SetValue(fields.latin_names);
}

void BookingPanel::show_entry_problem(const core::Problem& problem) {
    entry_problem_->SetLabel(problem_text(problem));
    if (auto* entry = field(problem.param("field"))) entry->SetFocus();
    Layout();
}

void BookingPanel::show_verification(const core::Verification& verification, const wxString& note) {
    entry_problem_->SetLabel(wxString());
    wxString reasons;
    for (const auto& check : verification.fields) {
        auto* label = results_.count(check.field) ? results_[check.field] : nullptr;
        wxString status;
        wxColour colour = match_colour();
        switch (check.status) {
            case core::FieldStatus::Match:
                status = wxString::FromUTF8("\u2714 ") + _("match");
                break;
            case core::FieldStatus::MatchAfterNormalization:
                status = wxString::FromUTF8("\u2248 ") + _("match after normalisation");
                colour = normalised_colour();
                break;
            case core::FieldStatus::Mismatch:
                status = wxString::FromUTF8("\u2716 ") + _("MISMATCH");
                colour = mismatch_colour();
                break;
            case core::FieldStatus::NotComparable:
                status = _("not compared");
                colour = wxColour(0x55, 0x55, 0x55);
                break;
        }
        if (label) {
            label->SetLabel(status);
            label->SetForegroundColour(colour);
        }
        if (check.reason && check.status != core::FieldStatus::Match) {
            const auto why = problem_text(*check.reason);
            if (label) label->SetToolTip(why);
            if (check.status == core::FieldStatus::Mismatch ||
                check.status == core::FieldStatus::MatchAfterNormalization)
                reasons += verified_field_name(check.field) + ": " + why + "\n";
        }
    }
    for (const auto& problem : verification.problems) reasons += problem_text(problem) + "\n";
    reasons_->SetLabel(reasons.Strip(wxString::trailing));
    reasons_->Wrap(GetClientSize().x - FromDIP(16));
    verdict_ = verification.verdict;
    last_mismatch_ = verification.verdict == core::Verdict::Mismatch;
    if (last_mismatch_) {
        verdict_label_->SetLabel(_("DATA DO NOT MATCH: the service is refused"));
        verdict_label_->SetBackgroundColour(wxColour(0xC6, 0x28, 0x28));
    } else {
        verdict_label_->SetLabel(_("DATA MATCH"));
        verdict_label_->SetBackgroundColour(wxColour(0x2E, 0x7D, 0x32));
    }
    verdict_label_->SetForegroundColour(*wxWHITE);
    verdict_note_->SetLabel(note);
    Layout();
    Refresh();
}

wxString BookingPanel::result_text(core::VerifiedField field) const {
    const auto it = results_.find(field);
    return it == results_.end() ? wxString() : it->second->GetLabel();
}

}  // namespace cherha::desk::ui
