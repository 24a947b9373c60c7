#include "desk/ui/main_frame.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/dnd.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/mstream.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>

#include "core/booking/booking_transition.h"
#include "core/booking/window_rules.h"
#include "core/calendar/center_time.h"
#include "core/mrz/mrz.h"
#include "core/token/booking_token.h"
#include "core/verification/verification.h"
#include "desk/model/action_rules.h"
#include "desk/model/day_summary.h"
#include "desk/model/document_entry.h"
#include "desk/ui/action_dialogs.h"
#include "desk/ui/booking_panel.h"
#include "desk/ui/desk_process.h"
#include "desk/ui/login_dialog.h"
#include "desk/ui/problem_wording.h"
#include "desk/ui/queue_table.h"
#include "desk/ui/settings_dialog.h"
#include "desk/ui/supervisor_panel.h"
#include "qr/qr_image.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::desk::ui {
namespace {

constexpr int kRetrySeconds = 5;

wxString local_time(core::Instant at, const std::string& zone_name) {
    const auto zone = core::locate_center_zone(zone_name);
    if (!zone) return wxString::FromUTF8(date::format("%H:%M", at));
    const date::zoned_seconds local(zone.value(), at);
    return wxString::FromUTF8(date::format("%H:%M", local.get_local_time()));
}

// Pictures dropped on the window are decoded like a scan.
class PictureDrop : public wxFileDropTarget {
  public:
    explicit PictureDrop(std::function<void(const std::string&)> on_file)
        : on_file_(std::move(on_file)) {}
    bool OnDropFiles(wxCoord, wxCoord, const wxArrayString& files) override {
        if (files.empty()) return false;
        on_file_(files[0].utf8_string());
        return true;
    }

  private:
    std::function<void(const std::string&)> on_file_;
};

}  // namespace

MainFrame::MainFrame(DeskSettings settings, std::filesystem::path data_dir,
                     std::unique_ptr<DeskLink> link, StaffSession session)
    : wxFrame(nullptr, wxID_ANY, _("Cherha: front desk"), wxDefaultPosition, wxSize(1440, 900)),
      settings_(std::move(settings)),
      data_dir_(std::move(data_dir)),
      link_(std::move(link)),
      session_(std::move(session)),
      burst_(BurstSettings{std::chrono::milliseconds(settings_.burst_gap_ms), 8}),
      worker_(std::make_unique<Worker>()) {
    table_ = new QueueTable(queue_, center_);
    table_->set_viewer(session_.window ? session_.window->id : "", session_.supervises());
    build();
    SetClientSize(FromDIP(wxSize(1440, 860)));
    SetMinClientSize(FromDIP(wxSize(1000, 640)));
}

MainFrame::~MainFrame() {
    burst_timer_.Stop();
    retry_timer_.Stop();
    events_.reset();
    // Jobs still queued may CallAfter on this frame: let them finish first (they are short),
    // then drop whatever they posted.
    worker_.reset();
}

