// Creating bookings (online and at the terminal), and a citizen's look-up and cancellation.
// The capacity check, every quota, the no-show block, the retake pause and the insert of one
// booking happen in one savepoint of a write session, and the sessions are serialised, so
// concurrent requests can never overfill a slot or exceed a quota. Concurrent bookings share
// that write session (group commit, group_commit.h): each runs in its own savepoint, in
// arrival order, sees the ones before it, and is answered only after the one commit (one
// fsync) of the whole batch. Live events and QR signing follow the commit.
#include <algorithm>

#include "center/center_state.h"
#include "center/service_center.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_time.h"
#include "core/quota/calendar_period.h"
#include "core/quota/identity_key.h"
#include "core/quota/retake_pause.h"
#include "core/token/booking_code.h"
#include "core/token/booking_token.h"
#include "core/verification/registration_check.h"

namespace cherha::center {

struct ServiceCenter::Admission {
    const core::Service* service = nullptr;
    Date day{};
    std::vector<core::Slot> candidates;  // online: the one slot; terminal: today's usable slots
    core::BookingChannel channel = core::BookingChannel::Online;
    core::BookingActor actor = core::BookingActor::Citizen;
    const core::Registration* registration = nullptr;
    std::vector<std::string> keys;
    std::optional<core::PriorityCategory> priority;
    std::string audit_actor;
    // The settings the caller checked the request against: admit() uses the same ones (it runs
    // on the batch leader's thread, maybe after a reload), so no booking sees half a change.
    std::shared_ptr<const CenterConfig> config;
};

namespace {

Date far_past(Date day) {
    return core::quota_calendar::add_days(day, -3660);
}

// The registrations of one key in the month of `day`, as the quota rule needs them.
core::Result<std::vector<core::QuotaRegistration>> month_registrations(store::StoreSession& session,
                                                                       const std::string& key,
                                                                       Date day) {
    const Date first = day.year() / day.month() / date::day{1};
    const Date last = day.year() / day.month() / date::last;
    auto found = session.identity_bookings({key}, first, last);
    if (!found) return found.problem();
    std::vector<core::QuotaRegistration> out;
    for (const auto& b : *found) out.push_back({b.day, b.channel, b.state});
    return out;
}

}  // namespace

namespace detail {

namespace {

// Rebuilds the day's ticket book from the tickets already issued.
core::Result<core::TicketBook> day_ticket_book(store::StoreSession& session, std::uint32_t center,
                                               Date day) {
    core::TicketBook book(std::to_string(center), day);
    auto bookings = session.day_bookings(day, {});
    if (!bookings) return bookings.problem();
    for (const auto& b : *bookings) {
        if (!b.ticket) continue;
        auto restored = book.restore(*b.ticket, b.identity_keys, b.service_id);
        if (!restored) return restored.problem();
    }
    return book;
}

}  // namespace

std::optional<core::Problem> retake_refusal(const std::vector<store::IdentityBooking>& history,
                                            const core::Service& service, Date day,
                                            std::int64_t skip_booking) {
    if (!service.retake_pause_days) return std::nullopt;
    std::vector<Date> failed;
    for (const auto& b : history)
        if (b.booking_id != skip_booking && b.taken_service_id == service.id &&
            b.result == core::ServiceResult::Failed)
            failed.push_back(b.day);
    auto retake = core::decide_retake({*service.retake_pause_days}, failed, day);
    if (!retake) return retake.problem();
    if (!retake->allowed) return *retake->refusal;
    return std::nullopt;
}

// The next ticket of `day` for a visitor of `service` with the identity `keys`.
core::Result<core::Ticket> issue_ticket(store::StoreSession& session, std::uint32_t center,
                                        Date day, const std::string& service,
                                        const std::vector<std::string>& keys,
                                        const std::optional<core::PriorityCategory>& priority) {
    auto book = day_ticket_book(session, center, day);
    if (!book) return book.problem();
    if (!priority) return book.value().issue_regular();
    // One priority ticket per person and service a day under every key of the identity.
    return book.value().issue_priority(*priority, keys, service);
}

}  // namespace detail

core::Result<ServiceCenter::Admitted> ServiceCenter::admit(store::StoreSession& session,
                                                           const Admission& a) {
    const auto& config = a.config;
    const auto& settings = config->settings;
    const core::Registration& registration = *a.registration;

    // Quotas: under every key of the identity (identity_key.h), the first refusal wins.
    for (const auto& key : a.keys) {
        auto existing = month_registrations(session, key, a.day);
        if (!existing) return existing.problem();
        auto decision =
            core::decide_quota(settings.quotas, registration.kind, a.channel, a.day, *existing);
        if (!decision) return decision.problem();
        if (!decision->allowed) return *decision->refusal;
    }

    auto history = session.identity_bookings(a.keys, far_past(a.day), a.day);
    if (!history) return history.problem();

    // No-shows block online booking until a supervisor unblocks the identity.
    if (a.channel == core::BookingChannel::Online) {
        std::vector<core::NoShowRecord> no_shows;
        for (const auto& b : *history)
            if (b.state == core::BookingState::NoShow) no_shows.push_back({b.day, b.slot_start});
        auto unblocked = session.last_unblock(a.keys);
        if (!unblocked) return unblocked.problem();
        auto block = core::decide_no_show_block(settings.no_shows, a.channel, no_shows, *unblocked);
        if (block.blocked) return *block.refusal;
    }

    // A failed exam needs its pause before the retake.
    if (auto refusal = detail::retake_refusal(*history, *a.service, a.day)) return *refusal;

    // Capacity: the first candidate slot with a free place.
    auto occupancy = session.slot_occupancy(a.day, a.service->id);
    if (!occupancy) return occupancy.problem();
    const core::Slot* chosen = nullptr;
    for (const auto& slot : a.candidates) {
        auto it = occupancy->find(core::minute_of_day(slot));
        const int taken = it == occupancy->end() ? 0 : it->second;
        if (taken < slot.capacity) {
            chosen = &slot;
            break;
        }
    }
    if (!chosen) {
        if (a.channel == core::BookingChannel::Terminal)
            return core::Problem("center.no_free_slot", {{"service", a.service->id},
                                                         {"day", core::format_iso_date(a.day)}});
        return core::Problem(
            "center.slot_full",
            {{"service", a.service->id},
             {"day", core::format_iso_date(a.day)},
             {"time", detail::format_minute(core::minute_of_day(a.candidates.front()))}});
    }

    auto opening = core::opening_booking_state(a.actor, a.channel);
    if (!opening) return opening.problem();
    const Instant at = now();
    store::BookingRecord record;
    record.service_id = a.service->id;
    record.day = a.day;
    record.slot_minute = core::minute_of_day(*chosen);
    record.slot_start = chosen->start;
    record.channel = a.channel;
    record.state = *opening;
    record.registration = registration;
    record.identity_keys = a.keys;
    record.created_at = at;
    record.updated_at = at;
    if (record.state == core::BookingState::Arrived) {
        record.arrived_at = at;
        auto ticket = detail::issue_ticket(session, settings.center_id, a.day, a.service->id,
                                           a.keys, a.priority);
        if (!ticket) return ticket.problem();
        record.ticket = *ticket;
    }

    // A fresh code; a collision (1 in 29^7 per pair) just draws another.
    for (int attempt = 0;; ++attempt) {
        auto code = core::generate_booking_code();
        if (!code) return code.problem();
        record.code = code->canonical;
        auto inserted = session.insert_booking(record);
        if (inserted) {
            record = std::move(inserted).value();
            break;
        }
        if (inserted.problem().code != "store.duplicate" || attempt >= 5) return inserted.problem();
    }

    std::vector<std::pair<std::string, std::string>> details{
        {"service", record.service_id},
        {"day", core::format_iso_date(record.day)},
        {"time", detail::format_minute(record.slot_minute)},
        {"channel", std::string(core::booking_channel_id(record.channel))}};
    if (record.ticket) details.emplace_back("ticket", core::format_ticket(*record.ticket));
    auto audited = session.append_audit(
        {at, a.audit_actor, "", "booking.create", record.id, "ok", detail::details_json(details)});
    if (!audited) return audited.problem();
    return Admitted{std::move(record), audited->seq};
}

void ServiceCenter::count_abuse(std::string_view kind) {
    const Instant at = now();
    state_->batches->count_abuse(today(), kind);
    bool due = false;
    {
        std::lock_guard lock(state_->mutex);
        auto& since = state_->abuse_pending_since;
        if (!since || state_->batches->pending_count() <= 1) since = at;
        due = at - *since >= std::chrono::seconds(5);
        if (due) since.reset();
    }
    // Counting is best effort: a failed write keeps the counts pending, the refusal stands.
    if (due) (void)state_->batches->flush();
}

core::Result<IssuedBooking> ServiceCenter::book_online(const OnlineBookingRequest& request,
                                                       std::string_view remote_address) {
    const auto config = state_->config();
    const auto& settings = config->settings;
    const Instant at = now();
    if (!request.honeypot.empty()) {
        count_abuse("honeypot");
        return core::Problem("center.honeypot");
    }
    bool address_ok = false;
    {
        std::lock_guard lock(state_->mutex);
        address_ok = state_->by_address.allow(remote_address, at);
    }
    if (!address_ok) {
        count_abuse("rate_address");
        return core::Problem("center.rate_limited", {{"scope", "address"}});
    }
    if (request.pow_challenge.empty() || request.pow_nonce.empty()) {
        count_abuse("pow_missing");
        return core::Problem("center.pow_required");
    }
    if (auto problem = core::check_solution(state_->pow_secret, request.pow_challenge,
                                            request.pow_nonce, at)) {
        count_abuse("pow_invalid");
        return *problem;
    }
    auto challenge = core::parse_challenge(request.pow_challenge);
    if (!challenge) return challenge.problem();

    if (auto problems = core::check_registration(request.registration, today(),
                                                 settings.minimum_registrant_age);
        !problems.empty())
        return problems.front();
    auto keys = core::quota_identity_keys(request.registration);
    if (keys.empty()) return core::Problem("registration.identity_missing");
    bool identity_ok = false;
    {
        std::lock_guard lock(state_->mutex);
        identity_ok = state_->by_identity.allow(keys.front(), at);
    }
    if (!identity_ok) {
        count_abuse("rate_identity");
        return core::Problem("center.rate_limited", {{"scope", "identity"}});
    }

    const core::Service* service = core::find_service(settings.schedule, request.service_id);
    if (!service) return core::Problem("center.unknown_service", {{"service", request.service_id}});
    auto cached = config->slots.slots(settings.schedule, *service, request.day,
                                      detail::slots_worth_caching(settings, today(), request.day));
    if (!cached) return cached.problem();
    const std::vector<core::Slot>& slots = **cached;
    auto slot = std::find_if(slots.begin(), slots.end(), [&](const core::Slot& s) {
        return core::minute_of_day(s) == request.slot_minute;
    });
    if (slot == slots.end())
        return core::Problem("center.no_such_slot",
                             {{"service", request.service_id},
                              {"day", core::format_iso_date(request.day)},
                              {"time", detail::format_minute(request.slot_minute)}});
    if (auto problem = core::check_online_booking(*slot, at, *config->zone, settings.rules))
        return *problem;

    const Instant pow_expiry =
        challenge->issued_at + core::kPowDefaultMaxAge + core::kPowFutureSkew;
    const Date counted_day = today();
    const Admission admission{service,
                              request.day,
                              {*slot},
                              core::BookingChannel::Online,
                              core::BookingActor::Citizen,
                              &request.registration,
                              keys,
                              std::nullopt,
                              "citizen",
                              config};
    store::BookingRecord record;
    std::int64_t change = 0;
    GroupCommit::Job job;
    // Runs on the batch leader's thread while this one waits in run(): `record` is ours.
    job.work = [&](store::StoreSession& session) -> std::optional<core::Problem> {
        auto fresh = session.spend_pow(challenge->id_hex, pow_expiry);
        if (!fresh) return fresh.problem();
        if (!*fresh) return core::Problem("center.pow_reused");
        auto admitted = admit(session, admission);
        if (!admitted) return admitted.problem();
        record = std::move(admitted->record);
        change = admitted->change;
        return std::nullopt;
    };
    // Nothing of a refused booking stays (its savepoint is rolled back); the challenge stays
    // spent and a reuse, quota or block refusal is counted, in the same transaction.
    job.keep_after_refusal = [&](store::StoreSession& session, const core::Problem& refusal) {
        (void)session.spend_pow(challenge->id_hex, pow_expiry);
        const auto& code = refusal.code;
        if (code == "center.pow_reused") (void)session.count_abuse(counted_day, "pow_reused");
        if (code.rfind("quota.", 0) == 0) (void)session.count_abuse(counted_day, "quota");
        if (code.rfind("block.", 0) == 0) (void)session.count_abuse(counted_day, "blocked");
    };
    if (auto problem = state_->batches->run(std::move(job))) return *problem;
    notify(event_of(record, change));
    return issued(std::move(record));
}

core::Result<IssuedBooking> ServiceCenter::register_at_terminal(const Actor& kiosk,
                                                                const TerminalRequest& request) {
    const auto config = state_->config();
    const auto& settings = config->settings;
    const Instant at = now();
    const Date day = today();
    if (auto problems =
            core::check_registration(request.registration, day, settings.minimum_registrant_age);
        !problems.empty())
        return problems.front();
    auto keys = core::quota_identity_keys(request.registration);
    if (keys.empty()) return core::Problem("registration.identity_missing");
    const core::Service* service = core::find_service(settings.schedule, request.service_id);
    if (!service) return core::Problem("center.unknown_service", {{"service", request.service_id}});
    auto slots = config->slots.slots(settings.schedule, *service, day);
    if (!slots) return slots.problem();
    std::vector<core::Slot> candidates;
    for (const auto& slot : **slots) {
        if (request.slot_minute && core::minute_of_day(slot) != *request.slot_minute) continue;
        if (core::check_terminal_registration(slot, at, *config->zone)) continue;
        candidates.push_back(slot);
    }
    if (candidates.empty())
        return core::Problem("center.no_free_slot",
                             {{"service", service->id}, {"day", core::format_iso_date(day)}});

    const Admission admission{service,
                              day,
                              candidates,
                              core::BookingChannel::Terminal,
                              core::BookingActor::Kiosk,
                              &request.registration,
                              keys,
                              request.priority,
                              kiosk.audit_name(),
                              config};
    store::BookingRecord record;
    std::int64_t change = 0;
    GroupCommit::Job job;
    // Runs on the batch leader's thread while this one waits in run(): `record` is ours.
    job.work = [&](store::StoreSession& session) -> std::optional<core::Problem> {
        auto admitted = admit(session, admission);
        if (!admitted) return admitted.problem();
        record = std::move(admitted->record);
        change = admitted->change;
        return std::nullopt;
    };
    job.keep_after_refusal = [&](store::StoreSession& session, const core::Problem& refusal) {
        if (refusal.code.rfind("quota.", 0) == 0) (void)session.count_abuse(day, "quota");
    };
    if (auto problem = state_->batches->run(std::move(job))) return *problem;
    notify(event_of(record, change));
    return issued(std::move(record));
}

std::optional<core::Problem> ServiceCenter::check_lookup_allowed(std::string_view code,
                                                                 std::string_view remote_address) {
    const Instant at = now();
    bool address_ok = false, code_ok = true;
    std::chrono::seconds wait{0};
    {
        std::lock_guard lock(state_->mutex);
        address_ok = state_->by_address.allow(remote_address, at);
        auto it = state_->lookup_failures.find(std::string(code));
        if (it != state_->lookup_failures.end() &&
            at - it->second.second < std::chrono::hours(24)) {
            code_ok = it->second.first < kMaxLookupFailures;
            wait = it->second.second + std::chrono::hours(24) - at;
        }
    }
    if (!address_ok) {
        count_abuse("rate_address");
        return core::Problem("center.rate_limited", {{"scope", "address"}});
    }
    if (!code_ok) {
        count_abuse("lookup_blocked");
        return core::Problem("center.rate_limited",
                             {{"scope", "code"}, {"retry_after", std::to_string(wait.count())}});
    }
    return std::nullopt;
}

void ServiceCenter::note_lookup_failure(std::string_view code) {
    const Instant at = now();
    {
        std::lock_guard lock(state_->mutex);
        auto& failures = state_->lookup_failures;
        if (failures.size() > 100'000) failures.clear();
        auto& entry = failures[std::string(code)];
        if (entry.first == 0 || at - entry.second >= std::chrono::hours(24)) entry = {0, at};
        ++entry.first;
    }
    count_abuse("lookup_failed");
}

core::Result<IssuedBooking> ServiceCenter::look_up(std::string_view code, std::string_view identity,
                                                   std::string_view remote_address) {
    const core::Problem not_found("center.not_found", {{"what", "booking"}});
    auto parsed = core::parse_booking_code(code);
    if (!parsed) return not_found;
    if (auto refused = check_lookup_allowed(parsed->canonical, remote_address)) return *refused;
    std::optional<store::BookingRecord> found;
    {
        CHERHA_SESSION(session, store_.read());
        auto booking = session.booking_by_code(parsed->canonical);
        if (!booking) return booking.problem();
        if (booking->has_value() && detail::identity_matches((*booking)->identity_keys, identity))
            found = std::move(**booking);
    }
    if (!found) {
        note_lookup_failure(parsed->canonical);
        return not_found;
    }
    return issued(std::move(*found));
}

core::Result<IssuedBooking> ServiceCenter::cancel_own(std::string_view code,
                                                      std::string_view identity,
                                                      std::string_view remote_address) {
    const core::Problem not_found("center.not_found", {{"what", "booking"}});
    auto parsed = core::parse_booking_code(code);
    if (!parsed) return not_found;
    if (auto refused = check_lookup_allowed(parsed->canonical, remote_address)) return *refused;
    store::BookingRecord record;
    std::int64_t change = 0;
    {
        CHERHA_SESSION(session, store_.write());
        auto found = session.booking_by_code(parsed->canonical);
        if (!found) return found.problem();
        if (!found->has_value() || !detail::identity_matches((*found)->identity_keys, identity)) {
            session_opened.value().reset();
            note_lookup_failure(parsed->canonical);
            return not_found;
        }
        record = std::move(**found);
        const Instant at = now();
        const auto config = state_->config();
        core::TransitionContext context;
        context.own_booking = true;
        context.before_cancellation_deadline =
            !core::check_cancellation(record.slot_start, at, *config->zone, config->settings.rules);
        auto transition = core::apply_booking_action(record.state, core::BookingAction::Cancel,
                                                     core::BookingActor::Citizen, context);
        if (!transition) return transition.problem();
        record.state = transition->to;
        record.updated_at = at;
        record.finished_at = at;
        if (auto problem = session.update_booking(record)) return *problem;
        auto audited =
            session.append_audit({at, "citizen", "", "booking.cancel", record.id, "ok", "{}"});
        if (!audited) return audited.problem();
        if (auto problem = session.commit()) return *problem;
        change = audited->seq;
    }
    notify(event_of(record, change));
    return issued(std::move(record));
}

std::optional<core::Problem> ServiceCenter::check_token_for_image(std::string_view token) const {
    // Any day of this center: check against the token's own day, so only the signature, the key
    // and the center decide.
    auto inspected = core::inspect_booking_token(token);
    if (!inspected) return inspected.problem();
    const auto config = state_->config();
    auto verified = core::verify_booking_token(
        token, config->keys, {config->settings.center_id, inspected->claims.visit_day});
    if (!verified) return verified.problem();
    return std::nullopt;
}

}  // namespace cherha::center
