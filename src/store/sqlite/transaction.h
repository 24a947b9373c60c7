// A write transaction that rolls back unless committed (Audacity's TransactionScope idea).
//
// Problem codes reported here (params in braces):
//   store.busy        {reason}             another connection is writing; try again later
//   store.transaction {operation, reason}  BEGIN or COMMIT failed otherwise; `operation` is
//                                          "begin" or "commit"
#pragma once

#include <optional>

#include "core/common/problem.h"
#include "store/sqlite/connection.h"

namespace cherha::store::sqlite {

// Move-only. Must not outlive its Connection; one Transaction per Connection at a time.
// Thread-safety: as its Connection.
class Transaction {
  public:
    // BEGIN IMMEDIATE: takes the database's write lock now, so two writers never both start
    // (the second waits up to the busy timeout, then gets store.busy) and a transaction that
    // began can never fail later for lack of the write lock.
    // Guarantees: an active transaction, or store.busy {reason} / store.transaction
    // {operation="begin", reason} with no transaction open.
    static core::Result<Transaction> begin_immediate(Connection& connection);

    // COMMIT. Guarantees: std::nullopt when every change is durable (synchronous=FULL);
    // otherwise the Problem, and the changes are rolled back (now or by the destructor).
    // Committing twice or after a move reports store.transaction {operation="commit"}.
    std::optional<core::Problem> commit();

    // Rolls back now (also what the destructor does when commit() was not reached).
    void rollback() noexcept;

    bool active() const { return connection_ != nullptr; }

    Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
        other.connection_ = nullptr;
    }
    Transaction& operator=(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() { rollback(); }

  private:
    explicit Transaction(Connection& connection) : connection_(&connection) {}
    Connection* connection_ = nullptr;  // null once committed, rolled back or moved from
};

}  // namespace cherha::store::sqlite
