#include "store/sqlite/statement.h"

#include <sqlite3.h>

#include <cctype>
#include <limits>

namespace cherha::store::sqlite {

namespace {

bool only_space_or_semicolons(const char* tail) {
    for (; tail != nullptr && *tail != '\0'; ++tail)
        if (*tail != ';' && std::isspace(static_cast<unsigned char>(*tail)) == 0) return false;
    return true;
}

}  // namespace

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const {
    sqlite3_finalize(stmt);
}

core::Result<Statement> Statement::prepare(Connection& connection, std::string_view sql) {
    const std::string text(sql);
    auto refuse = [&](std::string reason) {
        return core::Problem("store.prepare", {{"sql", text}, {"reason", std::move(reason)}});
    };
    if (text.find('\0') != std::string::npos) return refuse("SQL contains a NUL byte");
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return refuse("SQL too long");
    sqlite3* db = connection.handle();
    if (db == nullptr) return refuse("connection is closed");

    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &raw, &tail);
    Statement statement(db, raw);
    if (rc != SQLITE_OK) return sqlite_problem(db, rc, "store.prepare", {{"sql", text}});
    if (raw == nullptr) return refuse("no SQL statement");
    if (!only_space_or_semicolons(tail)) return refuse("more than one SQL statement");
    return statement;
}

std::optional<core::Problem> Statement::bound(int rc, std::string parameter) const {
    if (rc == SQLITE_OK) return std::nullopt;
    return core::Problem("store.bind",
                         {{"parameter", std::move(parameter)}, {"reason", sqlite3_errstr(rc)}});
}

int Statement::index_of(std::string_view name) const {
    const std::string text(name);
    if (text.find('\0') != std::string::npos) return 0;
    return sqlite3_bind_parameter_index(stmt_.get(), text.c_str());
}

std::optional<core::Problem> Statement::bind_int64(int index, std::int64_t value) {
    return bound(sqlite3_bind_int64(stmt_.get(), index, value), std::to_string(index));
}

std::optional<core::Problem> Statement::bind_text(int index, std::string_view value) {
    if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return bound(SQLITE_TOOBIG, std::to_string(index));
    // A null data pointer would bind NULL; an empty string_view must bind ''.
    const char* data = value.data() != nullptr ? value.data() : "";
    return bound(sqlite3_bind_text(stmt_.get(), index, data, static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT),
                 std::to_string(index));
}

std::optional<core::Problem> Statement::bind_blob(int index, std::span<const std::byte> value) {
    if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return bound(SQLITE_TOOBIG, std::to_string(index));
    if (value.empty())  // sqlite3_bind_blob with a null pointer would bind NULL
        return bound(sqlite3_bind_zeroblob(stmt_.get(), index, 0), std::to_string(index));
    return bound(sqlite3_bind_blob(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT),
                 std::to_string(index));
}

std::optional<core::Problem> Statement::bind_null(int index) {
    return bound(sqlite3_bind_null(stmt_.get(), index), std::to_string(index));
}

std::optional<core::Problem> Statement::bind_int64(std::string_view name, std::int64_t value) {
    const int index = index_of(name);
    if (index == 0) return bound(SQLITE_RANGE, std::string(name));
    auto problem = bind_int64(index, value);
    if (problem) problem->params[0].second = std::string(name);
    return problem;
}

std::optional<core::Problem> Statement::bind_text(std::string_view name, std::string_view value) {
    const int index = index_of(name);
    if (index == 0) return bound(SQLITE_RANGE, std::string(name));
    auto problem = bind_text(index, value);
    if (problem) problem->params[0].second = std::string(name);
    return problem;
}

std::optional<core::Problem> Statement::bind_blob(std::string_view name,
                                                  std::span<const std::byte> value) {
    const int index = index_of(name);
    if (index == 0) return bound(SQLITE_RANGE, std::string(name));
    auto problem = bind_blob(index, value);
    if (problem) problem->params[0].second = std::string(name);
    return problem;
}

std::optional<core::Problem> Statement::bind_null(std::string_view name) {
    const int index = index_of(name);
    if (index == 0) return bound(SQLITE_RANGE, std::string(name));
    auto problem = bind_null(index);
    if (problem) problem->params[0].second = std::string(name);
    return problem;
}

core::Result<Step> Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return Step::Row;
    if (rc == SQLITE_DONE) return Step::Done;
    const char* sql = sqlite3_sql(stmt_.get());
    auto problem = sqlite_problem(db_, rc, "store.step", {{"sql", sql != nullptr ? sql : ""}});
    // A failed statement would otherwise keep its read snapshot (and locks) until reset.
    sqlite3_reset(stmt_.get());
    return problem;
}

std::optional<core::Problem> Statement::run() {
    for (;;) {
        auto stepped = step();
        if (!stepped) return stepped.problem();
        if (*stepped == Step::Done) return std::nullopt;
    }
}

int Statement::column_count() const {
    return sqlite3_data_count(stmt_.get());
}

ColumnType Statement::column_type(int index) const {
    if (index < 0 || index >= column_count()) return ColumnType::Null;
    switch (sqlite3_column_type(stmt_.get(), index)) {
        case SQLITE_INTEGER:
            return ColumnType::Integer;
        case SQLITE_FLOAT:
            return ColumnType::Float;
        case SQLITE_TEXT:
            return ColumnType::Text;
        case SQLITE_BLOB:
            return ColumnType::Blob;
        default:
            return ColumnType::Null;
    }
}

bool Statement::column_is_null(int index) const {
    return column_type(index) == ColumnType::Null;
}

std::int64_t Statement::column_int64(int index) const {
    if (index < 0 || index >= column_count()) return 0;
    return sqlite3_column_int64(stmt_.get(), index);
}

std::string Statement::column_text(int index) const {
    if (index < 0 || index >= column_count()) return {};
    // text first, then bytes: the documented order for a correct length.
    const unsigned char* text = sqlite3_column_text(stmt_.get(), index);
    const int size = sqlite3_column_bytes(stmt_.get(), index);
    if (text == nullptr || size <= 0) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::vector<std::byte> Statement::column_blob(int index) const {
    if (index < 0 || index >= column_count()) return {};
    const void* blob = sqlite3_column_blob(stmt_.get(), index);
    const int size = sqlite3_column_bytes(stmt_.get(), index);
    if (blob == nullptr || size <= 0) return {};
    const auto* bytes = static_cast<const std::byte*>(blob);
    return std::vector<std::byte>(bytes, bytes + size);
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
}

void Statement::clear_bindings() {
    sqlite3_clear_bindings(stmt_.get());
}

}  // namespace cherha::store::sqlite
