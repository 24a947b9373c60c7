#include "desk/model/desk_link.h"

#include <system_error>

#include <nlohmann/json.hpp>

#include "core/auth/password_hash.h"
#include "core/auth/session_token.h"
#include "core/booking/booking_transition.h"
#include "desk/model/action_rules.h"

namespace cherha::desk {
namespace {

constexpr const char* kSessionName = "session";

// The kept session of the last successful login (LocalCache "session").
std::string kept_session_json(const StaffSession& session, const std::string& password_hash) {
    nlohmann::json out{{"token", session.token},
                       {"login", session.login},
                       {"role", session.role},
                       {"password_hash", password_hash},
                       {"window", nullptr}};
    if (session.window)
        out["window"] = {{"id", session.window->id}, {"number", session.window->number}};
    return out.dump();
}

struct KeptSession {
    StaffSession session;
    std::string password_hash;
};

std::optional<KeptSession> read_kept_session(const std::string& text) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) return std::nullopt;
    KeptSession kept;
    const auto text_of = [&](const char* key, std::string& out) {
        const auto it = json.find(key);
        if (it == json.end() || !it->is_string()) return false;
        out = it->get<std::string>();
        return true;
    };
    if (!text_of("token", kept.session.token) || !text_of("login", kept.session.login) ||
        !text_of("role", kept.session.role) || !text_of("password_hash", kept.password_hash))
        return std::nullopt;
    const auto window = json.find("window");
    if (window != json.end() && window->is_object()) {
        const auto id = window->find("id");
        const auto number = window->find("number");
        if (id == window->end() || !id->is_string() || number == window->end() ||
            !number->is_number_integer())
            return std::nullopt;
        kept.session.window = WindowRef{id->get<std::string>(), number->get<int>()};
    }
    return kept;
}

// Brings a cached queue up to what this desk did: a request delivered after the copy was
// saved gives the booking as the server left it; a pending one (whenever it was made) is
// applied with the core's state machine (the server will decide when it gets it).
void replay_outbox(DayQueueSnapshot& queue, const std::vector<OutboxEntry>& entries,
                   core::Instant saved_at, const StaffSession& session) {
    const auto find = [&](std::int64_t id) -> QueueBooking* {
        for (auto& b : queue.bookings)
            if (b.id == id) return &b;
        return nullptr;
    };
    for (const auto& entry : entries) {
        // A delivered answer older than the copy is in the copy already; a pending request
        // is in no copy from the server, however old.
        if (entry.state == OutboxState::Delivered && entry.added_at < saved_at) continue;
        if (entry.state == OutboxState::Delivered && !entry.reply.empty()) {
            const auto json = nlohmann::json::parse(entry.reply, nullptr, false);
            if (!json.is_object() || !json.contains("id") || !json.contains("state")) continue;
            auto answer = read_queue_booking(json, "outbox");
            if (!answer) continue;
            if (QueueBooking* held = find(answer.value().id)) {
                auto registration = held->registration;
                *held = answer.value();
                if (!held->registration) held->registration = std::move(registration);
            }
            continue;
        }
        if (entry.state != OutboxState::Pending) continue;
        QueueBooking* held = find(entry.request.booking_id);
        if (!held || entry.request.path.find("/actions") == std::string::npos) continue;
        const auto body = nlohmann::json::parse(entry.request.body, nullptr, false);
        if (!body.is_object() || !body.contains("action") || !body["action"].is_string()) continue;
        const auto action = core::parse_booking_action(body["action"].get<std::string>());
        if (!action) continue;
        std::optional<core::ServiceResult> result;
        if (body.contains("result") && body["result"].is_string())
            result = core::parse_service_result(body["result"].get<std::string>());
        // The alert is the server's to judge when the request arrives; the copy shows the move.
        (void)apply_kept_action(*held, *action, session, false, result);
    }
}

}  // namespace

