// The window's operations: the day's queue, finding a scanned booking, verifying the presented
// document, the state transitions (with idempotency keys), calling the next visitor, unblocking
// an identity after no-shows.
#include <algorithm>

#include "center/center_state.h"
#include "center/service_center.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_time.h"
#include "core/token/booking_code.h"
#include "core/token/booking_token.h"

namespace cherha::center {

namespace {

constexpr std::size_t kMaxIdempotencyKeyBytes = 100;

core::Problem booking_not_found() {
    return core::Problem("center.not_found", {{"what", "booking"}});
}

bool printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

core::BookingActor actor_of(const Actor& staff) {
    return staff.role == store::StaffRole::Clerk ? core::BookingActor::Clerk
                                                 : core::BookingActor::Supervisor;
}

// The service a visitor waits for: the booked one, or the one they were transferred to.
const std::string& current_service(const store::BookingRecord& b) {
    return b.transfer && !b.transfer->service_id.empty() ? b.transfer->service_id : b.service_id;
}

bool window_exists(const core::CenterSchedule& schedule, std::string_view window) {
    return std::any_of(schedule.windows.begin(), schedule.windows.end(),
                       [&](const core::ServiceWindow& w) { return w.id == window; });
}

// Whether `window` may call `b`: the window it was sent to, or else one serving its service.
bool window_serves(const core::CenterSchedule& schedule, std::string_view window,
                   const store::BookingRecord& b) {
    if (window.empty() || !window_exists(schedule, window)) return false;
    if (!b.window_id.empty()) return b.window_id == window;
    const core::Service* service = core::find_service(schedule, current_service(b));
    return service && std::find(service->window_ids.begin(), service->window_ids.end(), window) !=
                          service->window_ids.end();
}

bool is_priority(const store::BookingRecord& b) {
    return b.ticket && b.ticket->sequence == core::TicketSequence::Priority;
}

}  // namespace

core::Result<std::vector<store::BookingRecord>> ServiceCenter::queue(
    Date day, const store::BookingFilter& filter) {
    CHERHA_SESSION(session, store_.read());
    return session.day_bookings(day, filter);
}

core::Result<IssuedBooking> ServiceCenter::find_for_desk(std::string_view scanned_or_code) {
    std::optional<store::BookingRecord> found;
    if (scanned_or_code.rfind(core::kBookingTokenPrefix, 0) == 0) {
        auto token = core::verify_booking_token(scanned_or_code, state_->keys,
                                                {state_->settings.center_id, today()});
        if (!token) return token.problem();
        CHERHA_SESSION(session, store_.read());
        auto booking = session.booking(static_cast<std::int64_t>(token->claims.booking_id));
        if (!booking) return booking.problem();
        if (!booking->has_value() || (*booking)->day != token->claims.visit_day ||
            (*booking)->slot_minute != token->claims.slot_minute)
            return booking_not_found();
        found = std::move(**booking);
    } else {
        auto code = core::parse_booking_code(scanned_or_code);
        if (!code) return code.problem();
        CHERHA_SESSION(session, store_.read());
        auto booking = session.booking_by_code(code->canonical);
        if (!booking) return booking.problem();
        if (!booking->has_value()) return booking_not_found();
        found = std::move(**booking);
    }
    return issued(std::move(*found));
}

core::Result<core::Verification> ServiceCenter::verify_document(
    const Actor& staff, std::int64_t booking_id, const core::PresentedDocument& presented) {
    CHERHA_SESSION(session, store_.write());
    auto booking = session.booking(booking_id);
    if (!booking) return booking.problem();
    if (!booking->has_value()) return booking_not_found();
    if (!(*booking)->registration) return core::Problem("center.personal_data_erased");
    core::Verification verification = core::verify(*(*booking)->registration, presented, today());

    // The audit keeps which fields matched, never the values.
    std::vector<std::pair<std::string, std::string>> details;
    for (const auto& field : verification.fields)
        details.emplace_back(std::string(core::verified_field_id(field.field)),
                             std::string(core::field_status_id(field.status)));
    auto audited = session.append_audit(
        {now(), staff.audit_name(), staff.window_id, "verification", booking_id,
         std::string(core::verdict_id(verification.verdict)), detail::details_json(details)});
    if (!audited) return audited.problem();
    if (auto problem = session.commit()) return *problem;
    return verification;
}

core::Result<ServiceCenter::Outcome> ServiceCenter::apply(
    store::StoreSession& session, const Actor& staff, store::BookingRecord booking,
    const BookingCommand& command, const std::optional<Idempotency>& idempotency,
    const Responder& respond) {
    const auto& settings = state_->settings;
    const Instant at = now();
    const core::Service* service = core::find_service(settings.schedule, current_service(booking));

    // A clerk works on the visitors of their own window; a supervisor anywhere.
    const bool at_window = command.action != core::BookingAction::Arrive &&
                           command.action != core::BookingAction::Call &&
                           command.action != core::BookingAction::Cancel;
    if (staff.role == store::StaffRole::Clerk && at_window && !booking.window_id.empty() &&
        booking.window_id != staff.window_id)
        return core::Problem("center.wrong_window", {{"window", booking.window_id}});

    // What happens at a window happens today; a no-show only once the slot has begun.
    switch (command.action) {
        case core::BookingAction::Arrive:
        case core::BookingAction::Call:
        case core::BookingAction::Recall:
        case core::BookingAction::Start:
            if (booking.day != today())
                return core::Problem("center.not_today",
                                     {{"day", core::format_iso_date(booking.day)}});
            break;
        case core::BookingAction::MarkNoShow:
            if (at < booking.slot_start)
                return core::Problem(
                    "center.too_early",
                    {{"starts_at", core::format_local_instant(booking.slot_start, *state_->zone)}});
            break;
        default:
            break;
    }
    if (command.action == core::BookingAction::Call &&
        !window_serves(settings.schedule, staff.window_id, booking))
        return core::Problem("center.wrong_window", {{"window", staff.window_id}});
    if (command.transfer) {
        const auto& target = *command.transfer;
        const std::string& service_id =
            target.service_id.empty() ? current_service(booking) : target.service_id;
        const core::Service* to = core::find_service(settings.schedule, service_id);
        if (!to) return core::Problem("center.unknown_service", {{"service", service_id}});
        if (!target.window_id.empty() && (!window_exists(settings.schedule, target.window_id) ||
                                          std::find(to->window_ids.begin(), to->window_ids.end(),
                                                    target.window_id) == to->window_ids.end()))
            return core::Problem("center.window_unknown", {{"window", target.window_id}});
    }

    core::TransitionContext context;
    context.alert_active = state_->alert && !settings.works_during_alert;
    context.before_cancellation_deadline =
        !core::check_cancellation(booking.slot_start, at, *state_->zone, settings.rules);
    context.service_has_result = service && service->retake_pause_days.has_value();
    context.result = command.result;
    context.refusal = command.refusal;
    context.transfer = command.transfer;
    auto transition =
        core::apply_booking_action(booking.state, command.action, actor_of(staff), context);
    if (!transition) return transition.problem();

    booking.state = transition->to;
    booking.updated_at = at;
    switch (command.action) {
        case core::BookingAction::Arrive: {
            booking.arrived_at = at;
            core::TicketBook book(std::to_string(settings.center_id), booking.day);
            auto day = session.day_bookings(booking.day, {});
            if (!day) return day.problem();
            for (const auto& other : *day)
                if (other.ticket) {
                    auto restored =
                        book.restore(*other.ticket,
                                     other.identity_keys.empty() ? "" : other.identity_keys.front(),
                                     other.service_id);
                    if (!restored) return restored.problem();
                }
            const std::string key =
                booking.identity_keys.empty() ? "" : booking.identity_keys.front();
            auto ticket = command.priority
                              ? book.issue_priority(*command.priority, key, booking.service_id)
                              : book.issue_regular();
            if (!ticket) return ticket.problem();
            booking.ticket = *ticket;
            break;
        }
        case core::BookingAction::Call:
            booking.window_id = staff.window_id;
            booking.called_at = at;
            break;
        case core::BookingAction::Recall:
            ++booking.recalls;
            booking.called_at = at;
            break;
        case core::BookingAction::Start:
            booking.window_id = staff.window_id.empty() ? booking.window_id : staff.window_id;
            booking.started_at = at;
            break;
        case core::BookingAction::Serve:
        case core::BookingAction::Refuse:
        case core::BookingAction::MarkNoShow:
        case core::BookingAction::Cancel:
            booking.finished_at = at;
            booking.result = transition->result;
            booking.refusal = transition->refusal;
            break;
        case core::BookingAction::Transfer:
            // The booked service stays as booked (statistics); the transfer names where the
            // visitor waits now (see current_service()).
            booking.transfer = transition->transfer;
            booking.window_id = transition->transfer->window_id;  // "" = any window of the service
            booking.called_at.reset();
            booking.started_at.reset();
            break;
    }
    if (auto problem = session.update_booking(booking)) return *problem;

    std::vector<std::pair<std::string, std::string>> details{
        {"from", std::string(core::booking_state_id(transition->from))},
        {"to", std::string(core::booking_state_id(transition->to))}};
    if (booking.ticket) details.emplace_back("ticket", core::format_ticket(*booking.ticket));
    if (booking.result)
        details.emplace_back("result", std::string(core::service_result_id(*booking.result)));
    if (command.refusal)
        details.emplace_back("reason",
                             std::string(core::refusal_reason_id(command.refusal->reason)));
    if (command.transfer) {
        details.emplace_back("transfer_service", command.transfer->service_id);
        details.emplace_back("transfer_window", command.transfer->window_id);
    }
    auto audited =
        session.append_audit({at, staff.audit_name(), staff.window_id,
                              "booking." + std::string(core::booking_action_id(command.action)),
                              booking.id, "ok", detail::details_json(details)});
    if (!audited) return audited.problem();

    Outcome outcome = respond(booking);
    if (idempotency) {
        store::StoredResponse stored{idempotency->request_digest, outcome.status, outcome.body};
        if (auto problem = session.save_idempotent_response(staff.id, idempotency->key, stored, at))
            return *problem;
    }
    if (auto problem = session.commit()) return *problem;
    notify(event_of(booking));
    return outcome;
}

namespace {

// A replay of an earlier request under the same key, or nullopt to go on. Refuses a key reused
// with another request.
core::Result<std::optional<ServiceCenter::Outcome>> replay(
    store::StoreSession& session, const Actor& staff,
    const std::optional<Idempotency>& idempotency) {
    if (!idempotency) return std::optional<ServiceCenter::Outcome>();
    if (idempotency->key.empty() || idempotency->key.size() > kMaxIdempotencyKeyBytes ||
        !printable_ascii(idempotency->key))
        return core::Problem("request.invalid_field",
                             {{"field", "Idempotency-Key"}, {"expected", "1-100 printable ASCII"}});
    auto stored = session.idempotent_response(staff.id, idempotency->key);
    if (!stored) return stored.problem();
    if (!stored->has_value()) return std::optional<ServiceCenter::Outcome>();
    if ((*stored)->request_digest != idempotency->request_digest)
        return core::Problem("idempotency.key_reused");
    return std::optional<ServiceCenter::Outcome>(
        ServiceCenter::Outcome{(*stored)->status, (*stored)->body, true});
}

}  // namespace

core::Result<ServiceCenter::Outcome> ServiceCenter::act(
    const Actor& staff, std::int64_t booking_id, const BookingCommand& command,
    const std::optional<Idempotency>& idempotency, const Responder& respond) {
    CHERHA_SESSION(session, store_.write());
    auto replayed = replay(session, staff, idempotency);
    if (!replayed) return replayed.problem();
    if (replayed->has_value()) return **replayed;
    auto booking = session.booking(booking_id);
    if (!booking) return booking.problem();
    if (!booking->has_value()) return booking_not_found();
    return apply(session, staff, std::move(**booking), command, idempotency, respond);
}

core::Result<ServiceCenter::Outcome> ServiceCenter::call_next(
    const Actor& staff, const std::optional<Idempotency>& idempotency, const Responder& respond) {
    const auto& schedule = state_->settings.schedule;
    const auto& windows = schedule.windows;
    if (staff.window_id.empty() ||
        std::none_of(windows.begin(), windows.end(),
                     [&](const core::ServiceWindow& w) { return w.id == staff.window_id; }))
        return core::Problem("center.window_unknown", {{"window", staff.window_id}});
    if (state_->alert && !state_->settings.works_during_alert)
        return core::Problem("center.alert_active");

    CHERHA_SESSION(session, store_.write());
    auto replayed = replay(session, staff, idempotency);
    if (!replayed) return replayed.problem();
    if (replayed->has_value()) return **replayed;

    store::BookingFilter waiting;
    waiting.state = core::BookingState::Arrived;
    auto day = session.day_bookings(today(), waiting);
    if (!day) return day.problem();
    const store::BookingRecord* next = nullptr;
    auto serves = [&](const store::BookingRecord& b) {
        return window_serves(schedule, staff.window_id, b);
    };
    auto before = [](const store::BookingRecord& a, const store::BookingRecord& b) {
        if (is_priority(a) != is_priority(b)) return is_priority(a);
        if (a.slot_start != b.slot_start) return a.slot_start < b.slot_start;
        const int ta = a.ticket ? a.ticket->number : 0;
        const int tb = b.ticket ? b.ticket->number : 0;
        return ta != tb ? ta < tb : a.id < b.id;
    };
    for (const auto& b : *day)
        if (serves(b) && (!next || before(b, *next))) next = &b;
    if (!next) return core::Problem("center.nobody_waiting", {{"window", staff.window_id}});
    BookingCommand call;
    call.action = core::BookingAction::Call;
    return apply(session, staff, *next, call, idempotency, respond);
}

std::optional<core::Problem> ServiceCenter::unblock(const Actor& supervisor,
                                                    std::string_view identity) {
    auto keys = detail::keys_for_identity(identity);
    if (keys.empty())
        return core::Problem("request.invalid_field",
                             {{"field", "identity"}, {"expected", "RNOKPP or document number"}});
    CHERHA_SESSION(session, store_.write());
    const Instant at = now();
    if (auto problem = session.add_unblock(keys, at, supervisor.id)) return problem;
    auto audited = session.append_audit({at, supervisor.audit_name(), supervisor.window_id,
                                         "identity.unblock", std::nullopt, "ok", "{}"});
    if (!audited) return audited.problem();
    return session.commit();
}

}  // namespace cherha::center

