// Who may act: staff log-in with lockout, sessions with idle and absolute expiry, device tokens.
#include <algorithm>

#include "center/center_state.h"
#include "center/service_center.h"
#include "core/calendar/center_time.h"

namespace cherha::center {

namespace {

core::Problem session_invalid() {
    return core::Problem("auth.session_invalid");
}

// A hash of a random password with the standard cost, verified when the login is unknown so
// that an unknown login takes as long as a wrong password (no user enumeration by timing).
const std::string& decoy_hash(core::PasswordHashCost cost) {
    static const std::string hash = [cost] {
        auto made = core::hash_password("decoy password, never valid", cost);
        return made ? made.value() : std::string();
    }();
    return hash;
}

}  // namespace

core::Result<Actor> ServiceCenter::authenticate_device(std::string_view device_token) {
    if (!core::is_session_token_well_formed(device_token)) return session_invalid();
    CHERHA_SESSION(session, store_.read());
    auto device = session.device_by_token(core::session_token_digest(device_token));
    if (!device) return device.problem();
    if (!device->has_value() || (*device)->revoked_at) return session_invalid();
    Actor actor;
    actor.kind = Actor::Kind::Device;
    actor.id = (*device)->id;
    actor.name = (*device)->name;
    actor.device = (*device)->kind;
    return actor;
}

core::Result<ServiceCenter::Login> ServiceCenter::log_in(std::string_view login,
                                                         std::string_view password,
                                                         std::string_view window_id) {
    const Instant at = now();
    if (!window_id.empty()) {
        const auto config = state_->config();
        const auto& windows = config->settings.schedule.windows;
        if (std::none_of(windows.begin(), windows.end(),
                         [&](const core::ServiceWindow& w) { return w.id == window_id; }))
            return core::Problem("center.window_unknown", {{"window", std::string(window_id)}});
    }

    // The slow password check runs outside any write session, so it never holds the lock.
    std::optional<store::StaffRecord> staff;
    {
        CHERHA_SESSION(session, store_.read());
        auto found = session.staff_by_login(login);
        if (!found) return found.problem();
        staff = std::move(found).value();
    }
    if (!staff) {
        (void)core::verify_password(password, decoy_hash(options_.password_cost));
        return core::Problem("auth.invalid_credentials");
    }
    if (staff->locked_until && *staff->locked_until > at)
        return core::Problem(
            "auth.locked",
            {{"until", core::format_local_instant(*staff->locked_until, *state_->config()->zone)}});
    const bool good = core::verify_password(password, staff->password_hash);

    CHERHA_SESSION(session, store_.write());
    auto current = session.staff_by_id(staff->id);  // re-read under the write lock
    if (!current) return current.problem();
    if (!current->has_value()) return core::Problem("auth.invalid_credentials");
    store::StaffRecord record = std::move(**current);
    // A pause may have started since the read above (parallel guesses): honour it.
    if (record.locked_until && *record.locked_until > at)
        return core::Problem(
            "auth.locked",
            {{"until", core::format_local_instant(*record.locked_until, *state_->config()->zone)}});
    if (!good) {
        // Growing pauses after repeated failures, never longer than lockout_max, and a correct
        // password after the pause works again: nobody can lock a user out for good.
        ++record.failed_logins;
        const int over = record.failed_logins - options_.lockout_after_failures;
        if (over >= 0) {
            auto pause = options_.lockout_base;
            for (int i = 0; i < over && pause < options_.lockout_max; ++i) pause *= 2;
            record.locked_until = at + std::min(pause, options_.lockout_max);
        }
        if (auto problem = session.update_staff(record)) return *problem;
        auto audited = session.append_audit({at, "staff:" + record.login, std::string(window_id),
                                             "login", std::nullopt, "failed", "{}"});
        if (!audited) return audited.problem();
        if (auto problem = session.commit()) return *problem;
        return core::Problem("auth.invalid_credentials");
    }
    if (record.disabled) return core::Problem("auth.disabled");
    record.failed_logins = 0;
    record.locked_until.reset();
    if (auto problem = session.update_staff(record)) return *problem;

    auto token = core::new_session_token();
    if (!token) return token.problem();
    store::SessionRecord stored{core::session_token_digest(*token), record.id,
                                std::string(window_id), at, at};
    if (auto problem = session.insert_session(stored)) return *problem;
    auto audited = session.append_audit(
        {at, "staff:" + record.login, std::string(window_id), "login", std::nullopt, "ok", "{}"});
    if (!audited) return audited.problem();
    if (auto problem = session.commit()) return *problem;

    Actor actor;
    actor.kind = Actor::Kind::Staff;
    actor.id = record.id;
    actor.name = record.login;
    actor.role = record.role;
    actor.window_id = std::string(window_id);
    return Login{std::move(token).value(), std::move(actor)};
}

core::Result<Actor> ServiceCenter::authenticate_staff(std::string_view session_token) {
    if (!core::is_session_token_well_formed(session_token)) return session_invalid();
    const std::string digest = core::session_token_digest(session_token);
    const Instant at = now();
    std::optional<store::SessionRecord> found_session;
    std::optional<store::StaffRecord> staff;
    {
        CHERHA_SESSION(session, store_.read());
        auto found = session.session(digest);
        if (!found) return found.problem();
        if (!found->has_value()) return session_invalid();
        found_session = std::move(**found);
        auto member = session.staff_by_id(found_session->staff_id);
        if (!member) return member.problem();
        if (!member->has_value() || (*member)->disabled) return session_invalid();
        staff = std::move(**member);
    }
    if (core::session_expired(found_session->created_at, found_session->last_seen, at,
                              options_.sessions)) {
        if (auto session = store_.write(); session) {
            (void)session.value()->delete_session(digest);
            (void)session.value()->commit();
        }
        return session_invalid();
    }
    // Refresh last_seen at most once a minute: a write per request would cost an fsync each.
    if (at - found_session->last_seen >= std::chrono::minutes(1)) {
        CHERHA_SESSION(session, store_.write());
        if (auto problem = session.touch_session(digest, at)) {
            if (problem->code == "store.not_found") return session_invalid();  // logged out
            return *problem;
        }
        if (auto problem = session.commit()) return *problem;
    }
    Actor actor;
    actor.kind = Actor::Kind::Staff;
    actor.id = staff->id;
    actor.name = staff->login;
    actor.role = staff->role;
    actor.window_id = found_session->window_id;
    return actor;
}

std::optional<core::Problem> ServiceCenter::log_out(std::string_view session_token) {
    if (!core::is_session_token_well_formed(session_token)) return session_invalid();
    CHERHA_SESSION(session, store_.write());
    if (auto problem = session.delete_session(core::session_token_digest(session_token)))
        return problem;
    return session.commit();
}

}  // namespace cherha::center
