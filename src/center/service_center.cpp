// ServiceCenter: opening, settings, the public read operations, alert mode, statistics, audit,
// retention. Booking creation is in public_booking.cpp, staff access in staff_access.cpp, the
// window's operations in desk_operations.cpp.
#include "center/service_center.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "center/center_state.h"
#include "core/abuse/proof_of_work.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_time.h"
#include "core/identity/document_number.h"
#include "core/quota/calendar_period.h"
#include "core/token/booking_token.h"

namespace cherha::center {

namespace detail {

bool slots_worth_caching(const CenterSettings& settings, Date today, Date day) {
    const date::sys_days first = date::sys_days{today} - date::days{1};
    const date::sys_days last =
        date::sys_days{today} + date::days{settings.rules.online_window_days + 1};
    return date::sys_days{day} >= first && date::sys_days{day} <= last;
}

std::string format_minute(int minute) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 100, minute % 60);
    return text;
}

std::string details_json(const std::vector<std::pair<std::string, std::string>>& pairs) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : pairs) out[key] = value;
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> keys_for_identity(std::string_view identity) {
    std::vector<std::string> keys;
    if (identity.empty() || identity.size() > 64) return keys;
    const std::string text(identity);
    keys.push_back("rnokpp:" + text);
    keys.push_back("edrpou:" + text);
    const std::string number = core::document_number_key(identity);
    for (auto type : {core::DocumentType::IdCard, core::DocumentType::PassportBook,
                      core::DocumentType::ForeignPassport, core::DocumentType::DrivingLicence,
                      core::DocumentType::ResidencePermit})
        keys.push_back("doc:" + std::string(core::document_type_id(type)) + ":" + number);
    return keys;
}

bool identity_matches(const std::vector<std::string>& keys, std::string_view identity) {
    for (const auto& candidate : keys_for_identity(identity))
        if (std::find(keys.begin(), keys.end(), candidate) != keys.end()) return true;
    return false;
}

}  // namespace detail

core::Result<std::shared_ptr<const CenterConfig>> load_center_config(store::StoreSession& session) {
    auto config = std::make_shared<CenterConfig>();
    auto settings = load_settings(session);
    if (!settings) return settings.problem();
    config->settings = std::move(settings).value();
    auto zone = core::locate_center_zone(config->settings.schedule.time_zone);
    if (!zone) return zone.problem();
    config->zone = *zone;
    config->fingerprint = settings_to_json(config->settings);

    auto keys = session.signing_keys();
    if (!keys) return keys.problem();
    for (const auto& record : *keys) {
        std::optional<core::Problem> added;
        if (!record.private_pem.empty()) {
            auto key = core::load_signing_key_pem(record.private_pem);
            if (!key) return key.problem();
            added = config->keys.add(*key, record.activated_at);
        } else {
            auto key = core::load_verifying_key_pem(record.public_pem);
            if (!key) return key.problem();
            added = config->keys.add(*key, record.activated_at);
        }
        if (added) return *added;
        if (record.retired) {
            auto id = core::parse_key_id(record.key_id);
            if (!id)
                return core::Problem("store.corrupt",
                                     {{"what", "signing_key.key_id"}, {"id", record.key_id}});
            config->keys.retire(*id);
        }
        config->fingerprint += "\n" + record.key_id + (record.retired ? " retired" : "") +
                               (record.private_pem.empty() ? " public" : " private");
        store::SigningKeyRecord public_part = record;
        public_part.private_pem.clear();
        config->key_records.push_back(std::move(public_part));
    }
    if (!config->keys.signing_key()) return core::Problem("center.not_initialised");
    return std::shared_ptr<const CenterConfig>(std::move(config));
}

std::string Actor::audit_name() const {
    switch (kind) {
        case Kind::Staff:
            return "staff:" + name;
        case Kind::Device:
            return "device:" + name;
        case Kind::Citizen:
            break;
    }
    return "citizen";
}

ServiceCenter::ServiceCenter(store::CenterStore& store, CenterOptions options, Clock clock)
    : store_(store),
      options_(std::move(options)),
      clock_(std::move(clock)),
      state_(std::make_shared<State>(options_)) {}

core::Result<std::unique_ptr<ServiceCenter>> ServiceCenter::open(store::CenterStore& store,
                                                                 CenterOptions options,
                                                                 Clock clock) {
    if (!clock)
        clock = [] {
            return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        };
    std::unique_ptr<ServiceCenter> center(
        new ServiceCenter(store, std::move(options), std::move(clock)));
    State& state = *center->state_;
    state.batches = std::make_unique<GroupCommit>(store);

    CHERHA_SESSION(session, store.read());
    auto config = load_center_config(session);
    if (!config) return config.problem();
    state.replace_config(std::move(config).value());

    auto secret = session.setting("pow_secret");
    if (!secret) return secret.problem();
    if (!secret->has_value() || (*secret)->size() < core::kPowMinSecretBytes)
        return core::Problem("center.not_initialised");
    state.pow_secret = **secret;

    auto alert = session.open_alert();
    if (!alert) return alert.problem();
    state.alert = alert->has_value();
    return center;
}