DeskLink::DeskLink(std::unique_ptr<DeskTransport> transport, std::unique_ptr<Outbox> outbox,
                   std::unique_ptr<LocalCache> cache)
    : transport_(std::move(transport)),
      api_(*transport_),
      outbox_(std::move(outbox)),
      cache_(std::move(cache)) {}

core::Result<std::unique_ptr<DeskLink>> DeskLink::open(const std::filesystem::path& data_dir,
                                                       std::unique_ptr<DeskTransport> transport) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) return core::Problem("store.open", {{"path", data_dir.string()}});
    // The files hold a session token and the day's personal data: the clerk's account only.
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
    auto outbox = Outbox::open((data_dir / "outbox.sqlite").string());
    if (!outbox) return outbox.problem();
    auto cache = LocalCache::open((data_dir / "cache.sqlite").string());
    if (!cache) return cache.problem();
    return std::unique_ptr<DeskLink>(
        new DeskLink(std::move(transport), std::move(outbox.value()), std::move(cache.value())));
}

core::Result<StaffSession> DeskLink::login(const std::string& login, const std::string& password,
                                           const std::string& window, core::Instant now) {
    offline_login_ = false;
    auto online = api_.login(login, password, window);
    if (online) {
        // Kept for an offline restart. The hash is slow on purpose (the file may be copied).
        if (auto hash = core::hash_password(password))
            (void)cache_->save(kSessionName, kept_session_json(online.value(), hash.value()),
                               std::nullopt, now);
        return online;
    }
    if (!is_offline_problem(online.problem())) return online;
    auto kept_answer = cache_->load(kSessionName);
    if (!kept_answer || !kept_answer.value()) return online.problem();
    const auto kept = read_kept_session(kept_answer.value()->json);
    const std::string kept_window = kept && kept->session.window ? kept->session.window->id : "";
    if (!kept || kept->session.login != login || kept_window != window) return online.problem();
    // A session the server ended long ago is of no use to send the outbox with: the same
    // bound as the outbox's own (requests older than that are not sent either).
    if (now - kept_answer.value()->saved_at > kOutboxMaxAge) return online.problem();
    if (!core::verify_password(password, kept->password_hash))
        return core::Problem("desk.offline_login_failed");
    offline_login_ = true;
    return kept->session;
}

DayLoad DeskLink::flush(const StaffSession& session, core::Instant now) {
    DayLoad load;
    load.flush = outbox_->flush(*transport_, session.token, session.login, now);
    load.online = load.flush.stopped != "offline";
    if (auto refusals = outbox_->unacknowledged_refusals()) load.refusals = refusals.value();
    return load;
}

DayLoad DeskLink::load_day(const StaffSession& session, core::Instant now) {
    DayLoad load = flush(session, now);

    auto center = api_.center();
    if (center) {
        load.online = true;
        load.center = center.value().first;
        (void)cache_->save("center", center.value().second, std::nullopt, now);
        (void)cache_->forget_before(load.center->today);
        auto queue = api_.queue(session.token);
        if (queue) {
            load.queue = queue.value().first;
            (void)cache_->save("queue", queue.value().second, load.queue->day, now);
        } else {
            load.problem = queue.problem();
            if (is_offline_problem(queue.problem())) load.online = false;
        }
        auto keys = api_.keys(session.token);
        if (keys) {
            load.keys = keys.value().first;
            (void)cache_->save("keys", keys.value().second, std::nullopt, now);
        }
        if (load.queue || load.online) return load;
    } else if (!is_offline_problem(center.problem())) {
        load.problem = center.problem();
        return load;
    } else if (transport_->certificate_changed()) {
        load.certificate_changed = true;
    }

    // Offline: the cached copies.
    load.online = false;
    if (!load.center) {
        if (auto cached = cache_->load("center"); cached && cached.value())
            if (auto read = read_center_info(cached.value()->json)) load.center = read.value();
    }
    if (!load.keys) {
        if (auto cached = cache_->load("keys"); cached && cached.value())
            if (auto read = read_center_keys(cached.value()->json)) load.keys = read.value();
    }
    if (load.center) {
        if (auto cached = cache_->load("queue", load.center->today); cached && cached.value()) {
            if (auto read = read_day_queue(cached.value()->json)) {
                load.queue = read.value();
                if (auto entries = outbox_->entries())
                    replay_outbox(*load.queue, entries.value(), cached.value()->saved_at, session);
                load.cached_at = cached.value()->saved_at;
                load.problem.reset();
                return load;
            }
        }
    }
    if (!load.problem) load.problem = core::Problem("desk.no_local_copy");
    return load;
}

