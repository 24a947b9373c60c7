#include "desk/model/local_cache.h"

#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace cherha::desk {

namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;
using store::sqlite::Step;

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS answers (
    name TEXT PRIMARY KEY,
    day TEXT NULL,
    json TEXT NOT NULL,
    saved_at INTEGER NOT NULL
);
)sql";

}  // namespace

struct LocalCache::Impl {
    Connection connection;
};

LocalCache::LocalCache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalCache::~LocalCache() = default;

core::Result<std::unique_ptr<LocalCache>> LocalCache::open(const std::string& path) {
    auto opened = Connection::open(path);
    if (!opened) return opened.problem();
    Connection connection = std::move(opened).value();
    // A replaced queue (personal data) is overwritten on disk, not left in free pages.
    if (auto problem = connection.execute("PRAGMA secure_delete = ON")) return *problem;
    {
        auto version_prepared = Statement::prepare(connection, "PRAGMA user_version");
        if (!version_prepared) return version_prepared.problem();
        Statement& version = version_prepared.value();
        auto step = version.step();
        if (!step) return step.problem();
        const auto found = version.column_int64(0);
        if (found > kSchemaVersion)
            return core::Problem("desk.cache_too_new", {{"version", std::to_string(found)}});
    }
    auto transaction = store::sqlite::Transaction::begin_immediate(connection);
    if (!transaction) return transaction.problem();
    if (auto problem = connection.execute(kSchema)) return *problem;
    if (auto problem =
            connection.execute("PRAGMA user_version = " + std::to_string(kSchemaVersion)))
        return *problem;
    if (auto problem = transaction.value().commit()) return *problem;
    return std::unique_ptr<LocalCache>(
        new LocalCache(std::make_unique<Impl>(Impl{std::move(connection)})));
}

core::Result<bool> LocalCache::save(const std::string& name, const std::string& json,
                                    std::optional<core::Date> day, core::Instant now) {
    Connection& connection = impl_->connection;
    auto transaction = store::sqlite::Transaction::begin_immediate(connection);
    if (!transaction) return transaction.problem();
    auto prepared = Statement::prepare(
        connection,
        "INSERT OR REPLACE INTO answers(name, day, json, saved_at) VALUES (?1, ?2, ?3, ?4)");
    if (!prepared) return prepared.problem();
    Statement& insert = prepared.value();
    for (auto problem :
         {insert.bind_text(1, name),
          day ? insert.bind_text(2, core::format_iso_date(*day)) : insert.bind_null(2),
          insert.bind_text(3, json), insert.bind_int64(4, now.time_since_epoch().count())})
        if (problem) return *problem;
    if (auto problem = insert.run()) return *problem;
    if (auto problem = transaction.value().commit()) return *problem;
    return true;
}

core::Result<std::optional<CachedAnswer>> LocalCache::load(const std::string& name,
                                                           std::optional<core::Date> day) {
    auto prepared = Statement::prepare(impl_->connection,
                                       "SELECT day, json, saved_at FROM answers WHERE name = ?1");
    if (!prepared) return prepared.problem();
    Statement& select = prepared.value();
    if (auto problem = select.bind_text(1, name)) return *problem;
    auto step = select.step();
    if (!step) return step.problem();
    if (*step == Step::Done) return std::optional<CachedAnswer>();
    if (select.column_type(1) != store::sqlite::ColumnType::Text ||
        select.column_type(2) != store::sqlite::ColumnType::Integer)
        return core::Problem("store.corrupt", {{"what", "cached answer"}, {"id", name}});
    std::optional<core::Date> saved_day;
    if (!select.column_is_null(0)) {
        saved_day = core::parse_iso_date(select.column_text(0));
        if (!saved_day)
            return core::Problem("store.corrupt", {{"what", "cached answer"}, {"id", name}});
    }
    // A day-bound answer is only for that day.
    if (saved_day && (!day || *saved_day != *day)) return std::optional<CachedAnswer>();
    CachedAnswer answer;
    answer.json = select.column_text(1);
    answer.saved_at = core::Instant{std::chrono::seconds{select.column_int64(2)}};
    return std::optional<CachedAnswer>(std::move(answer));
}

core::Result<int> LocalCache::forget_before(core::Date today) {
    Connection& connection = impl_->connection;
    auto transaction = store::sqlite::Transaction::begin_immediate(connection);
    if (!transaction) return transaction.problem();
    // ISO dates compare as text.
    auto prepared =
        Statement::prepare(connection, "DELETE FROM answers WHERE day IS NOT NULL AND day < ?1");
    if (!prepared) return prepared.problem();
    Statement& remove = prepared.value();
    if (auto problem = remove.bind_text(1, core::format_iso_date(today))) return *problem;
    if (auto problem = remove.run()) return *problem;
    const auto removed = static_cast<int>(connection.changes());
    if (auto problem = transaction.value().commit()) return *problem;
    return removed;
}

}  // namespace cherha::desk
