#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <limits>

namespace cherha::store::sqlite {

namespace {

constexpr std::string_view kInMemory = ":memory:";

std::string message_of(sqlite3* db, int rc) {
    if (db != nullptr) {
        const char* msg = sqlite3_errmsg(db);
        if (msg != nullptr) return msg;
    }
    return sqlite3_errstr(rc);
}

}  // namespace

void Connection::Closer::operator()(sqlite3* db) const {
    // close_v2 defers the close until any statement still alive is finalized.
    sqlite3_close_v2(db);
}

core::Problem sqlite_problem(sqlite3* db, int rc, std::string code,
                             std::vector<std::pair<std::string, std::string>> extra) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return core::Problem("store.busy", {{"reason", message_of(db, rc)}});
    core::Problem problem(std::move(code), std::move(extra));
    problem.with("reason", message_of(db, rc));
    return problem;
}

core::Result<Connection> Connection::open(const std::string& path, ConnectionOptions options) {
    auto refuse = [&](std::string reason) {
        return core::Problem("store.open", {{"path", path}, {"reason", std::move(reason)}});
    };
    if (path.empty()) return refuse("empty path");
    if (path.find('\0') != std::string::npos) return refuse("path contains a NUL byte");

    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<sqlite3, Closer> db(raw);
    if (rc != SQLITE_OK) return refuse(message_of(raw, rc));

    auto timeout = options.busy_timeout.count();
    if (timeout < 0) timeout = 0;
    if (timeout > std::numeric_limits<int>::max()) timeout = std::numeric_limits<int>::max();
    sqlite3_busy_timeout(db.get(), static_cast<int>(timeout));

    Connection connection(std::move(db), path);
    if (path != kInMemory) {
        // journal_mode answers with the mode actually in force; anything but "wal" is a refusal.
        sqlite3_stmt* stmt = nullptr;
        int prc =
            sqlite3_prepare_v2(connection.handle(), "PRAGMA journal_mode=WAL", -1, &stmt, nullptr);
        std::string mode;
        if (prc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            if (text != nullptr) mode = reinterpret_cast<const char*>(text);
        } else if (prc == SQLITE_OK) {
            prc = sqlite3_errcode(connection.handle());
        }
        sqlite3_finalize(stmt);
        if (prc != SQLITE_OK) return refuse(message_of(connection.handle(), prc));
        if (mode != "wal") return refuse("journal_mode is '" + mode + "', not 'wal'");
    }
    if (auto problem = connection.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"))
        return refuse(problem->param("reason"));
    return connection;
}

std::optional<core::Problem> Connection::execute(std::string_view sql) {
    const std::string text(sql);  // sqlite3_exec needs a NUL-terminated string
    if (text.find('\0') != std::string::npos)
        return core::Problem("store.execute", {{"sql", text.substr(0, text.find('\0'))},
                                               {"reason", "SQL contains a NUL byte"}});
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_problem(db_.get(), rc, "store.execute", {{"sql", text}});
    return std::nullopt;
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_.get());
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(db_.get());
}

}  // namespace cherha::store::sqlite