core::Instant MainFrame::now() const {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

core::Date MainFrame::today() const {
    const auto zone = core::locate_center_zone(center_.time_zone);
    if (!zone) return center_.today;
    return core::local_date_of(now(), *zone.value());
}

void MainFrame::build() {
    auto* root = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    // Offline banner: hidden while the server answers.
    offline_banner_ = new wxPanel(root);
    offline_banner_->SetBackgroundColour(wxColour(0xB7, 0x1C, 0x1C));
    auto* banner_sizer = new wxBoxSizer(wxHORIZONTAL);
    offline_text_ = new wxStaticText(offline_banner_, wxID_ANY, wxString());
    offline_text_->SetForegroundColour(*wxWHITE);
    offline_text_->SetFont(offline_text_->GetFont().Scaled(1.15f).Bold());
    auto* retry = new wxButton(offline_banner_, wxID_ANY, _("Try again now"));
    retry->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    banner_sizer->Add(offline_text_, 1, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(8));
    banner_sizer->Add(retry, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(6));
    offline_banner_->SetSizer(banner_sizer);
    sizer->Add(offline_banner_, 0, wxEXPAND);
    offline_banner_->Hide();

    // Refusals the server sent for requests made earlier (conflicts): the clerk must see them.
    refusal_banner_ = new wxPanel(root);
    refusal_banner_->SetBackgroundColour(wxColour(0xFF, 0xE0, 0xB2));
    auto* refusal_sizer = new wxBoxSizer(wxHORIZONTAL);
    refusal_text_ = new wxStaticText(refusal_banner_, wxID_ANY, wxString());
    auto* seen = new wxButton(refusal_banner_, wxID_ANY, _("Seen"));
    seen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        std::vector<std::int64_t> seqs;
        for (const auto& entry : refusals_) seqs.push_back(entry.seq);
        worker_->post([this, seqs] {
            for (const auto seq : seqs) (void)link_->acknowledge(seq);
            // Refusals that came in after the click stay on screen.
            auto left = link_->outbox().unacknowledged_refusals();
            CallAfter([this, list = left ? left.value() : std::vector<OutboxEntry>{}] {
                show_refusals(list);
            });
        });
    });
    refusal_sizer->Add(refusal_text_, 1, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(8));
    refusal_sizer->Add(seen, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(6));
    refusal_banner_->SetSizer(refusal_sizer);
    sizer->Add(refusal_banner_, 0, wxEXPAND);
    refusal_banner_->Hide();

    // Who is at the window, search and filters, image decoding, settings.
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    who_ = new wxStaticText(root, wxID_ANY, wxString());
    who_->SetFont(who_->GetFont().Bold());
    bar->Add(who_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(6));
    search_ = new wxSearchCtrl(root, wxID_ANY, wxString(), wxDefaultPosition,
                               FromDIP(wxSize(260, -1)), wxTE_PROCESS_ENTER);
    search_->SetDescriptiveText(_("Ticket, booking code or surname"));
    search_->SetName("search");
    bar->Add(search_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    state_filter_ = new wxChoice(root, wxID_ANY);
    bar->Add(state_filter_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    service_filter_ = new wxChoice(root, wxID_ANY);
    bar->Add(service_filter_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    bar->AddStretchSpacer(1);
    auto* image = new wxButton(root, wxID_ANY, _("QR from picture..."));
    image->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decode_image_file(); });
    bar->Add(image, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    auto* paste = new wxButton(root, wxID_ANY, _("QR from clipboard"));
    paste->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decode_clipboard(); });
    bar->Add(paste, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    auto* settings = new wxButton(root, wxID_ANY, _("Settings"));
    settings->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_settings(); });
    bar->Add(settings, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(4));
    sizer->Add(bar, 0, wxEXPAND);

    notice_ = new wxStaticText(root, wxID_ANY, wxString());
    notice_->SetName("notice");
    notice_->SetFont(notice_->GetFont().Scaled(1.1f));
    sizer->Add(notice_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));

    pages_ = new wxNotebook(root, wxID_ANY);
    auto* splitter = new wxSplitterWindow(pages_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3D);
    view_ = new wxDataViewCtrl(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxDV_SINGLE | wxDV_ROW_LINES | wxDV_VERT_RULES);
    view_->AssociateModel(table_.get());
    QueueTable::add_columns(*view_);
    view_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent& event) {
        if (!event.GetItem().IsOk()) return;
        const auto id = table_->booking_at(table_->GetRow(event.GetItem()));
        if (id != 0 && id != open_booking_) open(id, false);
    });
    booking_panel_ = new BookingPanel(
        splitter, BookingPanel::Callbacks{[this] { on_verify(); },
                                          [this](core::BookingAction a) { on_action(a); },
                                          [this] { on_call_next(); }});
    splitter->SplitVertically(view_, booking_panel_, FromDIP(780));
    splitter->SetMinimumPaneSize(FromDIP(300));
    pages_->AddPage(splitter, _("Queue"));
    if (session_.supervises()) {
        supervisor_panel_ = new SupervisorPanel(
            pages_, SupervisorPanel::Callbacks{
                        [this] { reload(); },
                        [this](bool active) {
                            const auto token = session_.token;
                            worker_->post([this, token, active] {
                                auto done = link_->api().set_alert(token, active);
                                CallAfter([this, done, active] {
                                    if (!done)
                                        show_notice(problem_text(done.problem()), true);
                                    else
                                        show_notice(active
                                                        ? _("Alert mode is on: calling is stopped.")
                                                        : _("Alert mode is off."),
                                                    false);
                                    reload();
                                });
                            });
                        },
                        [this](const std::string& identity) {
                            const auto token = session_.token;
                            worker_->post([this, token, identity] {
                                auto done = link_->api().unblock(token, identity);
                                CallAfter([this, done] {
                                    show_notice(done ? _("The identity is unblocked.")
                                                     : problem_text(done.problem()),
                                                !done);
                                });
                            });
                        },
                        [this](std::int64_t booking) {
                            const auto token = session_.token;
                            worker_->post([this, token, booking] {
                                auto entries = link_->api().audit(token, booking);
                                CallAfter([this, entries, booking] {
                                    if (!entries)
                                        show_notice(problem_text(entries.problem()), true);
                                    else
                                        supervisor_panel_->show_audit(booking, entries.value());
                                });
                            });
                        }});
        pages_->AddPage(supervisor_panel_, _("The day"));
    }
    sizer->Add(pages_, 1, wxEXPAND);
    root->SetSizer(sizer);

    CreateStatusBar(2);

    // Filters.
    state_filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh_filters(); });
    service_filter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh_filters(); });
    search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refresh_filters(); });
    search_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        // Enter in the search field: a typed booking code opens the booking.
        const auto typed = search_->GetValue().utf8_string();
        if (classify_scan(typed).kind == ScanKind::BookingCode)
            on_scan(typed);
        else if (table_->row_count() == 1)
            open(table_->booking_at(0), false);
    });

    // Keys: every outcome has its function key; Ctrl+Enter checks the document; Ctrl+F finds.
    std::vector<wxAcceleratorEntry> keys;
    for (const auto& key : BookingPanel::outcome_keys())
        keys.emplace_back(wxACCEL_NORMAL, key.key, key.id);
    const int verify_id = wxWindow::NewControlId();
    const int find_id = wxWindow::NewControlId();
    const int reload_id = wxWindow::NewControlId();
    keys.emplace_back(wxACCEL_CTRL, WXK_RETURN, verify_id);
    keys.emplace_back(wxACCEL_CTRL, static_cast<int>('F'), find_id);
    keys.emplace_back(wxACCEL_CTRL, static_cast<int>('R'), reload_id);
    SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(keys.size()), keys.data()));
    for (const auto& key : BookingPanel::outcome_keys()) {
        Bind(
            wxEVT_MENU,
            [this, id = key.id](wxCommandEvent&) {
                if (auto* b = wxDynamicCast(FindWindow(id), wxButton); b && b->IsEnabled()) {
                    wxCommandEvent click(wxEVT_BUTTON, id);
                    click.SetEventObject(b);
                    b->ProcessWindowEvent(click);
                }
            },
            key.id);
    }
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_verify(); }, verify_id);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { search_->SetFocus(); }, find_id);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { reload(); }, reload_id);

    burst_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        // A fast burst that did not end with Enter was typing: give it back to its field.
        if (swallowed_.empty()) return;
        if (auto* entry = dynamic_cast<wxTextEntry*>(burst_target_)) entry->WriteText(swallowed_);
        swallowed_.clear();
    });
    retry_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { reload(); });

    SetDropTarget(new PictureDrop([this](const std::string& path) {
        auto text = qr::decode_qr_image(path);
        if (!text)
            show_notice(problem_text(text.problem()), true);
        else
            on_scan(text.value());
    }));

    who_->SetLabel(session_.window ? wxString::Format(_("Window %d: %s"), session_.window->number,
                                                      wxString::FromUTF8(session_.login))
                                   : wxString::FromUTF8(session_.login));
    update_status();
}

