#include "desk/ui/supervisor_panel.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <fstream>
#include <memory>

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/graphics.h>
#include <wx/html/htmprint.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>
#include <wx/tglbtn.h>

#include "core/booking/booking_state.h"
#include "core/calendar/center_time.h"
#include "desk/ui/hourly_chart.h"
#include "desk/ui/queue_table.h"
#include "text/i18n.h"

namespace cherha::desk::ui {
namespace {

using S = core::BookingState;

int count(const SummaryGroup& group, S state) {
    const auto it = group.by_state.find(state);
    return it == group.by_state.end() ? 0 : it->second;
}

wxString minutes(const std::optional<double>& value) {
    return value ? wxString::Format(_("%.1f min"), *value) : wxString::FromUTF8("—");
}

wxString figures(const DurationFigures& f) {
    return minutes(f.mean) + " / " + minutes(f.p90);
}

wxString html_escape(const wxString& text) {
    wxString out;
    for (const auto c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out;
}

}  // namespace

std::vector<std::pair<wxString, wxString>> report_lines(const DaySummary& summary,
                                                        const CenterInfo& center) {
    const auto language = std::string(text::language_code(text::active_language()));
    std::vector<std::pair<wxString, wxString>> lines;
    lines.emplace_back(_("Daily report"),
                       wxString::FromUTF8(language == "en" ? center.name_en : center.name_uk) +
                           ", " + wxString::FromUTF8(core::format_iso_date(summary.day)));
    const auto& all = summary.all;
    lines.emplace_back(_("Booked in all"), wxString::Format("%d", all.total));
    for (const auto state : {S::Booked, S::Arrived, S::Called, S::InService, S::Served, S::Refused,
                             S::NoShow, S::Cancelled})
        lines.emplace_back(state_name(state), wxString::Format("%d", count(all, state)));
    lines.emplace_back(_("Waiting, mean / 90th percentile"), figures(all.waiting));
    lines.emplace_back(_("Service, mean / 90th percentile"), figures(all.service));
    for (const auto& [window, group] : summary.by_window) {
        if (window.empty()) continue;
        lines.emplace_back(wxString::Format(_("Window %d"), center.window_number(window)),
                           wxString::Format(_("served %d, refused %d; waiting %s; service %s"),
                                            count(group, S::Served), count(group, S::Refused),
                                            figures(group.waiting), figures(group.service)));
    }
    for (const auto& [service, group] : summary.by_service)
        lines.emplace_back(wxString::FromUTF8(center.service_name(service, language)),
                           wxString::Format(_("booked %d, served %d, refused %d, no-show %d"),
                                            group.total, count(group, S::Served),
                                            count(group, S::Refused), count(group, S::NoShow)));
    return lines;
}

SupervisorPanel::SupervisorPanel(wxWindow* parent, Callbacks callbacks)
    : wxPanel(parent, wxID_ANY), callbacks_(std::move(callbacks)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    title_ = new wxStaticText(this, wxID_ANY, _("The day"));
    title_->SetFont(title_->GetFont().Scaled(1.4f).Bold());
    sizer->Add(title_, 0, wxALL, FromDIP(8));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const auto add_button = [&](const wxString& label, std::function<void()> action) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, [action](wxCommandEvent&) { action(); });
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
        return b;
    };
    add_button(_("Refresh"), [this] { callbacks_.reload(); });
    add_button(_("Export CSV..."), [this] {
        wxFileDialog dialog(
            this, _("Export the day"), wxString(),
            wxString::FromUTF8("cherha-" + core::format_iso_date(summary_.day) + ".csv"),
            _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() == wxID_OK) export_csv(dialog.GetPath().utf8_string());
    });
    add_button(_("Save report as PDF..."), [this] {
        wxFileDialog dialog(
            this, _("Save the daily report"), wxString(),
            wxString::FromUTF8("cherha-report-" + core::format_iso_date(summary_.day) + ".pdf"),
            _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() == wxID_OK) save_pdf(dialog.GetPath().utf8_string());
    });
    add_button(_("Print report..."), [this] {
        wxString html = "<html><body>";
        const auto lines = report_lines(summary_, center_);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i == 0)
                html += "<h2>" + html_escape(lines[i].first) + ": " + html_escape(lines[i].second) +
                        "</h2><table>";
            else
                html += "<tr><td>" + html_escape(lines[i].first) + "</td><td>" +
                        html_escape(lines[i].second) + "</td></tr>";
        }
        html += "</table></body></html>";
        wxHtmlEasyPrinting printing(_("Daily report"), this);
        printing.PrintText(html);
    });
    alert_ = new wxToggleButton(this, wxID_ANY, _("Alert mode"));
    alert_->Bind(wxEVT_TOGGLEBUTTON, [this](wxCommandEvent&) {
        const bool active = alert_->GetValue();
        const int answer = wxMessageBox(
            active ? _("Turn alert mode on? Calling stops and nobody is marked no-show.")
                   : _("Turn alert mode off? Calling resumes."),
            _("Alert mode"), wxYES_NO | wxICON_QUESTION, this);
        if (answer == wxYES)
            callbacks_.set_alert(active);
        else
            alert_->SetValue(!active);
    });
    buttons->Add(alert_, 0, wxRIGHT, FromDIP(6));
    add_button(_("Unblock identity..."), [this] {
        wxTextEntryDialog dialog(this, _("RNOKPP or document number of the person to unblock:"),
                                 _("Unblock identity"));
        dialog.SetMaxLength(64);
        if (dialog.ShowModal() != wxID_OK) return;
        const auto identity = wxString(dialog.GetValue()).Trim().Trim(false).utf8_string();
        if (!identity.empty()) callbacks_.unblock(identity);
    });
    add_button(_("Audit of a booking..."), [this] {
        wxTextEntryDialog dialog(this, _("Booking code (like WT83-Q4WB):"), _("Audit log"));
        dialog.SetMaxLength(20);
        if (dialog.ShowModal() != wxID_OK) return;
        auto code = wxString(dialog.GetValue()).Trim().Trim(false).Upper().utf8_string();
        for (const auto& b : bookings_) {
            std::string compact = b.code;
            std::erase(compact, '-');
            std::string typed = code;
            std::erase(typed, '-');
            if (compact == typed) return callbacks_.audit(b.id);
        }
        wxMessageBox(_("No booking with this code today."), _("Audit log"), wxOK, this);
    });
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    totals_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(400, 300)),
                             wxLC_REPORT | wxLC_SINGLE_SEL);
    totals_->AppendColumn(_("The day"), wxLIST_FORMAT_LEFT, FromDIP(240));
    totals_->AppendColumn(wxString(), wxLIST_FORMAT_RIGHT, FromDIP(150));
    top->Add(totals_, 0, wxEXPAND | wxRIGHT, FromDIP(8));
    auto* chart_box = new wxBoxSizer(wxVERTICAL);
    chart_box->Add(new wxStaticText(this, wxID_ANY, _("Arrivals per hour")), 0, wxBOTTOM,
                   FromDIP(4));
    chart_ = new HourlyChart(this);
    chart_box->Add(chart_, 1, wxEXPAND);
    top->Add(chart_box, 1, wxEXPAND);
    sizer->Add(top, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));

    auto* groups = new wxBoxSizer(wxHORIZONTAL);
    const auto group_list = [&](const wxString& first) {
        auto* list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 200)),
                                    wxLC_REPORT | wxLC_SINGLE_SEL);
        list->AppendColumn(first, wxLIST_FORMAT_LEFT, FromDIP(150));
        list->AppendColumn(_("Served"), wxLIST_FORMAT_RIGHT, FromDIP(95));
        list->AppendColumn(_("Refused"), wxLIST_FORMAT_RIGHT, FromDIP(90));
        list->AppendColumn(_("No-show"), wxLIST_FORMAT_RIGHT, FromDIP(65));
        list->AppendColumn(_("Waiting (mean / p90)"), wxLIST_FORMAT_RIGHT, FromDIP(140));
        list->AppendColumn(_("Service (mean / p90)"), wxLIST_FORMAT_RIGHT, FromDIP(140));
        groups->Add(list, 1, wxEXPAND | wxRIGHT, FromDIP(8));
        return list;
    };
    windows_ = group_list(_("Window"));
    services_ = group_list(_("Service"));
    sizer->Add(groups, 1, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(sizer);
}

