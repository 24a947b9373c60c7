// The desk's outbox: the staff requests a clerk made (window actions, call next) kept in a local
// SQLite file until the server has them, so that work goes on while the server cannot be
// reached and a restart loses nothing (PRODUCT.md, "Desk client", Offline).
//
// Each request gets its Idempotency-Key when it is added, and keeps it: a request whose answer
// was lost is sent again with the same key, and the server replays its first answer instead of
// applying it twice (docs/api.md, "Idempotency"). flush() sends in the order of adding.
// A refusal is not dropped: it stays in the outbox as a conflict (409: another window or the
// state moved on) or a rejection (4xx), for the clerk to see and acknowledge.
//
// Thread-safety: one Outbox per thread; the file may be opened again by a later process.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/problem.h"
#include "desk/model/desk_transport.h"
#include "store/sqlite/connection.h"

namespace cherha::desk {

using Instant = std::chrono::sys_seconds;

// What the clerk asked for.
struct OutboxRequest {
    std::string method = "POST";
    std::string path;             // "/api/v1/bookings/36/actions"
    std::string body;             // JSON, may be empty
    std::int64_t booking_id = 0;  // the booking it acts on; 0 for call-next
    // The login of the staff member who made it. The server keeps an answer for replay under
    // (staff member, key), so a request is only ever sent in its maker's session.
    std::string staff;
};

// A request older than this is not sent any more: it belongs to a past working day (the
// window's actions are for today's visitors) and the server keeps answers for replay 48 hours.
inline constexpr std::chrono::hours kOutboxMaxAge{12};

enum class OutboxState {
    Pending,    // not yet answered by the server
    Delivered,  // 2xx (also a replayed answer)
    Conflict,   // 409: refused because the booking moved on (another window acted on it)
    Rejected,   // another 4xx answer (400, 403 auth.forbidden, 404, 410, 413, 422): the server
                // will never take it
    Expired,    // not sent within kOutboxMaxAge; shown to the clerk, never sent
};
std::string_view outbox_state_id(OutboxState state);  // "pending", "delivered", ...

struct OutboxEntry {
    std::int64_t seq = 0;  // order of adding
    std::string idempotency_key;
    OutboxRequest request;
    OutboxState state = OutboxState::Pending;
    Instant added_at{};
    int attempts = 0;           // sends tried
    long status = 0;            // the last answer's HTTP status, 0 none yet
    std::string problem_code;   // the server's error code of a conflict or rejection
    std::string reply;          // the answer's body once delivered or refused
    bool acknowledged = false;  // the clerk has seen the conflict or rejection
};

// What one flush() did.
struct FlushReport {
    int delivered = 0;
    int conflicts = 0;
    int rejected = 0;
    int expired = 0;
    // Kept for later: requests on a booking whose earlier request was refused and not yet
    // acknowledged by the clerk.
    int held = 0;
    int still_pending = 0;  // the clerk's pending requests left, held ones included
    // Why the flush stopped before the end, or "" when it went through: "offline" (no answer),
    // "unauthorised" (401, or 403 other than auth.forbidden: log in again), "server" (5xx,
    // 429), "store" (the outbox file could not be read or written).
    std::string stopped;
};

class Outbox {
  public:
    // Opens (creating when absent) the outbox at `path` (":memory:" for a private one).
    // Guarantees: an outbox, or store.open / desk.outbox_too_new (written by a newer desk).
    static core::Result<std::unique_ptr<Outbox>> open(const std::string& path);

    // Adds a request with a new Idempotency-Key, durably (it survives kill -9).
    // Problems: desk.outbox_request {field, reason}: request_method not_sendable (not POST,
    // PUT, PATCH or DELETE); request_path not_api (not under /api/v1/), too_long (over 1,024
    // bytes), not_printable_ascii or dot_segment ("." or ".." between slashes); request_body
    // too_long (over 64 KiB); booking_id negative; staff_login empty, too_long (over 100
    // bytes) or not_printable_ascii.
    // store.* when the file cannot be written. Nothing is added then.
    core::Result<OutboxEntry> add(const OutboxRequest& request, Instant now);

    // Sends `staff`'s pending requests in order, each with `Authorization: Bearer <token>` and
    // its key, and records each answer before the next request. Requests older than
    // kOutboxMaxAge at `now` become Expired unsent. A request on a booking whose earlier request
    // was refused (and not yet acknowledged) is held, so "start" does not follow a refused
    // "arrive". Stops at the first request that got no answer, 401, 403 other than
    // auth.forbidden, 429 or 5xx; it stays pending for the next flush. A delivered request's
    // body (which may hold a refusal note) is blanked.
    // Needs: one flush at a time per file (the frames flush from one worker thread).
    FlushReport flush(DeskTransport& transport, const std::string& bearer_token,
                      const std::string& staff, Instant now);

    // Deletes delivered entries, and refused or expired ones the clerk acknowledged, added
    // before `before` (the desk calls it at start with the start of the day): nothing the
    // server has is kept longer than needed. Guarantees: how many were deleted.
    core::Result<int> purge_finished(Instant before);

    // All entries in order, or only those in `state`.
    core::Result<std::vector<OutboxEntry>> entries(std::optional<OutboxState> state = {}) const;
    // Conflicts, rejections and expired requests the clerk has not acknowledged yet.
    core::Result<std::vector<OutboxEntry>> unacknowledged_refusals() const;
    // The clerk saw entry `seq`. Problems: desk.outbox_entry {seq} when there is no such
    // refused entry.
    std::optional<core::Problem> acknowledge(std::int64_t seq);

  private:
    explicit Outbox(store::sqlite::Connection connection) : connection_(std::move(connection)) {}
    // Writes an entry's outcome, only while it is still pending (a second flusher cannot
    // overwrite a recorded answer).
    std::optional<core::Problem> record(const OutboxEntry& entry);

    mutable store::sqlite::Connection connection_;
};

}  // namespace cherha::desk