void MainFrame::start() {
    show_notice(_("Loading the day..."), false);
    reload();
}

void MainFrame::reload() {
    // One load at a time: a slow or unreachable server must not pile loads up behind the
    // clerk's outcomes (the retry timer fires every few seconds).
    if (reload_pending_) return;
    reload_pending_ = true;
    const auto session = session_;
    const auto at = now();
    worker_->post([this, session, at] {
        auto load = link_->load_day(session, at);
        CallAfter([this, load = std::move(load)]() mutable { apply_load(std::move(load)); });
        release_free_memory();  // the parsed answer is gone; its pages go back to the system
    });
}

void MainFrame::apply_load(DayLoad load) {
    reload_pending_ = false;
    ++loads_;
    if (load.center) center_ = *load.center;
    if (load.keys) {
        core::KeyRing ring;
        for (const auto& key : load.keys->keys) {
            auto verifying = core::load_verifying_key_pem(key.public_pem);
            if (verifying) (void)ring.add(verifying.value(), core::Instant{});
        }
        keys_ = std::move(ring);
    }
    if (load.queue) queue_.replace(std::move(*load.queue));
    set_online(load.online, load.cached_at);
    pending_outbox_ = load.flush.still_pending;
    show_refusals(load.refusals);
    refresh_filters();
    refresh_booking();
    if (supervisor_panel_)
        supervisor_panel_->show_day(
            summarize_day(queue_.bookings(), queue_.day(), center_.time_zone), center_,
            queue_.bookings(), queue_.alert());
    if (load.flush.stopped == "unauthorised" ||
        (load.problem && (load.problem->code == "auth.session_invalid")))
        CallAfter([this] { log_in_again(); });
    if (load.certificate_changed)
        show_notice(problem_text(core::Problem("desk.certificate_changed_in_session")), true);
    else if (load.problem && !load.queue)
        show_notice(problem_text(*load.problem), true);
    else if (notice_->GetLabel() == _("Loading the day..."))
        show_notice(wxString(), false);
    update_status();
}