void DeskLink::remember_in_copy(const nlohmann::json& answer) {
    // The local copy is what the desk shows when the server goes away next: a call made
    // directly (not through the outbox, which keeps its own answers) is written into it.
    if (!answer.contains("id") || !answer.contains("day") || !answer["day"].is_string()) return;
    const auto day = core::parse_iso_date(answer["day"].get<std::string>());
    if (!day) return;
    auto cached = cache_->load("queue", *day);
    if (!cached || !cached.value()) return;
    auto queue = nlohmann::json::parse(cached.value()->json, nullptr, false);
    if (!queue.is_object() || !queue.contains("bookings") || !queue["bookings"].is_array()) return;
    for (auto& booking : queue["bookings"]) {
        if (!booking.is_object() || !booking.contains("id") || booking["id"] != answer["id"])
            continue;
        for (const auto& [key, value] : answer.items())
            if (key != "registration" && key != "personal_data_erased") booking[key] = value;
    }
    (void)cache_->save("queue", queue.dump(), *day, cached.value()->saved_at);
}

core::Result<QueueBooking> DeskLink::call_next(const StaffSession& session) {
    auto idempotency_key = core::new_session_token();
    if (!idempotency_key) return idempotency_key.problem();
    const Headers headers{{"Authorization", "Bearer " + session.token},
                          {"Idempotency-Key", idempotency_key.value()}};
    const auto reply = transport_->send("POST", "/api/v1/desk/call-next", "{}", headers);
    if (reply.status == 0) return core::Problem("desk.offline", {{"detail", reply.error}});
    const auto json = nlohmann::json::parse(reply.body, nullptr, false);
    if (reply.status >= 200 && reply.status < 300) {
        if (!json.is_object()) return core::Problem("desk.bad_answer", {{"what", "call-next"}});
        auto called = read_queue_booking(json, "call-next");
        if (called) remember_in_copy(json);
        return called;
    }
    const std::string status = std::to_string(reply.status);
    if (json.is_object() && json.contains("error") && json["error"].is_string()) {
        core::Problem problem(json["error"].get<std::string>());
        if (const auto params = json.find("params"); params != json.end() && params->is_object())
            for (const auto& [key, value] : params->items())
                if (value.is_string()) problem.params.emplace_back(key, value.get<std::string>());
        problem.params.emplace_back("status", status);
        return problem;
    }
    return core::Problem("desk.bad_answer", {{"what", "call-next"}, {"status", status}});
}

ActionDone DeskLink::record(const StaffSession& session, const OutboxRequest& request,
                            core::Instant now) {
    ActionDone done;
    auto added = outbox_->add(request, now);
    if (!added) {
        done.problem = added.problem();
        return done;
    }
    done.seq = added.value().seq;
    done.flush = outbox_->flush(*transport_, session.token, session.login, now);
    auto entries = outbox_->entries();
    if (!entries) return done;
    for (const auto& entry : entries.value()) {
        if (entry.seq != done.seq) continue;
        done.state = entry.state;
        done.problem_code = entry.problem_code;
        done.reply = entry.reply;
        if (entry.state == OutboxState::Delivered && !entry.reply.empty()) {
            const auto json = nlohmann::json::parse(entry.reply, nullptr, false);
            if (json.is_object() && json.contains("id")) {
                if (auto booking = read_queue_booking(json, "action"))
                    done.booking = booking.value();
            }
        }
    }
    return done;
}

}  // namespace cherha::desk
