// The audit log's hash chain: every entry's hash covers the previous entry's hash, its own
// position (seq) and every field of its event, so changing, inserting or removing an entry in
// the middle of the log breaks the chain at that entry or the next one. (Cutting entries off
// the end is not detectable from the log alone; keep the last hash elsewhere for that.)
//
// The hash is hex SHA-256 (lower case, 64 characters) over this byte string:
//   "cherha.audit.v1"  then, each as <8-byte big-endian length><bytes>:
//   prev_hash, seq (decimal), at (unix seconds, decimal), actor, window_id, action,
//   booking_id ("" when absent, else "#" + decimal), result, details.
// Length prefixes make the serialisation unambiguous: no two different entries give the same
// bytes, whatever their text contains (NUL bytes, separators, any UTF-8).
//
// Problem codes: none (hashing cannot fail short of running out of memory, which aborts).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "store/center_store.h"

namespace cherha::store {

// The hash of the entry at `seq` holding `event`, chained to `prev_hash` ("" for seq 1).
// Needs: any values. Guarantees: 64 lower-case hex digits; the same inputs always give the
// same hash. Pure, thread-safe.
std::string audit_entry_hash(std::int64_t seq, const std::string& prev_hash,
                             const AuditEvent& event);

// Checks entries one at a time, oldest first, so a long log needs no memory of its own.
// An entry is sound when its seq is the previous seq + 1 (1 for the first), its prev_hash is
// the previous entry's hash ("" for the first) and its hash is audit_entry_hash() of it.
// Thread-safety: one thread at a time.
class AuditChainVerifier {
  public:
    // Feeds the next entry. Returns false once the chain is broken (at this or an earlier
    // entry); entries after the first broken one are counted but not judged.
    bool add(const AuditEntry& entry);

    // The verdict so far: entries fed and the seq of the first broken one.
    AuditVerification result() const { return result_; }

  private:
    AuditVerification result_;
    std::int64_t last_seq_ = 0;
    std::string last_hash_;
};

// The verdict over a whole sequence of entries (seq 1 first). Pure, thread-safe.
AuditVerification verify_audit_entries(std::span<const AuditEntry> entries);

}  // namespace cherha::store