void MainFrame::set_online(bool online, std::optional<core::Instant> cached_at) {
    const bool changed = online != online_ || !offline_banner_->IsShown() == !online;
    online_ = online;
    cached_at_ = cached_at;
    if (online) {
        retry_timer_.Stop();
        offline_banner_->Hide();
        if (!events_) start_events();
    } else {
        events_.reset();
        wxString text = _("No connection to the server. Working from this desk's copy");
        if (cached_at)
            text += " (" +
                    wxString::Format(_("saved at %s"), local_time(*cached_at, center_.time_zone)) +
                    ")";
        text += ". ";
        text += _("Scans still verify; outcomes are kept and sent once the server is back.");
        offline_text_->SetLabel(text);
        // Two lines rather than a sentence cut at the window's edge (Ukrainian is longer).
        offline_text_->Wrap(std::max(FromDIP(400), GetClientSize().x - FromDIP(220)));
        offline_banner_->Show();
        if (!retry_timer_.IsRunning()) retry_timer_.Start(kRetrySeconds * 1000);
    }
    if (changed) Layout();
    if (auto* root = GetChildren().empty() ? nullptr : GetChildren().front()) root->Layout();
}

void MainFrame::start_events() {
    auto* frame = this;
    EventStreamConnection::Callbacks callbacks;
    callbacks.on_event = [frame](const ServerEvent& event) {
        frame->CallAfter([frame, event] { frame->on_server_event(event); });
    };
    callbacks.on_state = [frame](bool connected) {
        frame->CallAfter([frame, connected] { frame->on_stream_state(connected); });
    };
    events_ = std::make_unique<EventStreamConnection>(
        settings_.server, session_.token,
        DeskSettings::pinned_fingerprint(data_dir_ / kSettingsFile, settings_.server),
        std::move(callbacks));
}

void MainFrame::on_server_event(const ServerEvent& event) {
    if (event.event == "resync") return reload();
    if (event.event != "queue") return;
    auto parsed = read_queue_event(event.data);
    if (!parsed) return;
    if (!queue_.apply(parsed.value())) return reload();
    table_->refresh();
    if (parsed.value().booking == open_booking_) refresh_booking();
}

