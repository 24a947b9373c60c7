// One prepared SQL statement: the owner of a sqlite3_stmt (finalized by the destructor).
//
// Problem codes reported here (params in braces):
//   store.prepare {sql, reason}          the SQL could not be compiled (syntax, unknown table)
//   store.bind    {parameter, reason}    a value could not be bound (no such parameter index or
//                                        name, out of memory); `parameter` is the 1-based index
//                                        or the name as given
//   store.step    {sql, reason}          running the statement failed (constraint, I/O, ...)
//   store.busy    {reason}               the database stayed locked past the busy timeout
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/problem.h"
#include "store/sqlite/connection.h"

struct sqlite3_stmt;

namespace cherha::store::sqlite {

// What one step() did.
enum class Step {
    Row,   // a result row is available through the column getters
    Done,  // the statement ran to completion; reset() to run it again
};

// The storage class of a column value in the current row.
enum class ColumnType { Integer, Float, Text, Blob, Null };

// Move-only. Must not outlive the Connection it was prepared on.
// Thread-safety: as its Connection (one thread at a time).
class Statement {
  public:
    // Compiles the first statement of `sql` on `connection`.
    // Needs: an open connection. Guarantees: a ready statement, or store.prepare {sql, reason}
    // for invalid SQL, empty SQL, SQL with a NUL byte or trailing statements (only one
    // statement per Statement). Never throws.
    static core::Result<Statement> prepare(Connection& connection, std::string_view sql);

    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() = default;

    // Bind a value to parameter `index` (1-based, as in SQL "?1") or `name` (as written in
    // the SQL, with its prefix: ":id", "@id", "$id"). Text and blobs are copied, may contain
    // NUL bytes and are stored byte for byte (text is expected, not checked, to be UTF-8).
    // An empty blob binds a zero-length blob, not NULL.
    // Guarantees: std::nullopt, or store.bind {parameter, reason}.
    std::optional<core::Problem> bind_int64(int index, std::int64_t value);
    std::optional<core::Problem> bind_text(int index, std::string_view value);
    std::optional<core::Problem> bind_blob(int index, std::span<const std::byte> value);
    std::optional<core::Problem> bind_null(int index);
    std::optional<core::Problem> bind_int64(std::string_view name, std::int64_t value);
    std::optional<core::Problem> bind_text(std::string_view name, std::string_view value);
    std::optional<core::Problem> bind_blob(std::string_view name, std::span<const std::byte> value);
    std::optional<core::Problem> bind_null(std::string_view name);

    // Runs the statement to its next row. Guarantees: Step::Row (columns readable until the
    // next step/reset), Step::Done, or store.busy {reason} / store.step {sql, reason}; after a
    // Problem the statement is already reset (it holds no snapshot or lock) and may be retried.
    core::Result<Step> step();

    // Runs a statement that returns no rows (or whose rows are ignored) to completion.
    // Guarantees: std::nullopt when done, else the Problem of the failing step.
    std::optional<core::Problem> run();

    // Column getters for the current row (after step() returned Row); `index` is 0-based.
    // Out-of-range indexes read as NULL (0, "", empty). Text and blobs are copied out whole,
    // including NUL bytes.
    int column_count() const;
    ColumnType column_type(int index) const;
    bool column_is_null(int index) const;
    std::int64_t column_int64(int index) const;
    std::string column_text(int index) const;
    std::vector<std::byte> column_blob(int index) const;

    // Makes the statement runnable again from the start; bindings are kept.
    void reset();
    // Sets every parameter back to NULL.
    void clear_bindings();

  private:
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const;
    };
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    int index_of(std::string_view name) const;
    std::optional<core::Problem> bound(int rc, std::string parameter) const;

    sqlite3* db_ = nullptr;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

}  // namespace cherha::store::sqlite
