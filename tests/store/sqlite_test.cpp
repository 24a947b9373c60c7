#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"
#include "store/temp_dir.h"

namespace cherha::store::sqlite {
namespace {

using namespace std::string_literals;
using testing::TempDir;

Connection open_memory() {
    auto opened = Connection::open(":memory:");
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.problem().code);
    return std::move(opened).value();
}

Connection open_file(const std::string& path,
                     std::chrono::milliseconds busy = std::chrono::milliseconds{5000}) {
    auto opened = Connection::open(path, ConnectionOptions{busy});
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.problem().param("reason"));
    return std::move(opened).value();
}

// The single value of a one-row, one-column query, as text.
std::string scalar_text(Connection& db, const std::string& sql) {
    auto statement = Statement::prepare(db, sql);
    EXPECT_TRUE(statement.ok()) << sql;
    if (!statement) return "<prepare failed>";
    auto stepped = statement.value().step();
    EXPECT_TRUE(stepped.ok() && *stepped == Step::Row) << sql;
    return statement.value().column_text(0);
}

std::int64_t count_rows(Connection& db, const std::string& table) {
    auto statement = Statement::prepare(db, "SELECT count(*) FROM " + table);
    EXPECT_TRUE(statement.ok());
    if (!statement) return -1;
    EXPECT_TRUE(statement.value().step().ok());
    return statement.value().column_int64(0);
}

