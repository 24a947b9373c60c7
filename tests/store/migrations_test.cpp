#include "store/migrations.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"
#include "store/temp_dir.h"

namespace cherha::store {
namespace {

using sqlite::Connection;
using sqlite::Statement;
using testing::TempDir;

std::int64_t scalar(Connection& db, const std::string& sql) {
    auto statement = Statement::prepare(db, sql);
    EXPECT_TRUE(statement.ok()) << sql;
    if (!statement) return -1;
    auto stepped = statement.value().step();
    EXPECT_TRUE(stepped.ok() && *stepped == sqlite::Step::Row) << sql;
    return statement.value().column_int64(0);
}

bool has_table(Connection& db, const std::string& name) {
    return scalar(db, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='" + name +
                          "'") == 1;
}

std::int64_t version_of(Connection& db) {
    auto version = schema_version(db);
    EXPECT_TRUE(version.ok());
    return version.ok() ? *version : -1;
}

Connection open_memory() {
    return std::move(Connection::open(":memory:")).value();
}

constexpr std::array kThreeSteps{
    Migration{1, "CREATE TABLE a (id INTEGER PRIMARY KEY);"},
    Migration{2, "CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO a VALUES (10);"},
    Migration{3, "ALTER TABLE b ADD COLUMN note TEXT;"},
};

TEST(Migrations, CherhaListIsStrictlyIncreasingFromOne) {
    auto list = cherha_migrations();
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list.front().version, 1);
    for (std::size_t i = 1; i < list.size(); ++i)
        EXPECT_EQ(list[i].version, list[i - 1].version + 1);
}

TEST(Migrations, FreshDatabaseIsVersionZero) {
    Connection db = open_memory();
    EXPECT_EQ(version_of(db), 0);
}

TEST(Migrations, OpenDatabaseCreatesTheCentersTable) {
    auto opened = open_database(":memory:");
    ASSERT_TRUE(opened.ok());
    Connection& db = opened.value();
    EXPECT_EQ(version_of(db), cherha_migrations().back().version);
    ASSERT_TRUE(has_table(db, "centers"));
    ASSERT_EQ(db.execute("INSERT INTO centers(name, time_zone) VALUES ('ТСЦ 8041', 'Europe/Kyiv')"),
              std::nullopt);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM centers"), 1);
    // NOT NULL columns are enforced.
    auto missing = db.execute("INSERT INTO centers(name) VALUES ('x')");
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->code, "store.execute");
}

TEST(Migrations, AppliesInOrderOnceEach) {
    Connection db = open_memory();
    ASSERT_EQ(migrate(db, kThreeSteps), std::nullopt);
    EXPECT_EQ(version_of(db), 3);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM schema_version"), 3);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM a"), 1);
    EXPECT_TRUE(has_table(db, "b"));
    // Again: nothing runs twice (migration 2's INSERT would add a second row, 3's ALTER fail).
    ASSERT_EQ(migrate(db, kThreeSteps), std::nullopt);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM schema_version"), 3);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM a"), 1);
}

TEST(Migrations, UpgradesFromAnOlderVersion) {
    Connection db = open_memory();
    ASSERT_EQ(migrate(db, std::span(kThreeSteps).first(1)), std::nullopt);
    EXPECT_EQ(version_of(db), 1);
    EXPECT_FALSE(has_table(db, "b"));
    ASSERT_EQ(migrate(db, kThreeSteps), std::nullopt);
    EXPECT_EQ(version_of(db), 3);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM a"), 1);
}

TEST(Migrations, IdempotentOnReopenOfAFile) {
    TempDir dir;
    const std::string path = dir.file("cherha.db");
    {
        auto first = open_database(path);
        ASSERT_TRUE(first.ok()) << first.problem().param("reason");
        ASSERT_EQ(first.value().execute(
                      "INSERT INTO centers(name, time_zone) VALUES ('ЦНАП', 'Europe/Kyiv')"),
                  std::nullopt);
    }
    for (int reopen = 0; reopen < 3; ++reopen) {
        auto again = open_database(path);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(version_of(again.value()), cherha_migrations().back().version);
        EXPECT_EQ(scalar(again.value(), "SELECT count(*) FROM schema_version"),
                  static_cast<std::int64_t>(cherha_migrations().size()));
        EXPECT_EQ(scalar(again.value(), "SELECT count(*) FROM centers"), 1);  // data kept
    }
}

TEST(Migrations, NewerDatabaseIsRefusedUntouched) {
    TempDir dir;
    const std::string path = dir.file("future.db");
    {
        Connection db = std::move(Connection::open(path)).value();
        ASSERT_EQ(migrate(db, kThreeSteps), std::nullopt);
    }
    auto opened = open_database(path);  // newer than this program's last migration
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.problem().code, "store.schema_too_new");
    EXPECT_EQ(opened.problem().param("found"), "3");
    EXPECT_EQ(opened.problem().param("supported"),
              std::to_string(cherha_migrations().back().version));

    // One version ahead is refused too; the same version is accepted (both sides of the edge).
    Connection db = open_memory();
    ASSERT_EQ(migrate(db, std::span(kThreeSteps).first(2)), std::nullopt);
    auto refused = migrate(db, std::span(kThreeSteps).first(1));
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->code, "store.schema_too_new");
    EXPECT_EQ(refused->param("found"), "2");
    EXPECT_EQ(refused->param("supported"), "1");
    EXPECT_EQ(migrate(db, std::span(kThreeSteps).first(2)), std::nullopt);
    EXPECT_EQ(version_of(db), 2);
}

TEST(Migrations, FailingMigrationRollsBackAndKeepsEarlierOnes) {
    constexpr std::array broken{
        Migration{1, "CREATE TABLE a (id INTEGER PRIMARY KEY);"},
        Migration{2, "CREATE TABLE half (id); INSERT INTO a VALUES (1); CREAT TABLE oops;"},
    };
    Connection db = open_memory();
    auto problem = migrate(db, broken);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->code, "store.migration");
    EXPECT_EQ(problem->param("version"), "2");
    EXPECT_FALSE(problem->param("reason").empty());
    EXPECT_EQ(version_of(db), 1);
    EXPECT_FALSE(has_table(db, "half"));  // the failing migration left nothing behind
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM a"), 0);
}

TEST(Migrations, BusyDatabaseGivesBusyNotAHalfMigration) {
    TempDir dir;
    const std::string path = dir.file("locked.db");
    sqlite::ConnectionOptions quick{std::chrono::milliseconds{20}};
    Connection holder = std::move(Connection::open(path, quick)).value();
    auto lock = sqlite::Transaction::begin_immediate(holder);
    ASSERT_TRUE(lock.ok());

    auto opened = open_database(path, quick);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.problem().code, "store.busy");
    lock.value().rollback();

    auto retried = open_database(path, quick);
    ASSERT_TRUE(retried.ok());
    EXPECT_EQ(version_of(retried.value()), cherha_migrations().back().version);
}

}  // namespace
}  // namespace cherha::store