void SupervisorPanel::fill_groups(wxListCtrl* list,
                                  const std::map<std::string, SummaryGroup>& groups, bool windows) {
    list->DeleteAllItems();
    const auto language = std::string(text::language_code(text::active_language()));
    long row = 0;
    for (const auto& [id, group] : groups) {
        if (windows && id.empty()) continue;
        const wxString name = windows ? wxString::Format(_("Window %d"), center_.window_number(id))
                                      : wxString::FromUTF8(center_.service_name(id, language));
        list->InsertItem(row, name);
        list->SetItem(row, 1, wxString::Format("%d", count(group, S::Served)));
        list->SetItem(row, 2, wxString::Format("%d", count(group, S::Refused)));
        list->SetItem(row, 3, wxString::Format("%d", count(group, S::NoShow)));
        list->SetItem(row, 4, figures(group.waiting));
        list->SetItem(row, 5, figures(group.service));
        ++row;
    }
}

void SupervisorPanel::show_day(const DaySummary& summary, const CenterInfo& center,
                               const std::vector<QueueBooking>& bookings, bool alert) {
    summary_ = summary;
    center_ = center;
    bookings_ = bookings;
    title_->SetLabel(
        wxString::Format(_("The day: %s"), wxString::FromUTF8(core::format_iso_date(summary.day))));
    totals_->DeleteAllItems();
    const auto lines = report_lines(summary, center);
    long row = 0;
    // The totals: the report's lines up to the per-window ones.
    for (std::size_t i = 1; i < lines.size() && i <= 11; ++i) {
        totals_->InsertItem(row, lines[i].first);
        totals_->SetItem(row, 1, lines[i].second);
        ++row;
    }
    fill_groups(windows_, summary.by_window, true);
    fill_groups(services_, summary.by_service, false);
    chart_->set(summary.arrivals_by_hour);
    alert_->SetValue(alert);
    alert_->SetLabel(alert ? _("Alert mode: ON") : _("Alert mode: off"));
    Layout();
}