void create_people(Connection& db) {
    ASSERT_EQ(db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"), std::nullopt);
}

void insert_person(Connection& db, const std::string& name) {
    auto insert = Statement::prepare(db, "INSERT INTO people(name) VALUES (?1)");
    ASSERT_TRUE(insert.ok());
    ASSERT_EQ(insert.value().bind_text(1, name), std::nullopt);
    ASSERT_EQ(insert.value().run(), std::nullopt);
}

std::vector<std::byte> bytes(std::string_view text) {
    std::vector<std::byte> out;
    for (char c : text) out.push_back(static_cast<std::byte>(c));
    return out;
}

// --- Connection -------------------------------------------------------------------------

TEST(Connection, OpensInMemoryWithForeignKeysOn) {
    Connection db = open_memory();
    EXPECT_EQ(scalar_text(db, "PRAGMA foreign_keys"), "1");
    EXPECT_EQ(scalar_text(db, "PRAGMA journal_mode"), "memory");
}

TEST(Connection, FileDatabaseIsInWalModeWithFullSync) {
    TempDir dir;
    Connection db = open_file(dir.file("cherha.db"));
    EXPECT_EQ(scalar_text(db, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(scalar_text(db, "PRAGMA synchronous"), "2");  // FULL
    EXPECT_EQ(scalar_text(db, "PRAGMA foreign_keys"), "1");
    // WAL is persistent: a second connection sees it too, and writes go to the -wal file.
    create_people(db);
    insert_person(db, "Олена");
    EXPECT_TRUE(std::filesystem::exists(dir.file("cherha.db-wal")));
    Connection again = open_file(dir.file("cherha.db"));
    EXPECT_EQ(scalar_text(again, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(count_rows(again, "people"), 1);
}

TEST(Connection, UnopenablePathsGiveProblems) {
    TempDir dir;
    for (const std::string& path :
         {""s, "bad\0name.db"s, dir.file("no/such/dir/x.db"), dir.file("")}) {
        auto opened = Connection::open(path);
        ASSERT_FALSE(opened.ok()) << path;
        EXPECT_EQ(opened.problem().code, "store.open");
        EXPECT_EQ(opened.problem().param("path"), path);
        EXPECT_FALSE(opened.problem().param("reason").empty());
    }
}

TEST(Connection, NotADatabaseFileIsRefused) {
    TempDir dir;
    {
        std::FILE* f = std::fopen(dir.file("junk.db").c_str(), "wb");
        ASSERT_NE(f, nullptr);
        const std::string junk(4096, 'x');
        std::fwrite(junk.data(), 1, junk.size(), f);
        std::fclose(f);
    }
    auto opened = Connection::open(dir.file("junk.db"));
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.problem().code, "store.open");
}

TEST(Connection, MoveKeepsTheDatabase) {
    Connection db = open_memory();
    create_people(db);
    Connection moved = std::move(db);
    insert_person(moved, "a");
    EXPECT_EQ(count_rows(moved, "people"), 1);
    EXPECT_EQ(moved.last_insert_rowid(), 1);
    EXPECT_EQ(moved.changes(), 1);
}

TEST(Connection, ExecuteSyntaxErrorIsAProblem) {
    Connection db = open_memory();
    auto problem = db.execute("CREAT TABLE x (id)");
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->code, "store.execute");
    EXPECT_EQ(problem->param("sql"), "CREAT TABLE x (id)");
    EXPECT_NE(problem->param("reason").find("syntax error"), std::string::npos);
    auto nul = db.execute("SELECT 1;\0DROP TABLE x"s);
    ASSERT_TRUE(nul.has_value());
    EXPECT_EQ(nul->code, "store.execute");
}

// --- Statement --------------------------------------------------------------------------

TEST(Statement, SyntaxErrorIsAProblemNotACrash) {
    Connection db = open_memory();
    for (const std::string& sql : {"SELEC 1"s, ""s, "   ;  "s, "SELECT * FROM missing"s,
                                   "SELECT 1; SELECT 2"s, "SELECT 1\0 junk"s, "\xff\xfe"s}) {
        auto statement = Statement::prepare(db, sql);
        ASSERT_FALSE(statement.ok()) << sql;
        EXPECT_EQ(statement.problem().code, "store.prepare") << sql;
        EXPECT_FALSE(statement.problem().param("reason").empty()) << sql;
    }
    // A trailing semicolon and whitespace are still one statement.
    EXPECT_TRUE(Statement::prepare(db, "SELECT 1;  \n").ok());
}

TEST(Statement, RoundTripsIntegersTextNullAndBlobs) {
    Connection db = open_memory();
    ASSERT_EQ(db.execute("CREATE TABLE v (i INTEGER, t TEXT, b BLOB, n)"), std::nullopt);

    const std::string ukrainian = "Київ, Ґанок, «їжак» — ЦНАП 🇺🇦";
    const std::string text_with_nul = "a\0b\0"s;
    const std::vector<std::byte> blob = bytes("\0\x01\xff\0end"s);
    const std::int64_t big = INT64_MIN;

    auto insert = Statement::prepare(db, "INSERT INTO v VALUES (?1, ?2, ?3, ?4)");
    ASSERT_TRUE(insert.ok());
    Statement& ins = insert.value();
    ASSERT_EQ(ins.bind_int64(1, big), std::nullopt);
    ASSERT_EQ(ins.bind_text(2, ukrainian), std::nullopt);
    ASSERT_EQ(ins.bind_blob(3, blob), std::nullopt);
    ASSERT_EQ(ins.bind_null(4), std::nullopt);
    ASSERT_EQ(ins.run(), std::nullopt);
    // Same statement again after reset: bindings kept except the ones replaced.
    ins.reset();
    ASSERT_EQ(ins.bind_int64(1, INT64_MAX), std::nullopt);
    ASSERT_EQ(ins.bind_text(2, text_with_nul), std::nullopt);
    ASSERT_EQ(ins.bind_blob(3, std::vector<std::byte>{}), std::nullopt);
    ASSERT_EQ(ins.bind_text(4, std::string_view{}), std::nullopt);
    ASSERT_EQ(ins.run(), std::nullopt);

    auto select =
        Statement::prepare(db, "SELECT i, t, b, n, typeof(b), typeof(n) FROM v ORDER BY rowid");
    ASSERT_TRUE(select.ok());
    Statement& sel = select.value();
    auto row = sel.step();
    ASSERT_TRUE(row.ok());
    ASSERT_EQ(*row, Step::Row);
    EXPECT_EQ(sel.column_count(), 6);
    EXPECT_EQ(sel.column_type(0), ColumnType::Integer);
    EXPECT_EQ(sel.column_int64(0), big);
    EXPECT_EQ(sel.column_type(1), ColumnType::Text);
    EXPECT_EQ(sel.column_text(1), ukrainian);
    EXPECT_EQ(sel.column_type(2), ColumnType::Blob);
    EXPECT_EQ(sel.column_blob(2), blob);
    EXPECT_TRUE(sel.column_is_null(3));
    EXPECT_EQ(sel.column_text(3), "");

    row = sel.step();
    ASSERT_TRUE(row.ok());
    ASSERT_EQ(*row, Step::Row);
    EXPECT_EQ(sel.column_int64(0), INT64_MAX);
    EXPECT_EQ(sel.column_text(1), text_with_nul);
    EXPECT_EQ(sel.column_text(1).size(), 4u);
    EXPECT_EQ(sel.column_text(4), "blob");  // an empty blob is a blob, not NULL
    EXPECT_TRUE(sel.column_blob(2).empty());
    EXPECT_EQ(sel.column_text(5), "text");  // an empty text is '', not NULL
    EXPECT_FALSE(sel.column_is_null(3));

    row = sel.step();
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(*row, Step::Done);
}

TEST(Statement, InvalidUtf8TextIsStoredByteForByte) {
    Connection db = open_memory();
    const std::string invalid = "\xc3\x28\xff\xfe\xed\xa0\x80";
    auto echo = Statement::prepare(db, "SELECT ?1");
    ASSERT_TRUE(echo.ok());
    ASSERT_EQ(echo.value().bind_text(1, invalid), std::nullopt);
    ASSERT_EQ(*echo.value().step(), Step::Row);
    EXPECT_EQ(echo.value().column_text(0), invalid);
}

TEST(Statement, BindsByName) {
    Connection db = open_memory();
    auto query = Statement::prepare(db, "SELECT :id, @name, $data, :nothing");
    ASSERT_TRUE(query.ok());
    Statement& q = query.value();
    ASSERT_EQ(q.bind_int64(":id", 42), std::nullopt);
    ASSERT_EQ(q.bind_text("@name", "Ірина"), std::nullopt);
    ASSERT_EQ(q.bind_blob("$data", bytes("\0z"s)), std::nullopt);
    ASSERT_EQ(q.bind_null(":nothing"), std::nullopt);
    ASSERT_EQ(*q.step(), Step::Row);
    EXPECT_EQ(q.column_int64(0), 42);
    EXPECT_EQ(q.column_text(1), "Ірина");
    EXPECT_EQ(q.column_blob(2), bytes("\0z"s));
    EXPECT_TRUE(q.column_is_null(3));
}

TEST(Statement, BindingAMissingParameterIsAProblem) {
    Connection db = open_memory();
    auto query = Statement::prepare(db, "SELECT ?1, :id");
    ASSERT_TRUE(query.ok());
    Statement& q = query.value();
    EXPECT_EQ(q.bind_int64(2, 1), std::nullopt);  // :id is parameter 2; index 2 exists
    for (int index : {0, 3, -1}) {
        auto problem = q.bind_int64(index, 1);
        ASSERT_TRUE(problem.has_value()) << index;
        EXPECT_EQ(problem->code, "store.bind");
        EXPECT_EQ(problem->param("parameter"), std::to_string(index));
    }
    for (const std::string& name : {":nope"s, "id"s, ""s, ":id\0x"s}) {
        auto problem = q.bind_text(name, "x");
        ASSERT_TRUE(problem.has_value()) << name;
        EXPECT_EQ(problem->code, "store.bind");
        EXPECT_EQ(problem->param("parameter"), name);
    }
}

TEST(Statement, ConstraintViolationIsAStepProblem) {
    Connection db = open_memory();
    ASSERT_EQ(db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                         "CREATE TABLE child (p INTEGER NOT NULL REFERENCES parent(id));"),
              std::nullopt);
    auto insert = Statement::prepare(db, "INSERT INTO child VALUES (7)");
    ASSERT_TRUE(insert.ok());
    auto problem = insert.value().run();  // foreign_keys=ON: parent 7 does not exist
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->code, "store.step");
    EXPECT_EQ(problem->param("sql"), "INSERT INTO child VALUES (7)");
    EXPECT_EQ(count_rows(db, "child"), 0);
}

TEST(Statement, OutOfRangeColumnsReadAsNull) {
    Connection db = open_memory();
    auto query = Statement::prepare(db, "SELECT 5");
    ASSERT_TRUE(query.ok());
    Statement& q = query.value();
    // Before the first step there is no row.
    EXPECT_EQ(q.column_count(), 0);
    EXPECT_EQ(q.column_int64(0), 0);
    ASSERT_EQ(*q.step(), Step::Row);
    EXPECT_EQ(q.column_int64(0), 5);
    for (int index : {-1, 1, 1000}) {
        EXPECT_TRUE(q.column_is_null(index));
        EXPECT_EQ(q.column_int64(index), 0);
        EXPECT_EQ(q.column_text(index), "");
        EXPECT_TRUE(q.column_blob(index).empty());
    }
}

// --- Transaction ------------------------------------------------------------------------

TEST(Transaction, DestroyedWithoutCommitRollsBack) {
    Connection db = open_memory();
    create_people(db);
    {
        auto transaction = Transaction::begin_immediate(db);
        ASSERT_TRUE(transaction.ok());
        insert_person(db, "тимчасовий");
        EXPECT_EQ(count_rows(db, "people"), 1);  // visible inside the transaction
    }
    EXPECT_EQ(count_rows(db, "people"), 0);
    // And the connection is usable for a new transaction afterwards.
    EXPECT_TRUE(Transaction::begin_immediate(db).ok());
}

TEST(Transaction, CommitPersistsAcrossConnections) {
    TempDir dir;
    {
        Connection db = open_file(dir.file("c.db"));
        create_people(db);
        auto transaction = Transaction::begin_immediate(db);
        ASSERT_TRUE(transaction.ok());
        insert_person(db, "Петро");
        ASSERT_EQ(transaction.value().commit(), std::nullopt);
        EXPECT_FALSE(transaction.value().active());
    }  // the committed transaction's destructor must not roll anything back
    Connection reopened = open_file(dir.file("c.db"));
    EXPECT_EQ(scalar_text(reopened, "SELECT name FROM people"), "Петро");
}

TEST(Transaction, UncommittedFileWriteIsAbsentAfterReopen) {
    TempDir dir;
    {
        Connection db = open_file(dir.file("r.db"));
        create_people(db);
        auto transaction = Transaction::begin_immediate(db);
        ASSERT_TRUE(transaction.ok());
        insert_person(db, "x");
    }
    Connection reopened = open_file(dir.file("r.db"));
    EXPECT_EQ(count_rows(reopened, "people"), 0);
}

TEST(Transaction, ExplicitRollbackMoveAndDoubleCommit) {
    Connection db = open_memory();
    create_people(db);
    auto first = Transaction::begin_immediate(db);
    ASSERT_TRUE(first.ok());
    insert_person(db, "a");
    Transaction moved = std::move(first).value();
    EXPECT_TRUE(moved.active());
    moved.rollback();
    EXPECT_FALSE(moved.active());
    EXPECT_EQ(count_rows(db, "people"), 0);
    auto again = moved.commit();
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->code, "store.transaction");
    EXPECT_EQ(again->param("operation"), "commit");
}

