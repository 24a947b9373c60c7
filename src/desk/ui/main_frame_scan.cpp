// MainFrame's scanning: every character typed in the window goes through the scanner's burst
// detector; a scan (from the scanner, a picture file, the clipboard or a dropped picture) is
// classified and opens its booking after the token is verified with the center's keys; an MRZ
// reader's lines fill in the presented document. The rest of the frame is main_frame.cpp.
#include <wx/clipbrd.h>
#include <wx/filedlg.h>
#include <wx/mstream.h>
#include <wx/textentry.h>

#include "core/booking/window_rules.h"
#include "core/mrz/mrz.h"
#include "core/token/booking_token.h"
#include "desk/model/document_entry.h"
#include "desk/ui/booking_panel.h"
#include "desk/ui/main_frame.h"
#include "desk/ui/problem_wording.h"
#include "desk/ui/queue_table.h"
#include "qr/qr_image.h"

namespace cherha::desk::ui {

bool MainFrame::on_typed(wxChar32 c, ScannerBurst::Clock::time_point at, wxWindow* target) {
    const bool enter = c == WXK_RETURN || c == WXK_NUMPAD_ENTER || c == '\r' || c == '\n';
    const std::size_t before = burst_.pending();
    auto scan = burst_.feed(enter ? U'\r' : static_cast<char32_t>(c), at);
    if (scan) {
        // The burst's first character went to the focused field: take it back.
        if (auto* entry = dynamic_cast<wxTextEntry*>(burst_target_)) {
            const long to = entry->GetInsertionPoint();
            if (to > 0) entry->Remove(to - 1, to);
        }
        swallowed_.clear();
        burst_timer_.Stop();
        on_scan(*scan);
        return true;
    }
    if (enter) {
        // Not a scan: what was held back goes to the field, then the Enter.
        if (!swallowed_.empty()) {
            if (auto* entry = dynamic_cast<wxTextEntry*>(burst_target_))
                entry->WriteText(swallowed_);
            swallowed_.clear();
        }
        return false;
    }
    const std::size_t after = burst_.pending();
    if (after <= 1 || after != before + 1) {
        // The first character of a (possible) burst goes through to the field.
        if (!swallowed_.empty()) {
            if (auto* entry = dynamic_cast<wxTextEntry*>(burst_target_))
                entry->WriteText(swallowed_);
            swallowed_.clear();
        }
        burst_target_ = target;
        return false;
    }
    // A character fast after the one before: held back until the burst ends.
    swallowed_ += wxUniChar(static_cast<wxUint32>(c));
    burst_timer_.StartOnce(settings_.burst_gap_ms * 3);
    return true;
}

void MainFrame::on_scan(const std::string& text) {
    const auto input = classify_scan(text);
    switch (input.kind) {
        case ScanKind::MrzLine: {
            if (auto lines = mrz_.add(input, ScannerBurst::Clock::now()))
                on_mrz(*lines);
            else
                show_notice(_("MRZ line read; waiting for the next line..."), false);
            return;
        }
        case ScanKind::BookingToken: {
            auto token = core::verify_booking_token(
                input.text, keys_, core::TokenExpectation{center_.center_id, today()});
            if (!token) {
                show_notice(problem_text(token.problem()), true);
                return;
            }
            const auto id = static_cast<std::int64_t>(token.value().claims.booking_id);
            const QueueBooking* booking = queue_.find(id);
            if (!booking) {
                if (!online_) {
                    show_notice(
                        _("The code is genuine, but this booking is not in this desk's copy "
                          "of the day. It can be opened when the server is back."),
                        true);
                    return;
                }
                const auto token_text = input.text;
                const auto session_token = session_.token;
                worker_->post([this, token_text, session_token] {
                    auto found = link_->api().find(session_token, token_text);
                    CallAfter([this, found] {
                        if (!found) return show_notice(problem_text(found.problem()), true);
                        queue_.update(found.value());
                        table_->refresh();
                        on_scan(found.value().token);
                    });
                });
                return;
            }
            if (booking->state == core::BookingState::Cancelled) {
                show_notice(_("This booking was cancelled: the code is no longer valid."), true);
            } else if (booking->state == core::BookingState::Served) {
                show_notice(_("This visitor has already been served with this booking."), true);
            } else if (core::is_final_state(booking->state)) {
                show_notice(
                    wxString::Format(_("This booking is closed (%s)."), state_name(booking->state)),
                    true);
            } else {
                show_notice(wxString::Format(_("Booking %s: the code is genuine."),
                                             wxString::FromUTF8(booking->code)),
                            false);
            }
            open(id, true);
            return;
        }
        case ScanKind::BookingCode: {
            const auto compact = [](std::string code) {
                std::erase(code, '-');
                return code;
            };
            for (const auto& booking : queue_.bookings()) {
                if (compact(booking.code) == compact(input.text)) {
                    show_notice(
                        wxString::Format(_("Booking %s found."), wxString::FromUTF8(booking.code)),
                        false);
                    open(booking.id, true);
                    return;
                }
            }
            show_notice(_("No booking with this code today."), true);
            return;
        }
        case ScanKind::Unknown:
            show_notice(_("This is not a booking code, token or MRZ line."), true);
    }
}

void MainFrame::on_mrz(const std::vector<std::string>& lines) {
    auto reading = core::read_mrz_lines(lines, today());
    if (!reading) return show_notice(problem_text(reading.problem()), true);
    auto document = core::presented_document_from_mrz(reading.value().mrz);
    if (!document) return show_notice(problem_text(document.problem()), true);
    booking_panel_->set_fields(document_fields(document.value()));
    show_notice(_("Document read from its MRZ."), false);
    if (queue_.find(open_booking_)) on_verify();
}

void MainFrame::decode_image_file() {
    wxFileDialog dialog(this, _("Open a picture of the QR code"), wxString(), wxString(),
                        _("Pictures (*.png;*.jpg;*.jpeg)|*.png;*.jpg;*.jpeg;*.PNG;*.JPG;*.JPEG"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    auto text = qr::decode_qr_image(dialog.GetPath().utf8_string());
    if (!text) return show_notice(problem_text(text.problem()), true);
    on_scan(text.value());
}

void MainFrame::decode_clipboard() {
    wxBitmapDataObject data;
    bool ok = false;
    if (wxTheClipboard->Open()) {
        ok = wxTheClipboard->IsSupported(wxDF_BITMAP) && wxTheClipboard->GetData(data);
        wxTheClipboard->Close();
    }
    if (!ok) return show_notice(_("The clipboard holds no picture."), true);
    wxMemoryOutputStream png;
    if (!data.GetBitmap().ConvertToImage().SaveFile(png, wxBITMAP_TYPE_PNG))
        return show_notice(_("The clipboard holds no picture."), true);
    std::vector<std::uint8_t> bytes(png.GetSize());
    png.CopyTo(bytes.data(), bytes.size());
    auto text = qr::decode_qr_image_bytes(bytes);
    if (!text) return show_notice(problem_text(text.problem()), true);
    on_scan(text.value());
}

}  // namespace cherha::desk::ui