core::Result<bool> ServiceCenter::reload() {
    std::shared_ptr<const CenterConfig> fresh;
    {
        CHERHA_SESSION(session, store_.read());
        auto loaded = load_center_config(session);
        if (!loaded) return loaded.problem();
        fresh = std::move(loaded).value();
    }
    if (fresh->fingerprint == state_->config()->fingerprint) return false;
    state_->replace_config(std::move(fresh));
    return true;
}

std::size_t ServiceCenter::bookings_waiting() {
    return state_->batches->waiting();
}

std::shared_ptr<const CenterSettings> ServiceCenter::settings() const {
    auto config = state_->config();
    return {config, &config->settings};  // shares the snapshot's ownership
}

void ServiceCenter::set_listener(Listener listener) {
    std::lock_guard lock(state_->mutex);
    state_->listener = std::move(listener);
}

Date ServiceCenter::today() const {
    return core::local_date_of(now(), *state_->config()->zone);  // zones live for the program
}

bool ServiceCenter::alert_active() const {
    return state_->alert;
}

std::vector<core::Service> ServiceCenter::services() const {
    return state_->config()->settings.schedule.services;
}

std::vector<store::SigningKeyRecord> ServiceCenter::public_keys() const {
    return state_->config()->key_records;
}

core::Result<std::vector<SlotAvailability>> ServiceCenter::free_slots(
    std::string_view service_id, Date day, core::BookingChannel channel) const {
    const auto config = state_->config();
    const auto& settings = config->settings;
    const core::Service* service = core::find_service(settings.schedule, service_id);
    if (!service)
        return core::Problem("center.unknown_service", {{"service", std::string(service_id)}});
    auto cached = config->slots.slots(settings.schedule, *service, day,
                                      detail::slots_worth_caching(settings, today(), day));
    if (!cached) return cached.problem();
    const std::vector<core::Slot>& slots = **cached;
    CHERHA_SESSION(session, store_.read());
    auto occupancy = session.slot_occupancy(day, service_id);
    if (!occupancy) return occupancy.problem();

    const Instant at = now();
    std::vector<SlotAvailability> out;
    out.reserve(slots.size());
    for (const auto& slot : slots) {
        SlotAvailability a{slot, 0, 0, false};
        if (auto it = occupancy->find(core::minute_of_day(slot)); it != occupancy->end())
            a.taken = it->second;
        a.free = std::max(0, slot.capacity - a.taken);
        const auto refusal =
            channel == core::BookingChannel::Online
                ? core::check_online_booking(slot, at, *config->zone, settings.rules)
                : core::check_terminal_registration(slot, at, *config->zone);
        a.bookable = a.free > 0 && !refusal;
        out.push_back(std::move(a));
    }
    return out;
}

core::Result<std::string> ServiceCenter::pow_challenge() {
    return core::issue_challenge(state_->pow_secret, now(), options_.pow_difficulty);
}

std::optional<core::Problem> ServiceCenter::set_alert(const Actor& supervisor, bool active) {
    // One switch at a time, so the flag in memory always ends as the database's state.
    std::lock_guard switching(state_->alert_switch);
    std::int64_t change = 0;
    {
        CHERHA_SESSION(session, store_.write());
        auto open = session.open_alert();
        if (!open) return open.problem();
        if (open->has_value() == active)
            return core::Problem("center.alert_state", {{"active", active ? "true" : "false"}});
        const Instant at = now();
        auto changed = active ? session.start_alert(at, supervisor.audit_name())
                              : session.end_alert(at, supervisor.audit_name());
        if (changed) return changed;
        auto audited =
            session.append_audit({at, supervisor.audit_name(), supervisor.window_id,
                                  active ? "alert.start" : "alert.end", std::nullopt, "ok", "{}"});
        if (!audited) return audited.problem();
        if (auto problem = session.commit()) return problem;
        change = audited->seq;
    }
    state_->alert = active;
    QueueEvent event;
    event.kind = "alert";
    event.alert_active = active;
    event.change = change;
    notify(event);
    return std::nullopt;
}

void ServiceCenter::notify(const QueueEvent& event) const {
    Listener listener;
    {
        std::lock_guard lock(state_->mutex);
        listener = state_->listener;
    }
    if (listener) listener(event);
}

QueueEvent ServiceCenter::event_of(const store::BookingRecord& booking, std::int64_t change) {
    QueueEvent event;
    event.change = change;
    event.kind = "booking";
    event.booking_id = booking.id;
    event.state = std::string(core::booking_state_id(booking.state));
    if (booking.ticket) event.ticket = core::format_ticket(*booking.ticket);
    event.window_id = booking.window_id;
    event.service_id = booking.service_id;
    event.alert_active = state_->alert;
    return event;
}

