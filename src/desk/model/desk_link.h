// The desk's link to the server and to its own files, used from the worker thread: the
// transport, the API, the outbox and the local cache together, and the few decisions that
// combine them:
//  - loading the day: send what the outbox holds first (so the queue the clerk sees already
//    has their offline actions), then the center, the queue and the keys from the server,
//    each saved to the local cache; when the server cannot be reached, the cached copies;
//  - recording an action: into the outbox first (durably), then sent; offline it waits there;
//  - logging in offline: after one successful login the desk keeps the session and a slow
//    hash of the password, so a desk restarted while the server is down lets the same clerk
//    in again with the same password, working from the cache until the server is back.
//
// Thread-safety: one thread (the worker) uses a DeskLink.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "desk/model/desk_api.h"
#include "desk/model/desk_records.h"
#include "desk/model/desk_transport.h"
#include "desk/model/local_cache.h"
#include "desk/model/outbox.h"

namespace cherha::desk {

// What the frames show after a load or an action.
struct DayLoad {
    std::optional<CenterInfo> center;
    std::optional<DayQueueSnapshot> queue;
    std::optional<CenterKeys> keys;
    bool online = false;
    // Where the queue came from when offline: the time the cached copy was saved.
    std::optional<core::Instant> cached_at;
    FlushReport flush;
    std::vector<OutboxEntry> refusals;     // conflicts, rejections, expiries not yet acknowledged
    std::optional<core::Problem> problem;  // why the load failed (no copy either, a bad file)
    // The server answered with another certificate than the pinned one: nothing was sent, the
    // day came from the copy. Not "offline": the clerk is told to call the administrator.
    bool certificate_changed = false;
};

// The answer to one recorded action.
struct ActionDone {
    std::int64_t seq = 0;                      // the outbox entry
    OutboxState state = OutboxState::Pending;  // Pending: kept for later (offline)
    std::optional<QueueBooking> booking;       // the server's answer when delivered
    std::string problem_code;                  // of a conflict or rejection
    std::string reply;                         // the refusal's body
    FlushReport flush;
    std::optional<core::Problem> problem;  // the outbox could not take it
};

class DeskLink {
  public:
    // Opens `data_dir`/outbox.sqlite and `data_dir`/cache.sqlite (creating the directory),
    // with `transport` to the server.
    static core::Result<std::unique_ptr<DeskLink>> open(const std::filesystem::path& data_dir,
                                                        std::unique_ptr<DeskTransport> transport);

    // Logs in on the server, or, when it cannot be reached, against the session kept from the
    // last successful login of the same login (and window) with the same password. A login on
    // the server keeps the session for that. Problems: the server's (auth.*), desk.offline
    // when offline and no kept session matches, desk.offline_login_failed for a kept session
    // whose password does not match.
    core::Result<StaffSession> login(const std::string& login, const std::string& password,
                                     const std::string& window, core::Instant now);
    // Whether the last login() was answered from the kept session.
    bool logged_in_offline() const { return offline_login_; }

    DayLoad load_day(const StaffSession& session, core::Instant now);
    // Sends what the outbox holds (e.g. when the server is back).
    DayLoad flush(const StaffSession& session, core::Instant now);
    // Records the request in the outbox and sends the outbox.
    ActionDone record(const StaffSession& session, const OutboxRequest& request, core::Instant now);
    std::optional<core::Problem> acknowledge(std::int64_t seq) { return outbox_->acknowledge(seq); }
    // Calls the next visitor for the session's window on the server, directly: a call-next
    // is never kept for later (sent later, it would call somebody else than the desk showed;
    // offline the desk calls from its own copy instead, as a kept "call" of that booking).
    // Problems: desk.offline when no answer came; the server's (center.nobody_waiting, ...).
    core::Result<QueueBooking> call_next(const StaffSession& session);

    DeskApi& api() { return api_; }
    DeskTransport& transport() { return *transport_; }
    Outbox& outbox() { return *outbox_; }
    LocalCache& cache() { return *cache_; }

  private:
    // Writes a booking the server answered into the local copy of the day (its saved time
    // unchanged), keeping the registration held there.
    void remember_in_copy(const nlohmann::json& answer);
    DeskLink(std::unique_ptr<DeskTransport> transport, std::unique_ptr<Outbox> outbox,
             std::unique_ptr<LocalCache> cache);
    std::unique_ptr<DeskTransport> transport_;
    DeskApi api_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<LocalCache> cache_;
    bool offline_login_ = false;
};

}  // namespace cherha::desk