void MainFrame::on_stream_state(bool connected) {
    // A dropped stream may be a stopped server: check (the load falls back to the copy).
    if (!connected && online_) reload();
}

void MainFrame::show_refusals(const std::vector<OutboxEntry>& refusals) {
    refusals_ = refusals;
    if (refusals.empty()) {
        refusal_banner_->Hide();
    } else {
        wxString text =
            wxString::Format(wxPLURAL("%d action made earlier was refused by the server:",
                                      "%d actions made earlier were refused by the server:",
                                      static_cast<int>(refusals.size())),
                             static_cast<int>(refusals.size()));
        for (const auto& entry : refusals) {
            const auto* booking = queue_.find(entry.request.booking_id);
            text += "\n  ";
            if (booking)
                text += wxString::Format(_("ticket %s"),
                                         wxString::FromUTF8(booking->ticket_display.empty()
                                                                ? booking->code
                                                                : booking->ticket_display)) +
                        ": ";
            if (entry.state == OutboxState::Expired)
                text += _("not sent for too long, dropped");
            else
                text += problem_text(core::Problem(entry.problem_code));
        }
        refusal_text_->SetLabel(text);
        refusal_banner_->Show();
    }
    refusal_banner_->GetParent()->Layout();
}

void MainFrame::show_notice(const wxString& text, bool bad) {
    notice_->SetLabel(text);
    notice_->SetForegroundColour(bad ? wxColour(0xB0, 0x00, 0x20) : wxColour(0x1B, 0x5E, 0x20));
    notice_->GetParent()->Layout();
}

void MainFrame::update_status() {
    SetStatusText(online_ ? _("Online") : _("OFFLINE"), 0);
    SetStatusText(pending_outbox_ > 0
                      ? wxString::Format(wxPLURAL("%d action waiting to be sent",
                                                  "%d actions waiting to be sent", pending_outbox_),
                                         pending_outbox_)
                      : wxString(),
                  1);
}

void MainFrame::refresh_filters() {
    // The choices are rebuilt from the center's services when they change.
    if (state_filter_->IsEmpty()) {
        state_filter_->Append(_("All states"));
        for (const auto state : {core::BookingState::Booked, core::BookingState::Arrived,
                                 core::BookingState::Called, core::BookingState::InService,
                                 core::BookingState::Served, core::BookingState::Refused,
                                 core::BookingState::NoShow, core::BookingState::Cancelled})
            state_filter_->Append(state_name(state));
        state_filter_->SetSelection(0);
    }
    const auto language = std::string(text::language_code(text::active_language()));
    if (service_filter_->GetCount() != center_.services.size() + 1) {
        service_filter_->Clear();
        service_filter_->Append(_("All services"));
        for (const auto& service : center_.services)
            service_filter_->Append(
                wxString::FromUTF8(language == "en" ? service.name_en : service.name_uk));
        service_filter_->SetSelection(0);
    }
    QueueFilter filter;
    const int state = state_filter_->GetSelection();
    if (state > 0) filter.state = static_cast<core::BookingState>(state - 1);
    const int service = service_filter_->GetSelection();
    if (service > 0 && static_cast<std::size_t>(service) <= center_.services.size())
        filter.service_id = center_.services[service - 1].id;
    filter.search = search_->GetValue().utf8_string();
    table_->set_filter(filter);
    if (open_booking_ != 0) {
        const int row = table_->row_of(open_booking_);
        if (row >= 0) view_->Select(table_->GetItem(static_cast<unsigned>(row)));
    }
}

void MainFrame::open(std::int64_t booking_id, bool by_scan) {
    open_booking_ = booking_id;
    open_by_scan_ = by_scan;
    mrz_.reset();
    const QueueBooking* booking = queue_.find(booking_id);
    const bool mine = booking && session_.window && booking->window_id == session_.window->id;
    const auto language = std::string(text::language_code(text::active_language()));
    booking_panel_->show_booking(
        booking, by_scan || mine || session_.supervises(),
        booking ? center_.service_name(booking->waiting_service(), language) : std::string());
    refresh_booking();
    const int row = table_->row_of(booking_id);
    if (row >= 0) {
        const auto item = table_->GetItem(static_cast<unsigned>(row));
        view_->Select(item);
        view_->EnsureVisible(item);
    }
}