void SupervisorPanel::show_audit(std::int64_t booking, const std::vector<AuditEntry>& entries) {
    wxDialog dialog(
        this, wxID_ANY,
        wxString::Format(_("Audit log of booking %lld"), static_cast<long long>(booking)),
        wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* list = new wxListCtrl(&dialog, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(760, 320)),
                                wxLC_REPORT);
    list->AppendColumn(_("Time"), wxLIST_FORMAT_LEFT, FromDIP(160));
    list->AppendColumn(_("Who"), wxLIST_FORMAT_LEFT, FromDIP(110));
    list->AppendColumn(_("Window"), wxLIST_FORMAT_LEFT, FromDIP(70));
    list->AppendColumn(_("Action"), wxLIST_FORMAT_LEFT, FromDIP(170));
    list->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, FromDIP(220));
    long row = 0;
    for (const auto& entry : entries) {
        // The center's local time, as everything else the desk shows.
        std::string at = date::format("%Y-%m-%d %H:%M:%S UTC", entry.at);
        if (const auto zone = core::locate_center_zone(center_.time_zone))
            at = date::format("%Y-%m-%d %H:%M:%S",
                              date::zoned_seconds(zone.value(), entry.at).get_local_time());
        list->InsertItem(row, wxString::FromUTF8(at));
        list->SetItem(row, 1, wxString::FromUTF8(entry.actor));
        list->SetItem(row, 2, wxString::FromUTF8(entry.window));
        list->SetItem(row, 3, wxString::FromUTF8(entry.action));
        list->SetItem(row, 4, wxString::FromUTF8(entry.result));
        ++row;
    }
    sizer->Add(list, 1, wxEXPAND | wxALL, FromDIP(8));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK), 0, wxEXPAND | wxALL, FromDIP(8));
    dialog.SetSizerAndFit(sizer);
    dialog.ShowModal();
}

bool SupervisorPanel::export_csv(const std::string& path) {
    const std::vector<std::string> header = {
        _("Booking").utf8_string(), _("Code").utf8_string(),    _("Ticket").utf8_string(),
        _("Channel").utf8_string(), _("Service").utf8_string(), _("Time").utf8_string(),
        _("Status").utf8_string(),  _("Window").utf8_string(),  _("Result").utf8_string(),
        _("Refusal").utf8_string(), _("Arrived").utf8_string(), _("Called").utf8_string(),
        _("Started").utf8_string(), _("Finished").utf8_string()};
    const auto csv = day_csv(bookings_, center_.time_zone, header);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << csv;
    out.close();
    if (!out) {
        wxMessageBox(_("The file could not be written."), _("Export the day"), wxOK | wxICON_ERROR,
                     this);
        return false;
    }
    return true;
}

bool SupervisorPanel::save_pdf(const std::string& path) {
    // A4 in points; the report's lines, then the hourly chart.
    const double width = 595;
    const double height = 842;
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), width, height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        wxMessageBox(_("The file could not be written."), _("Save the daily report"),
                     wxOK | wxICON_ERROR, this);
        return false;
    }
    cairo_t* cr = cairo_create(surface);
    {
        std::unique_ptr<wxGraphicsContext> gc(
            wxGraphicsRenderer::GetCairoRenderer()->CreateContextFromNativeContext(cr));
        if (gc) {
            const auto lines = report_lines(summary_, center_);
            double y = 48;
            for (std::size_t i = 0; i < lines.size(); ++i) {
                if (i == 0) {
                    gc->SetFont(wxFont(wxFontInfo(15).Bold()), *wxBLACK);
                    gc->DrawText(lines[i].first + ": " + lines[i].second, 48, y);
                    y += 32;
                    continue;
                }
                gc->SetFont(wxFont(wxFontInfo(9)), *wxBLACK);
                gc->DrawText(lines[i].first, 48, y);
                gc->DrawText(lines[i].second, 260, y);
                y += 16;
                if (y > height - 260) break;
            }
            gc->SetFont(wxFont(wxFontInfo(10).Bold()), *wxBLACK);
            gc->DrawText(_("Arrivals per hour"), 48, y + 12);
            draw_hourly_chart(*gc, summary_.arrivals_by_hour, 48, y + 30, width - 96, 180);
        }
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    if (!ok)
        wxMessageBox(_("The file could not be written."), _("Save the daily report"),
                     wxOK | wxICON_ERROR, this);
    return ok;
}

}  // namespace cherha::desk::ui
