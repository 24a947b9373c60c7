// SqliteStore backups: backup_to (consistent while others write), restore_from (refusing what
// is not a Cherha database) and integrity_check.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "store/migrations.h"
#include "store/sqlite/connection.h"
#include "store/store_fixtures.h"

namespace cherha::store::testing {
namespace {

const core::Date kDay = day(2025, 3, 14);

// Books `count` bookings, each with an audit entry in the same session (or all in one session
// when `one_session`).
void book(SqliteStore& store, int first, int count, bool one_session = false) {
    std::unique_ptr<StoreSession> session;
    for (int i = first; i < first + count; ++i) {
        if (!session) session = CHERHA_OK(store.write());
        auto b = CHERHA_OK(session->insert_booking(
            sample_booking("B" + std::to_string(1000000 + i), kDay, 600 + i % 10 * 20, i)));
        CHERHA_OK(session->append_audit(
            {unix_time(1700000000 + i), "citizen", "", "booking.create", b.id, "ok", "{}"}));
        if (!one_session) {
            EXPECT_NO_PROBLEM(session->commit());
            session.reset();
        }
    }
    if (session) EXPECT_NO_PROBLEM(session->commit());
}

std::size_t bookings_in(SqliteStore& store) {
    return CHERHA_OK(CHERHA_OK(store.read())->day_bookings(kDay, {})).size();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

TEST(SqliteBackup, CopiesTheWholeStoreIntoANewOwnerOnlyFile) {
    for (const std::string where : {"file", "memory"}) {
        SCOPED_TRACE(where);
        TempDir dir;
        auto store = open_store(where, dir);
        ASSERT_NE(store, nullptr);
        book(*store, 0, 5);
        const std::string path = dir.file("backup.db");
        EXPECT_NO_PROBLEM(store->backup_to(path));

        struct stat info {};
        ASSERT_EQ(::stat(path.c_str(), &info), 0);
        EXPECT_EQ(info.st_mode & 0777, 0600u);

        auto copy = CHERHA_OK(SqliteStore::open(path));
        EXPECT_EQ(CHERHA_OK(copy->integrity_check()), "ok");
        EXPECT_EQ(bookings_in(*copy), 5u);
        auto verdict = CHERHA_OK(CHERHA_OK(copy->read())->verify_audit_chain());
        EXPECT_EQ(verdict.entries, 5);
        EXPECT_FALSE(verdict.first_broken.has_value());
        // The store goes on after its backup.
        book(*store, 5, 1);
        EXPECT_EQ(bookings_in(*store), 6u);
    }
}

TEST(SqliteBackup, NeverOverwritesAFile) {
    TempDir dir;
    auto store = open_store("file", dir);
    ASSERT_NE(store, nullptr);
    const std::string taken = dir.file("taken.db");
    write_file(taken, "someone's file");
    EXPECT_EQ(store->backup_to(taken),
              core::Problem("store.duplicate", {{"what", "backup_file"}, {"path", taken}}));
    EXPECT_EQ(read_file(taken), "someone's file");

    // Nor through a symlink to a file that does not exist yet.
    const std::string link = dir.file("link.db");
    std::filesystem::create_symlink(dir.file("target.db"), link);
    EXPECT_EQ(store->backup_to(link).value_or(core::Problem()).code, "store.duplicate");
    EXPECT_FALSE(std::filesystem::exists(dir.file("target.db")));

    EXPECT_EQ(store->backup_to(dir.file("no/such/dir/backup.db")).value_or(core::Problem()).code,
              "store.backup");
    EXPECT_EQ(store->backup_to("").value_or(core::Problem()).code, "store.backup");
}

TEST(SqliteBackup, IsConsistentWhileAnotherThreadBooks) {
    TempDir dir;
    auto store = open_store("file", dir);
    ASSERT_NE(store, nullptr);
    book(*store, 0, 20, true);
    {
        // Big enough that a backup takes a while and the writer's commits land meanwhile.
        auto session = CHERHA_OK(store->write());
        for (int i = 0; i < 8; ++i)
            EXPECT_NO_PROBLEM(
                session->put_setting("padding-" + std::to_string(i), std::string(1 << 20, 'p')));
        EXPECT_NO_PROBLEM(session->commit());
    }

    std::atomic<bool> stop{false};
    std::atomic<int> booked{20};
    std::thread writer([&] {
        // Bounded: the backups below take far less than this many bookings.
        while (!stop && booked < 6000) {
            book(*store, booked, 1);
            ++booked;
        }
    });
    std::vector<std::size_t> counts;
    for (int i = 0; i < 4; ++i) {
        const int before = booked.load();
        const std::string path = dir.file("backup-" + std::to_string(i) + ".db");
        EXPECT_NO_PROBLEM(store->backup_to(path));
        const int after = booked.load();
        auto copy = CHERHA_OK(SqliteStore::open(path));
        EXPECT_EQ(CHERHA_OK(copy->integrity_check()), "ok");
        const std::size_t in_copy = bookings_in(*copy);
        // Every booking came with its audit entry in one transaction: a consistent copy has
        // as many entries as bookings, all chained.
        auto verdict = CHERHA_OK(CHERHA_OK(copy->read())->verify_audit_chain());
        EXPECT_EQ(static_cast<std::size_t>(verdict.entries), in_copy);
        EXPECT_FALSE(verdict.first_broken.has_value());
        EXPECT_GE(in_copy, static_cast<std::size_t>(before));
        EXPECT_LE(in_copy, static_cast<std::size_t>(after) + 1);  // + the one being committed
        counts.push_back(in_copy);
    }
    stop = true;
    writer.join();
    for (std::size_t i = 1; i < counts.size(); ++i) EXPECT_GE(counts[i], counts[i - 1]);
    EXPECT_EQ(bookings_in(*store), static_cast<std::size_t>(booked.load()));
}

TEST(SqliteBackup, IntegrityCheckSaysOk) {
    TempDir dir;
    for (const std::string where : {"file", "memory"}) {
        auto store = open_store(where, dir);
        ASSERT_NE(store, nullptr);
        EXPECT_EQ(CHERHA_OK(store->integrity_check()), "ok");
    }
}

// ---- Restore ---------------------------------------------------------------------------------

TEST(SqliteRestore, ReplacesTheDatabaseWithTheBackup) {
    TempDir dir;
    const std::string backup = dir.file("backup.db");
    {
        auto store = open_store("file", dir);
        ASSERT_NE(store, nullptr);
        book(*store, 0, 3);
        EXPECT_NO_PROBLEM(store->backup_to(backup));
        book(*store, 3, 4);  // after the backup: gone after the restore
        EXPECT_EQ(bookings_in(*store), 7u);
    }
    const std::string backup_bytes = read_file(backup);

    EXPECT_NO_PROBLEM(SqliteStore::restore_from(backup, dir.file("cherha.db")));
    auto restored = CHERHA_OK(SqliteStore::open(dir.file("cherha.db")));
    EXPECT_EQ(bookings_in(*restored), 3u);
    EXPECT_EQ(CHERHA_OK(restored->integrity_check()), "ok");
    EXPECT_FALSE(CHERHA_OK(CHERHA_OK(restored->read())->verify_audit_chain()).first_broken);
    book(*restored, 10, 1);  // and it is a working database
    EXPECT_EQ(bookings_in(*restored), 4u);

    // Into a path that did not exist yet, too; the backup itself is left as it was.
    EXPECT_NO_PROBLEM(SqliteStore::restore_from(backup, dir.file("fresh.db")));
    EXPECT_EQ(bookings_in(*CHERHA_OK(SqliteStore::open(dir.file("fresh.db")))), 3u);
    EXPECT_EQ(read_file(backup), backup_bytes);
}

TEST(SqliteRestore, RefusesWhatIsNotACherhaDatabase) {
    TempDir dir;
    const std::string db = dir.file("cherha.db");
    {
        auto store = open_store("file", dir);
        ASSERT_NE(store, nullptr);
        book(*store, 0, 2);
    }
    const std::string text = dir.file("notes.txt");
    write_file(text, "This is not a database at all, just text.\n");
    const std::string empty = dir.file("empty.db");
    write_file(empty, "");
    const std::string foreign = dir.file("foreign.db");
    {
        auto other = std::move(sqlite::Connection::open(foreign)).value();
        ASSERT_EQ(other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB)"),
                  std::nullopt);
    }
    const std::string garbage = dir.file("garbage.db");
    write_file(garbage, std::string("SQLite format 3\0", 16) + std::string(4096, '\x5a'));

    for (const std::string& bad :
         {text, empty, foreign, garbage, dir.file("missing.db"), dir.file("")}) {
        SCOPED_TRACE(bad);
        auto refused = SqliteStore::restore_from(bad, db);
        ASSERT_TRUE(refused.has_value());
        EXPECT_EQ(refused->code, "store.not_cherha");
        EXPECT_EQ(refused->param("path"), bad);
        EXPECT_FALSE(refused->param("reason").empty());
    }
    // The database was not touched.
    auto store = CHERHA_OK(SqliteStore::open(db));
    EXPECT_EQ(bookings_in(*store), 2u);
}

TEST(SqliteRestore, RefusesANewerSchemaAndItself) {
    TempDir dir;
    const std::string newer = dir.file("newer.db");
    {
        auto store = CHERHA_OK(SqliteStore::open(newer));
        auto raw = std::move(sqlite::Connection::open(newer)).value();
        ASSERT_EQ(raw.execute("INSERT INTO schema_version(version) VALUES (99)"), std::nullopt);
    }
    auto refused = SqliteStore::restore_from(newer, dir.file("cherha.db"));
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->code, "store.schema_too_new");
    EXPECT_EQ(refused->param("found"), "99");
    EXPECT_FALSE(std::filesystem::exists(dir.file("cherha.db")));

    const std::string db = dir.file("same.db");
    { CHERHA_OK(SqliteStore::open(db)); }
    EXPECT_EQ(SqliteStore::restore_from(db, db).value_or(core::Problem()).code, "store.backup");
}

TEST(SqliteRestore, AnOlderCherhaBackupIsMigrated) {
    TempDir dir;
    const std::string old = dir.file("version1.db");
    {
        auto raw = std::move(sqlite::Connection::open(old)).value();
        ASSERT_EQ(migrate(raw, cherha_migrations().first(1)), std::nullopt);
    }
    EXPECT_NO_PROBLEM(SqliteStore::restore_from(old, dir.file("cherha.db")));
    auto raw = std::move(sqlite::Connection::open(dir.file("cherha.db"))).value();
    EXPECT_EQ(CHERHA_OK(schema_version(raw)), cherha_migrations().back().version);
}

}  // namespace
}  // namespace cherha::store::testing