void MainFrame::refresh_booking() {
    const QueueBooking* booking = queue_.find(open_booking_);
    const bool call_next = can_call_next(center_, session_, queue_.alert());
    if (!booking) {
        booking_panel_->enable_actions({}, call_next);
        return;
    }
    booking_panel_->enable_actions(
        enabled_actions(*booking, center_, session_, queue_.alert(), now()), call_next);
}

void MainFrame::on_verify() {
    const QueueBooking* booking = queue_.find(open_booking_);
    // Ctrl+Enter and Enter in the last field do what the button does, and only when it may.
    if (!booking || !booking->registration || !booking_panel_->can_verify()) return;
    auto document = presented_document(booking_panel_->fields());
    if (!document) return booking_panel_->show_entry_problem(document.problem());
    // Decided here at once (the core's rules, the same as the server's), recorded there.
    const auto local = core::verify(*booking->registration, document.value(), today());
    booking_panel_->show_verification(
        local, online_
                   ? _("Checked on this desk; being recorded on the server...")
                   : _("Checked on this desk; the attempt is recorded when the server is back."));
    refresh_booking();
    const auto session = session_;
    const auto id = booking->id;
    const auto presented = document.value();
    const auto at = now();
    const bool online = online_;
    worker_->post([this, session, id, presented, at, online] {
        if (online) {
            auto answer = link_->api().verify(session.token, id, presented);
            if (answer || !is_offline_problem(answer.problem())) {
                CallAfter([this, answer, id] {
                    if (open_booking_ != id) return;
                    if (!answer) return show_notice(problem_text(answer.problem()), true);
                    booking_panel_->show_verification(answer.value().verification,
                                                      _("Recorded on the server."));
                });
                return;
            }
        }
        auto done = link_->record(session, verify_request(id, presented, session.login), at);
        CallAfter([this, done] {
            pending_outbox_ = done.flush.still_pending;
            update_status();
        });
    });
}

void MainFrame::on_call_next() {
    const auto session = session_;
    if (!online_) {
        // Offline: the core's call order over this desk's copy of the day.
        std::vector<core::WindowBooking> waiting;
        for (const auto& b : queue_.bookings())
            waiting.push_back(
                {b.id, b.day, b.start, b.state, b.waiting_service(), b.window_id, b.ticket});
        auto next = core::next_to_call(
            center_.schedule(), session_.window ? session_.window->id : "", waiting, today());
        if (!next) return show_notice(problem_text(next.problem()), true);
        const auto id = queue_.bookings()[next.value()].id;
        open(id, false);
        on_action(core::BookingAction::Call);
        return;
    }
    worker_->post([this, session] {
        auto called = link_->call_next(session);
        CallAfter([this, called] {
            if (!called) {
                if (called.problem().code == "desk.offline") {
                    // No answer: from now on the desk's own copy decides.
                    set_online(false, cached_at_);
                    on_call_next();
                } else {
                    show_notice(problem_text(called.problem()), true);
                }
                return;
            }
            queue_.update(called.value());
            table_->refresh();
            show_notice(_("Done."), false);
            open(called.value().id, false);
        });
    });
}