namespace cherha::center {

core::Result<std::int64_t> ServiceCenter::close_past_days(int days_back) {
    const Date today_local = today();
    const Instant at = now();
    const auto& schedule = state_->settings.schedule;
    CHERHA_SESSION(session, store_.write());
    std::int64_t marked = 0;
    for (int back = days_back; back >= 1; --back) {
        const Date day = Date{date::sys_days{today_local} - date::days{back}};
        auto bookings = session.day_bookings(day, {});
        if (!bookings) return bookings.problem();
        for (auto booking : *bookings) {
            if (booking.state != core::BookingState::Booked &&
                booking.state != core::BookingState::Arrived)
                continue;
            // Time lost to an air-raid alert makes nobody a no-show (rule 9).
            const core::Service* service = core::find_service(schedule, current_service(booking));
            const Instant end =
                booking.slot_start + (service ? service->duration : std::chrono::minutes(0));
            auto alerts = session.alerts_between(booking.slot_start, end);
            if (!alerts) return alerts.problem();
            if (!alerts->empty()) continue;
            auto transition = core::apply_booking_action(
                booking.state, core::BookingAction::MarkNoShow, core::BookingActor::System, {});
            if (!transition) continue;
            booking.state = transition->to;
            booking.updated_at = at;
            booking.finished_at = at;
            if (auto problem = session.update_booking(booking)) return *problem;
            auto audited = session.append_audit(
                {at, "system", "", "booking.mark_no_show", booking.id, "ok",
                 detail::details_json(
                     {{"from", std::string(core::booking_state_id(transition->from))},
                      {"reason", "end_of_day"}})});
            if (!audited) return audited.problem();
            ++marked;
        }
    }
    if (auto problem = session.commit()) return *problem;
    return marked;
}

}  // namespace cherha::center
