// The desk's local copy of what it needs when the server cannot be reached: the center (its
// windows and services), the day's queue and the center's public keys, each kept as the JSON
// text of the server's answer with the time it was saved. A SQLite file beside the outbox
// (WAL, synchronous=FULL), so a restarted desk offline still has the day.
//
// The queue holds personal data: only the latest copy is kept, and a queue of a day before
// `today` is deleted by forget_before() (the desk calls it at start).
//
// Problem codes: store.* of store/sqlite (store.corrupt for a file changed outside the desk),
// desk.cache_too_new {version} for a file written by a newer desk.
// Thread-safety: one LocalCache per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/common/civil.h"
#include "core/common/problem.h"

namespace cherha::desk {

struct CachedAnswer {
    std::string json;
    core::Instant saved_at;
};

class LocalCache {
  public:
    // Opens or creates the cache file (":memory:" in tests).
    static core::Result<std::unique_ptr<LocalCache>> open(const std::string& path);
    ~LocalCache();
    LocalCache(const LocalCache&) = delete;
    LocalCache& operator=(const LocalCache&) = delete;

    // Keeps `json` under `name` ("center", "keys", "queue"), replacing what was there, in one
    // transaction. `day` is the day the answer is about (the queue's), or none.
    core::Result<bool> save(const std::string& name, const std::string& json,
                            std::optional<core::Date> day, core::Instant now);
    // The answer kept under `name`, if any; for a day-bound answer only when its day is `day`.
    core::Result<std::optional<CachedAnswer>> load(const std::string& name,
                                                   std::optional<core::Date> day = std::nullopt);
    // Deletes the answers bound to a day before `today`. Returns how many.
    core::Result<int> forget_before(core::Date today);

  private:
    struct Impl;
    explicit LocalCache(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace cherha::desk
