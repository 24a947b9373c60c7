#include "desk/ui/action_dialogs.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "text/i18n.h"

namespace cherha::desk::ui {

std::optional<core::ServiceResult> ask_exam_result(wxWindow* parent) {
    const wxString choices[] = {_("Passed"), _("Failed")};
    wxSingleChoiceDialog dialog(parent, _("The result of the exam:"), _("Served"), 2, choices);
    dialog.SetSelection(0);
    if (dialog.ShowModal() != wxID_OK) return std::nullopt;
    return dialog.GetSelection() == 0 ? core::ServiceResult::Passed : core::ServiceResult::Failed;
}

std::optional<RefusalChoice> ask_refusal(wxWindow* parent, bool after_mismatch) {
    wxDialog dialog(parent, wxID_ANY, _("Refuse the service"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const wxString reasons[] = {_("The document does not match the booking"),
                                _("No document presented"), _("Other reason (write it)")};
    auto* reason = new wxRadioBox(&dialog, wxID_ANY, _("Reason"), wxDefaultPosition, wxDefaultSize,
                                  3, reasons, 1, wxRA_SPECIFY_COLS);
    reason->SetSelection(after_mismatch ? 0 : 1);
    sizer->Add(reason, 0, wxEXPAND | wxALL, dialog.FromDIP(8));
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("Note (needed for another reason):")), 0,
               wxLEFT | wxRIGHT, dialog.FromDIP(8));
    auto* note = new wxTextCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition,
                                dialog.FromDIP(wxSize(420, -1)));
    note->SetMaxLength(500);
    sizer->Add(note, 0, wxEXPAND | wxALL, dialog.FromDIP(8));
    auto* error = new wxStaticText(&dialog, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    sizer->Add(error, 0, wxLEFT | wxRIGHT, dialog.FromDIP(8));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL,
               dialog.FromDIP(8));
    dialog.SetSizerAndFit(sizer);
    dialog.Bind(wxEVT_BUTTON, [&](wxCommandEvent& event) {
        if (event.GetId() == wxID_OK && reason->GetSelection() == 2 &&
            note->GetValue().Trim().Trim(false).empty()) {
            error->SetLabel(_("Write the reason."));
            dialog.Layout();
            note->SetFocus();
            return;
        }
        event.Skip();
    });
    if (dialog.ShowModal() != wxID_OK) return std::nullopt;
    RefusalChoice choice;
    choice.reason = reason->GetSelection() == 0   ? core::RefusalReason::DataMismatch
                    : reason->GetSelection() == 1 ? core::RefusalReason::MissingDocument
                                                  : core::RefusalReason::Other;
    choice.note = note->GetValue().Trim().Trim(false).utf8_string();
    return choice;
}

std::optional<core::TransferTarget> ask_transfer(wxWindow* parent, const CenterInfo& center,
                                                 const QueueBooking& booking) {
    const auto language = std::string(text::language_code(text::active_language()));
    // Every (service, window) pair the schedule has, the visitor's own service first.
    wxArrayString labels;
    std::vector<core::TransferTarget> targets;
    for (const auto& service : center.services) {
        const auto name = wxString::FromUTF8(language == "en" ? service.name_en : service.name_uk);
        labels.Add(wxString::Format(_("%s, any window"), name));
        targets.push_back({service.id, ""});
        for (const auto& window : service.windows) {
            if (window == booking.window_id && service.id == booking.waiting_service()) continue;
            labels.Add(wxString::Format(_("%s, window %d"), name, center.window_number(window)));
            targets.push_back({service.id, window});
        }
    }
    if (targets.empty()) return std::nullopt;
    wxSingleChoiceDialog dialog(parent, _("Send the visitor to:"), _("Transfer"), labels);
    if (dialog.ShowModal() != wxID_OK) return std::nullopt;
    return targets[static_cast<std::size_t>(dialog.GetSelection())];
}

}  // namespace cherha::desk::ui
