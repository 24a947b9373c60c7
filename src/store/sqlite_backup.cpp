// SqliteStore: backup_to and restore_from with SQLite's online backup API.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "store/migrations.h"
#include "store/sqlite_pool.h"
#include "store/sqlite_store.h"

namespace cherha::store {

namespace {

core::Problem backup_problem(const std::string& path, std::string reason) {
    return core::Problem("store.backup", {{"path", path}, {"reason", std::move(reason)}});
}

core::Problem not_cherha(const std::string& path, std::string reason) {
    return core::Problem("store.not_cherha", {{"path", path}, {"reason", std::move(reason)}});
}

std::string message_of(sqlite3* db, int rc) {
    const char* message = db != nullptr ? sqlite3_errmsg(db) : nullptr;
    if (message != nullptr && std::strcmp(message, "not an error") != 0) return message;
    return sqlite3_errstr(rc);
}

// A raw handle for the files the pool does not manage (the backup's two ends).
struct Handle {
    sqlite3* db = nullptr;
    Handle() = default;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { sqlite3_close_v2(db); }
};

// Opens an existing file read-write (read-only when the file is write-protected), never
// creating it.
int open_existing(const std::string& path, Handle& handle, std::chrono::milliseconds busy) {
    const int rc = sqlite3_open_v2(path.c_str(), &handle.db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, nullptr);
    if (rc == SQLITE_OK) sqlite3_busy_timeout(handle.db, static_cast<int>(busy.count()));
    return rc;
}

// Copies the whole main database of `source` into `destination` in one step (one read
// snapshot of the source), waiting out locks for up to `patience`. Returns SQLITE_OK or the
// failing result code (the message is on `destination`).
int copy_database(sqlite3* destination, sqlite3* source, std::chrono::milliseconds patience) {
    sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
    if (backup == nullptr) return sqlite3_extended_errcode(destination);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        const bool locked = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
        if (!locked || std::chrono::steady_clock::now() >= deadline) break;
        sqlite3_sleep(10);
    }
    const int finished = sqlite3_backup_finish(backup);
    return rc == SQLITE_DONE ? finished : rc;
}

// One text value of `sql` on `db` (rows joined by newlines), or the failing result code.
int query_text(sqlite3* db, const char* sql, std::string& out) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    out.clear();
    while (rc == SQLITE_OK) {
        const int step = sqlite3_step(statement);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) {
            rc = step;
            break;
        }
        const unsigned char* text = sqlite3_column_text(statement, 0);
        if (!out.empty()) out += '\n';
        if (text != nullptr) out += reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(statement);
    return rc;
}

// Whether `path` is a sound Cherha database this program can take: std::nullopt, or
// store.not_cherha / store.schema_too_new.
std::optional<core::Problem> check_backup(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return not_cherha(path, "not a regular file");
    Handle backup;
    const int rc = open_existing(path, backup, std::chrono::milliseconds{5000});
    if (rc != SQLITE_OK) return not_cherha(path, message_of(backup.db, rc));
    std::string text;
    if (int q = query_text(backup.db, "PRAGMA query_only = 1", text); q != SQLITE_OK)
        return not_cherha(path, message_of(backup.db, q));
    if (int q = query_text(backup.db, "PRAGMA integrity_check", text); q != SQLITE_OK)
        return not_cherha(path, message_of(backup.db, q));
    if (text != "ok") return not_cherha(path, "integrity_check: " + text);
    if (int q = query_text(backup.db,
                           "SELECT count(*) FROM sqlite_schema "
                           "WHERE type = 'table' AND name = 'schema_version'",
                           text);
        q != SQLITE_OK)
        return not_cherha(path, message_of(backup.db, q));
    if (text != "1") return not_cherha(path, "no schema_version table");
    if (int q = query_text(backup.db, "SELECT coalesce(max(version), 0) FROM schema_version", text);
        q != SQLITE_OK)
        return not_cherha(path, message_of(backup.db, q));
    const std::int64_t supported = cherha_migrations().back().version;
    std::int64_t found = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), found);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size())
        return not_cherha(path, "schema_version is not a number");
    if (found < 1) return not_cherha(path, "no schema version recorded");
    if (found > supported)
        return core::Problem("store.schema_too_new", {{"found", std::to_string(found)},
                                                      {"supported", std::to_string(supported)}});
    return std::nullopt;
}

}  // namespace

std::optional<core::Problem> SqliteStore::backup_to(const std::string& path) {
    if (path.empty() || path.find('\0') != std::string::npos)
        return backup_problem(path, "invalid path");
    // Created here, exclusively and owner-only, so no one else's file is ever overwritten.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int error = errno;
        if (error == EEXIST)
            return core::Problem("store.duplicate", {{"what", "backup_file"}, {"path", path}});
        return backup_problem(path, std::strerror(error));
    }
    ::close(fd);
    auto remove_partial = [&] {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        std::filesystem::remove(path + "-journal", ignored);
    };

    auto source = pool_->acquire();
    if (!source) {
        remove_partial();
        return source.problem();
    }
    std::optional<core::Problem> problem;
    {
        Handle destination;
        int rc = open_existing(path, destination, pool_->options().busy_timeout);
        if (rc == SQLITE_OK)
            rc = copy_database(destination.db, source.value()->connection().handle(),
                               pool_->options().busy_timeout);
        if (rc != SQLITE_OK) problem = backup_problem(path, message_of(destination.db, rc));
    }
    pool_->release(std::move(source).value());
    if (problem) remove_partial();
    return problem;
}

std::optional<core::Problem> SqliteStore::restore_from(const std::string& backup_path,
                                                       const std::string& db_path) {
    if (backup_path.find('\0') != std::string::npos)
        return not_cherha(backup_path, "path contains a NUL byte");
    if (db_path.empty() || db_path.find('\0') != std::string::npos)
        return backup_problem(db_path, "invalid path");
    std::error_code error;
    if (std::filesystem::exists(db_path, error) &&
        std::filesystem::equivalent(backup_path, db_path, error))
        return backup_problem(db_path, "the backup and the database are the same file");
    if (auto problem = check_backup(backup_path)) return problem;

    {
        Handle backup;
        int rc = open_existing(backup_path, backup, std::chrono::milliseconds{5000});
        if (rc != SQLITE_OK) return not_cherha(backup_path, message_of(backup.db, rc));
        auto destination = sqlite::Connection::open(db_path);
        if (!destination) return destination.problem();
        sqlite3* db = destination.value().handle();
        // Out of WAL for the copy, so the backup's page size is taken whatever it is.
        if (auto problem = destination.value().execute("PRAGMA journal_mode = DELETE"))
            return problem->code == "store.busy"
                       ? *problem
                       : backup_problem(db_path, problem->param("reason"));
        rc = copy_database(db, backup.db, std::chrono::milliseconds{5000});
        if (rc != SQLITE_OK) {
            core::Problem problem = backup_problem(db_path, message_of(db, rc));
            const int primary = rc & 0xff;
            if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
                problem = core::Problem("store.busy", {{"reason", message_of(db, rc)}});
            return problem;
        }
    }
    // Back to WAL (Connection::open does it) and up to this program's schema.
    auto migrated = open_database(db_path);
    if (!migrated) return migrated.problem();
    return std::nullopt;
}

}  // namespace cherha::store