core::Result<std::string> ServiceCenter::sign(const store::BookingRecord& booking) const {
    const auto config = state_->config();
    auto key = config->keys.signing_key();
    if (!key) return key.problem();
    core::BookingTokenClaims claims;
    claims.booking_id = static_cast<std::uint64_t>(booking.id);
    claims.center_id = config->settings.center_id;
    claims.visit_day = booking.day;
    claims.slot_minute = booking.slot_minute;
    claims.channel = booking.channel == core::BookingChannel::Online ? core::TokenChannel::Online
                                                                     : core::TokenChannel::Terminal;
    return core::sign_booking_token(claims, *key);
}

core::Result<IssuedBooking> ServiceCenter::issued(store::BookingRecord booking) const {
    auto token = sign(booking);
    if (!token) return token.problem();
    return IssuedBooking{std::move(booking), std::move(token).value()};
}

core::Result<DayStatistics> ServiceCenter::statistics(Date day) {
    const auto config = state_->config();
    const date::time_zone& zone = *config->zone;
    // The abuse counts still in memory are written first (best effort), and whatever is
    // counted meanwhile is added from memory: each count is shown exactly once. Without
    // pending counts no write session is opened (a read must not queue behind bookings).
    if (state_->batches->pending_count() > 0) (void)state_->batches->flush();
    auto snapshot = state_->batches->read_with_pending(day);
    if (!snapshot) return snapshot.problem();
    store::StoreSession& session = *snapshot->session;
    auto bookings = session.day_bookings(day, {});
    if (!bookings) return bookings.problem();
    DayStatistics stats;
    stats.day = day;
    double wait_total = 0, service_total = 0;
    int waits = 0, services = 0;
    for (const auto& b : *bookings) {
        const std::string state(core::booking_state_id(b.state));
        ++stats.by_state[state];
        ++stats.by_service[b.service_id][state];
        if (!b.window_id.empty()) ++stats.by_window[b.window_id][state];
        if (b.arrived_at) {
            const auto local = core::local_time_of(*b.arrived_at, zone);
            const auto hour =
                std::chrono::floor<std::chrono::hours>(local - date::floor<date::days>(local));
            ++stats.arrivals_by_hour[static_cast<int>(hour.count())];
        }
        if (b.arrived_at && b.called_at && *b.called_at >= *b.arrived_at) {
            wait_total += static_cast<double>((*b.called_at - *b.arrived_at).count()) / 60.0;
            ++waits;
        }
        if (b.started_at && b.finished_at && *b.finished_at >= *b.started_at) {
            service_total += static_cast<double>((*b.finished_at - *b.started_at).count()) / 60.0;
            ++services;
        }
    }
    if (waits > 0) stats.mean_wait_minutes = wait_total / waits;
    if (services > 0) stats.mean_service_minutes = service_total / services;
    auto abuse = session.abuse_counts(day);
    if (!abuse) return abuse.problem();
    stats.abuse = std::move(abuse).value();
    for (const auto& [kind, count] : snapshot->pending) stats.abuse[kind] += count;
    const Instant from =
        core::instant_of(date::local_days{date::sys_days{day}.time_since_epoch()}, zone);
    const Instant to = core::instant_of(
        date::local_days{(date::sys_days{day} + date::days{1}).time_since_epoch()}, zone);
    auto alerts = session.alerts_between(from, to);
    if (!alerts) return alerts.problem();
    stats.alerts = std::move(alerts).value();
    return stats;
}

core::Result<std::vector<store::AuditEntry>> ServiceCenter::audit(
    std::int64_t after_seq, int limit, std::optional<std::int64_t> booking_id) {
    CHERHA_SESSION(session, store_.read());
    return session.audit_entries(after_seq, std::clamp(limit, 1, 1000), booking_id);
}

core::Result<std::int64_t> ServiceCenter::purge() {
    const Instant at = now();
    const int retention_days = state_->config()->settings.retention_days;
    const Date before = core::quota_calendar::add_days(today(), -retention_days);
    CHERHA_SESSION(session, store_.write());
    auto erased = session.erase_personal_data(before, at);
    if (!erased) return erased.problem();
    const auto& policy = options_.sessions;
    auto expired =
        session.delete_expired_sessions(at - policy.idle_limit, at - policy.absolute_limit);
    if (!expired) return expired.problem();
    if (auto problem = session.purge_spent_pow(at)) return *problem;
    auto replies = session.delete_idempotent_responses(at - std::chrono::hours(48));
    if (!replies) return replies.problem();
    auto unblocks = session.delete_unblocks(date::sys_days{before} - date::days{1});
    if (!unblocks) return unblocks.problem();
    auto audited =
        session.append_audit({at, "system", "", "retention.purge", std::nullopt, "ok",
                              detail::details_json({{"before", core::format_iso_date(before)},
                                                    {"bookings", std::to_string(*erased)}})});
    if (!audited) return audited.problem();
    if (auto problem = session.commit()) return *problem;
    return erased;
}

}  // namespace cherha::center
