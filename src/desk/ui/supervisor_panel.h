// The supervisor's page, "The day": counts by state, waiting and service times (mean and
// 90th percentile) overall, per window and per service, the hourly chart; export to CSV, the
// daily report as PDF or on paper; alert mode; unblocking an identity; a booking's audit log.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "desk/model/day_summary.h"
#include "desk/model/desk_records.h"

class wxButton;
class wxListCtrl;
class wxStaticText;
class wxToggleButton;

namespace cherha::desk::ui {

class HourlyChart;

class SupervisorPanel : public wxPanel {
  public:
    struct Callbacks {
        std::function<void()> reload;
        std::function<void(bool active)> set_alert;
        std::function<void(const std::string& identity)> unblock;
        std::function<void(std::int64_t booking)> audit;
    };
    SupervisorPanel(wxWindow* parent, Callbacks callbacks);

    void show_day(const DaySummary& summary, const CenterInfo& center,
                  const std::vector<QueueBooking>& bookings, bool alert);
    void show_audit(std::int64_t booking, const std::vector<AuditEntry>& entries);

    // Writes the day's CSV / PDF report to `path`; false (and a message) when it failed.
    bool export_csv(const std::string& path);
    bool save_pdf(const std::string& path);
    const DaySummary& summary() const { return summary_; }
    wxListCtrl* totals() const { return totals_; }

  private:
    void fill_groups(wxListCtrl* list, const std::map<std::string, SummaryGroup>& groups,
                     bool windows);
    Callbacks callbacks_;
    DaySummary summary_;
    CenterInfo center_;
    std::vector<QueueBooking> bookings_;
    wxStaticText* title_ = nullptr;
    wxListCtrl* totals_ = nullptr;
    wxListCtrl* windows_ = nullptr;
    wxListCtrl* services_ = nullptr;
    HourlyChart* chart_ = nullptr;
    wxToggleButton* alert_ = nullptr;
};

// The rows of the daily report (also the PDF's and the printout's text): a title, then
// label/value lines. Translated.
std::vector<std::pair<wxString, wxString>> report_lines(const DaySummary& summary,
                                                        const CenterInfo& center);

}  // namespace cherha::desk::ui
