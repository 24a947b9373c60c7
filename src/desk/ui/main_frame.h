// The desk's one main window: the offline banner and the refusals the clerk must see on top,
// the day's queue on the left, the open booking (verify and outcomes) on the right, the
// supervisor's day on a second page for supervisors. Handlers are short: they forward to the
// models (desk/model) and show what comes back; network and file work runs on the Worker
// and comes back with CallAfter.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <wx/dataview.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include "core/token/signing_key.h"
#include "desk/model/day_queue.h"
#include "desk/model/desk_link.h"
#include "desk/model/desk_records.h"
#include "desk/model/event_stream.h"
#include "desk/model/scan_input.h"
#include "desk/model/scanner_burst.h"
#include "desk/model/worker.h"
#include "desk/ui/desk_settings.h"

class wxChoice;
class wxDataViewCtrl;
class wxDataViewEvent;
class wxNotebook;
class wxPanel;
class wxSearchCtrl;
class wxStaticText;
class wxButton;

namespace cherha::desk::ui {

class BookingPanel;
class QueueTable;
class SupervisorPanel;

class MainFrame : public wxFrame {
  public:
    // `link` was opened and logged in by the login dialog; it is used on the worker only.
    MainFrame(DeskSettings settings, std::filesystem::path data_dir, std::unique_ptr<DeskLink> link,
              StaffSession session);
    ~MainFrame() override;

    // Loads the day (the worker; the result comes back to the UI thread).
    void start();

    // One character typed anywhere in the window (DeskApp::FilterEvent forwards them).
    // Returns true when it was taken by the scanner (it must not reach the focused field).
    bool on_typed(wxChar32 c, ScannerBurst::Clock::time_point at, wxWindow* target);
    // A whole scan (from the scanner, an image, the clipboard or the typed code field).
    void on_scan(const std::string& text);

    // For tests and the screenshot tool.
    const DayQueue& queue() const { return queue_; }
    bool online() const { return online_; }
    std::size_t pending_jobs() const { return worker_ ? worker_->busy() : 0; }
    std::int64_t open_booking() const { return open_booking_; }
    BookingPanel* booking_panel() const { return booking_panel_; }
    wxStaticText* notice() const { return notice_; }
    wxPanel* offline_banner() const { return offline_banner_; }
    wxNotebook* pages() const { return pages_; }
    SupervisorPanel* supervisor_panel() const { return supervisor_panel_; }
    QueueTable* table() const { return table_.get(); }
    int loads() const { return loads_; }

    // Reload now (F5 in the queue, the banner's button, the retry timer).
    void reload();

  private:
    void build();
    void apply_load(DayLoad load);
    void apply_action(ActionDone done, std::int64_t booking_id, core::BookingAction action);
    void on_server_event(const ServerEvent& event);
    void on_stream_state(bool connected);
    void set_online(bool online, std::optional<core::Instant> cached_at);
    void show_refusals(const std::vector<OutboxEntry>& refusals);
    void show_notice(const wxString& text, bool bad);
    void open(std::int64_t booking_id, bool by_scan);
    void refresh_booking();
    void refresh_filters();
    void on_verify();
    void on_action(core::BookingAction action);
    void on_call_next();
    // The server ended the session (the outbox stopped "unauthorised"): the login dialog
    // again, then the new session's link replaces the old one on the worker.
    void log_in_again();
    void on_mrz(const std::vector<std::string>& lines);
    void decode_image_file();
    void decode_clipboard();
    void show_settings();
    void start_events();
    void update_status();
    core::Instant now() const;
    core::Date today() const;

    DeskSettings settings_;
    std::filesystem::path data_dir_;
    std::unique_ptr<DeskLink> link_;  // touched only inside worker jobs
    StaffSession session_;
    CenterInfo center_;
    DayQueue queue_;
    core::KeyRing keys_;
    bool online_ = false;
    std::optional<core::Instant> cached_at_;
    int loads_ = 0;
    std::int64_t open_booking_ = 0;
    bool open_by_scan_ = false;
    std::vector<OutboxEntry> refusals_;
    int pending_outbox_ = 0;
    bool reload_pending_ = false;  // a load_day job is queued or running
    bool login_open_ = false;

    ScannerBurst burst_;
    MrzCollector mrz_;
    wxString swallowed_;  // characters of a burst kept from the focused field
    wxWindow* burst_target_ = nullptr;
    // Both timers send their events to themselves (no owner), where the frame binds them.
    wxTimer burst_timer_;  // gives back a burst that did not end with Enter
    wxTimer retry_timer_;  // while offline: try the server again
    std::unique_ptr<EventStreamConnection> events_;
    std::unique_ptr<Worker> worker_;  // declared last: destroyed first (joins its jobs)

    wxPanel* offline_banner_ = nullptr;
    wxStaticText* offline_text_ = nullptr;
    wxPanel* refusal_banner_ = nullptr;
    wxStaticText* refusal_text_ = nullptr;
    wxStaticText* notice_ = nullptr;
    wxStaticText* who_ = nullptr;
    wxSearchCtrl* search_ = nullptr;
    wxChoice* state_filter_ = nullptr;
    wxChoice* service_filter_ = nullptr;
    wxNotebook* pages_ = nullptr;
    wxDataViewCtrl* view_ = nullptr;
    wxObjectDataPtr<QueueTable> table_;
    BookingPanel* booking_panel_ = nullptr;
    SupervisorPanel* supervisor_panel_ = nullptr;
};

}  // namespace cherha::desk::ui
