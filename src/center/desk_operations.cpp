// The window's operations: the day's queue, finding a scanned booking, verifying the presented
// document, the state transitions (with idempotency keys), calling the next visitor, unblocking
// an identity after no-shows.
#include <algorithm>

#include "center/center_state.h"
#include "center/service_center.h"
#include "core/booking/window_rules.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_time.h"
#include "core/quota/calendar_period.h"
#include "core/quota/retake_pause.h"
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
    return core::waiting_service_id(b.service_id, b.transfer);
}

// What the core's window rules (core/booking/window_rules.h) look at in a stored booking.
core::WindowBooking window_facts(const store::BookingRecord& b) {
    return {b.id, b.day, b.slot_start, b.state, current_service(b), b.window_id, b.ticket};
}

std::vector<core::WindowBooking> window_facts(const std::vector<store::BookingRecord>& day) {
    std::vector<core::WindowBooking> facts;
    facts.reserve(day.size());
    for (const auto& b : day) facts.push_back(window_facts(b));
    return facts;
}

// The retake pause at the window (PRODUCT.md rule 4): admit() checked it when the booking was
// made, but the identity may have failed the exam since, with another booking. The decision is
// the core's; this only reads the attempts of any of the booking's identity keys.
std::optional<core::Problem> check_retake(store::StoreSession& session,
                                          const store::BookingRecord& booking,
                                          const core::Service& service) {
    if (!service.retake_pause_days || booking.identity_keys.empty()) return std::nullopt;
    // An attempt older than the longest pause can never refuse (decide_retake clamps to it).
    const Date from = core::quota_calendar::add_days(booking.day, -core::kMaxRetakePauseDays);
    auto history = session.identity_bookings(booking.identity_keys, from, booking.day);
    if (!history) return history.problem();
    return detail::retake_refusal(*history, service, booking.day, booking.id);
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
        const auto config = state_->config();
        auto token = core::verify_booking_token(scanned_or_code, config->keys,
                                                {config->settings.center_id, today()});
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
    const Actor& staff, std::int64_t booking_id, const core::PresentedDocument& presented,
    std::span<const core::Problem> document_problems) {
    CHERHA_SESSION(session, store_.write());
    auto booking = session.booking(booking_id);
    if (!booking) return booking.problem();
    if (!booking->has_value()) return booking_not_found();
    if (!(*booking)->registration) return core::Problem("center.personal_data_erased");
    core::Verification verification =
        core::verify(*(*booking)->registration, presented, today(), document_problems);

    // The audit keeps which fields matched and the codes of the verdict's problems (e.g. a
    // failed MRZ check digit), never the values.
    std::vector<std::pair<std::string, std::string>> details;
    for (const auto& field : verification.fields)
        details.emplace_back(std::string(core::verified_field_id(field.field)),
                             std::string(core::field_status_id(field.status)));
    if (!verification.problems.empty()) {
        std::string codes;
        for (const auto& problem : verification.problems)
            codes += (codes.empty() ? "" : ",") + problem.code;
        details.emplace_back("problems", codes);
    }
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
    const auto config = state_->config();
    const auto& settings = config->settings;
    const Instant at = now();
    const core::Service* service = core::find_service(settings.schedule, current_service(booking));

    // The window's own rules (whose visitor, which day, which window, where to), then the
    // state machine's.
    if (auto problem = core::check_window_action(
            settings.schedule, *config->zone, {actor_of(staff), staff.window_id},
            window_facts(booking), command.action, command.transfer, today(), at))
        return *problem;

    core::TransitionContext context;
    context.alert_active = state_->alert && !settings.works_during_alert;
    context.before_cancellation_deadline =
        !core::check_cancellation(booking.slot_start, at, *config->zone, settings.rules);
    context.service_has_result = service && service->retake_pause_days.has_value();
    context.result = command.result;
    context.refusal = command.refusal;
    context.transfer = command.transfer;
    auto transition =
        core::apply_booking_action(booking.state, command.action, actor_of(staff), context);
    if (!transition) return transition.problem();
    if (command.action == core::BookingAction::Start && service)
        if (auto refusal = check_retake(session, booking, *service)) return *refusal;

    booking.state = transition->to;
    booking.updated_at = at;
    switch (command.action) {
        case core::BookingAction::Arrive: {
            booking.arrived_at = at;
            auto ticket =
                detail::issue_ticket(session, settings.center_id, booking.day, booking.service_id,
                                     booking.identity_keys, command.priority);
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
    notify(event_of(booking, audited->seq));
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
    const auto config = state_->config();
    const auto& schedule = config->settings.schedule;
    if (auto problem = core::check_calling_window(schedule, staff.window_id)) return *problem;
    if (state_->alert && !config->settings.works_during_alert)
        return core::Problem("center.alert_active");

    CHERHA_SESSION(session, store_.write());
    auto replayed = replay(session, staff, idempotency);
    if (!replayed) return replayed.problem();
    if (replayed->has_value()) return **replayed;

    store::BookingFilter waiting;
    waiting.state = core::BookingState::Arrived;
    const Date day_local = today();
    auto day = session.day_bookings(day_local, waiting);
    if (!day) return day.problem();
    auto next = core::next_to_call(schedule, staff.window_id, window_facts(*day), day_local);
    if (!next) return next.problem();
    BookingCommand call;
    call.action = core::BookingAction::Call;
    return apply(session, staff, (*day)[*next], call, idempotency, respond);
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
    const auto config = state_->config();
    const auto& schedule = config->settings.schedule;
    CHERHA_SESSION(session, store_.write());
    std::int64_t marked = 0;
    for (int back = days_back; back >= 1; --back) {
        const Date day = Date{date::sys_days{today_local} - date::days{back}};
        auto bookings = session.day_bookings(day, {});
        if (!bookings) return bookings.problem();
        if (bookings->empty()) continue;
        const std::vector<core::WindowBooking> facts = window_facts(*bookings);
        // The alerts overlapping any slot of the day all overlap the span of its slots, so one
        // query finds every period end_of_day_no_shows() needs.
        Instant from = facts.front().slot_start;
        Instant to = core::slot_end(schedule, facts.front());
        for (const auto& f : facts) {
            from = std::min(from, f.slot_start);
            to = std::max(to, core::slot_end(schedule, f));
        }
        auto periods = session.alerts_between(from, to);
        if (!periods) return periods.problem();
        std::vector<core::AlertInterval> alerts;
        for (const auto& period : *periods) alerts.push_back({period.started_at, period.ended_at});
        for (const std::size_t index :
             core::end_of_day_no_shows(schedule, facts, alerts, today_local)) {
            store::BookingRecord booking = (*bookings)[index];
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