void MainFrame::on_action(core::BookingAction action) {
    // The dialogs below run a nested event loop in which a reload may replace the queue: keep
    // a copy of the booking, never a pointer into the queue.
    const QueueBooking* shown = queue_.find(open_booking_);
    if (!shown) return;
    const QueueBooking booking = *shown;
    const bool mismatch = booking_panel_->last_verdict_mismatch();
    ActionRequest request;
    request.action = action;
    if (action == core::BookingAction::Serve && serve_needs_result(booking, center_)) {
        auto result = ask_exam_result(this);
        if (!result) return;
        request.result = *result;
    }
    if (action == core::BookingAction::Refuse) {
        auto refusal = ask_refusal(this, mismatch);
        if (!refusal) return;
        request.refusal = refusal->reason;
        request.refusal_note = refusal->note;
    }
    if (action == core::BookingAction::Transfer) {
        auto target = ask_transfer(this, center_, booking);
        if (!target) return;
        request.transfer = *target;
    }
    const auto session = session_;
    const auto id = booking.id;
    const auto at = now();
    worker_->post([this, session, id, request, at] {
        auto done = link_->record(session, action_request(id, request, session.login), at);
        CallAfter([this, done, id, action = request.action] { apply_action(done, id, action); });
    });
}

void MainFrame::log_in_again() {
    if (login_open_) return;
    login_open_ = true;
    show_notice(_("The server ended this session: log in again to send what is kept."), true);
    LoginDialog dialog(this, settings_, data_dir_);
    const bool ok = dialog.ShowModal() == wxID_OK;
    login_open_ = false;
    if (!ok) return;
    session_ = dialog.session();
    auto fresh = std::make_shared<std::unique_ptr<DeskLink>>(dialog.take_link());
    // The link belongs to the worker: it is swapped there, between two jobs.
    worker_->post([this, fresh] { link_ = std::move(*fresh); });
    events_.reset();
    reload();
}

void MainFrame::apply_action(ActionDone done, std::int64_t booking_id, core::BookingAction action) {
    pending_outbox_ = done.flush.still_pending;
    if (done.flush.stopped == "unauthorised") CallAfter([this] { log_in_again(); });
    if (done.problem) {
        show_notice(problem_text(*done.problem), true);
    } else if (done.state == OutboxState::Delivered) {
        if (done.booking) {
            queue_.update(*done.booking);
            booking_id = done.booking->id;
        }
        set_online(true, std::nullopt);
        show_notice(_("Done."), false);
    } else if (done.state == OutboxState::Pending) {
        // Kept in the outbox: show the new state now, the server gets it when it is back.
        if (const QueueBooking* b = queue_.find(booking_id)) {
            QueueBooking changed = *b;
            const auto result = serve_needs_result(*b, center_)
                                    ? std::optional(core::ServiceResult::Passed)
                                    : std::nullopt;
            if (apply_kept_action(changed, action, session_, queue_.alert(), result))
                queue_.update(changed);
        }
        if (done.flush.stopped == "offline") set_online(false, cached_at_);
        show_notice(_("Saved on this desk; it is sent when the server is back."), false);
    } else {
        show_notice(problem_text(core::Problem(done.problem_code)), true);
        worker_->post([this] {
            auto refusals = link_->outbox().unacknowledged_refusals();
            if (refusals) CallAfter([this, list = refusals.value()] { show_refusals(list); });
        });
    }
    table_->refresh();
    // The answer is for the booking on screen: show its new state, keep what was typed and
    // the verdict (a refusal after a failed check keeps its reason). Another booking opened
    // meanwhile stays open.
    if (booking_id != 0 && booking_id == open_booking_) {
        if (const QueueBooking* b = queue_.find(booking_id)) booking_panel_->update_state(*b);
        refresh_booking();
    }
    if (supervisor_panel_)
        supervisor_panel_->show_day(
            summarize_day(queue_.bookings(), queue_.day(), center_.time_zone), center_,
            queue_.bookings(), queue_.alert());
    update_status();
}

void MainFrame::show_settings() {
    SettingsDialog dialog(this, settings_);
    if (dialog.ShowModal() != wxID_OK) return;
    const auto changed = dialog.settings();
    const bool language_changed = changed.language != settings_.language;
    settings_ = changed;
    burst_ = ScannerBurst(BurstSettings{std::chrono::milliseconds(settings_.burst_gap_ms), 8});
    if (!settings_.save(data_dir_ / kSettingsFile))
        show_notice(_("The settings could not be saved."), true);
    else if (language_changed)
        show_notice(_("The language changes when the desk is started again."), false);
}

}  // namespace cherha::desk::ui
