#include "store/sqlite/transaction.h"

#include <sqlite3.h>

namespace cherha::store::sqlite {

core::Result<Transaction> Transaction::begin_immediate(Connection& connection) {
    if (connection.handle() == nullptr)
        return core::Problem("store.transaction",
                             {{"operation", "begin"}, {"reason", "connection is closed"}});
    const int rc = sqlite3_exec(connection.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqlite_problem(connection.handle(), rc, "store.transaction",
                              {{"operation", "begin"}});
    return Transaction(connection);
}

std::optional<core::Problem> Transaction::commit() {
    if (connection_ == nullptr)
        return core::Problem("store.transaction",
                             {{"operation", "commit"}, {"reason", "no active transaction"}});
    sqlite3* db = connection_->handle();
    const int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        auto problem = sqlite_problem(db, rc, "store.transaction", {{"operation", "commit"}});
        rollback();
        return problem;
    }
    connection_ = nullptr;
    return std::nullopt;
}

void Transaction::rollback() noexcept {
    if (connection_ == nullptr) return;
    sqlite3* db = connection_->handle();
    connection_ = nullptr;
    // A failed statement may already have ended the transaction; ROLLBACK then only errs.
    if (db != nullptr && sqlite3_get_autocommit(db) == 0)
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
    if (this != &other) {
        rollback();
        connection_ = other.connection_;
        other.connection_ = nullptr;
    }
    return *this;
}

}  // namespace cherha::store::sqlite