TEST(Transaction, NestedBeginIsAProblem) {
    Connection db = open_memory();
    auto outer = Transaction::begin_immediate(db);
    ASSERT_TRUE(outer.ok());
    auto inner = Transaction::begin_immediate(db);
    ASSERT_FALSE(inner.ok());
    EXPECT_EQ(inner.problem().code, "store.transaction");
    EXPECT_EQ(inner.problem().param("operation"), "begin");
    EXPECT_TRUE(outer.value().active());
    EXPECT_EQ(outer.value().commit(), std::nullopt);
}

TEST(Transaction, SecondWriterIsBusyNotBothWriting) {
    TempDir dir;
    const std::string path = dir.file("w.db");
    Connection first = open_file(path, std::chrono::milliseconds{20});
    Connection second = open_file(path, std::chrono::milliseconds{20});
    create_people(first);

    auto writing = Transaction::begin_immediate(first);
    ASSERT_TRUE(writing.ok());
    insert_person(first, "перший");

    auto blocked = Transaction::begin_immediate(second);
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.problem().code, "store.busy");
    // Nor can the second connection write outside a transaction.
    auto insert = Statement::prepare(second, "INSERT INTO people(name) VALUES ('другий')");
    ASSERT_TRUE(insert.ok());
    auto problem = insert.value().run();
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->code, "store.busy");

    // WAL: the reader still sees the last committed state meanwhile.
    EXPECT_EQ(count_rows(second, "people"), 0);
    ASSERT_EQ(writing.value().commit(), std::nullopt);
    EXPECT_EQ(count_rows(second, "people"), 1);
    // Once the lock is free the second writer gets its turn.
    auto now_free = Transaction::begin_immediate(second);
    ASSERT_TRUE(now_free.ok());
    insert_person(second, "другий");
    ASSERT_EQ(now_free.value().commit(), std::nullopt);
    EXPECT_EQ(count_rows(first, "people"), 2);
}

}  // namespace
}  // namespace cherha::store::sqlite
