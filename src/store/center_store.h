// The application's own storage interface: what the server and the command line read and write,
// independent of the database engine. SQLite implements it (store/sqlite_store.h); a PostgreSQL
// implementation can be added beside it without touching the API layer or the core.
//
// Shape: a unit of work. `CenterStore::write()` opens a StoreSession that holds the store's write
// lock (SQLite: BEGIN IMMEDIATE) until commit() or destruction (rollback), so everything an
// operation reads and writes in one session is one atomic, serialised step: a booking's
// capacity check, quota count and insert can never interleave with another booking's.
// `CenterStore::read()` opens a read-only session on a consistent snapshot.
//
// Every method returns core::Result / std::optional<core::Problem>; no method throws.
// Problem codes (params in braces), besides those of the SQLite wrappers (store.busy, store.step,
// store.prepare, store.bind, store.execute, store.transaction, store.open,
// store.schema_too_new, store.migration):
//   store.read_only          {}                 a write method was called on a read session
//   store.duplicate          {what}             a unique value is taken; what: booking_code,
//                                               staff_login, device_name, device_token,
//                                               session, signing_key, idempotency_key,
//                                               alert (one is already open), backup_file
//                                               (backup_to's target exists; also {path})
//   store.not_found          {what, id}         an update named a row that does not exist;
//                                               what: booking, staff, session, device,
//                                               signing_key, alert
//   store.finished           {}                 the session was already committed/rolled back
//   store.corrupt            {what, id}         a stored value cannot be read back (a row
//                                               edited outside Cherha); what names the
//                                               column, e.g. "booking.state", id the row
//   store.invalid            {what}             a value the store cannot represent: a date
//                                               that is not a calendar day of years 0-9999
//   store.backup             {path, reason}     a backup or restore could not be written
//   store.not_cherha         {path, reason}     restore: the file is not a sound Cherha
//                                               database (not SQLite, integrity, no schema)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/quota/no_show_block.h"
#include "core/quota/quota_decision.h"
#include "core/tickets/ticket_numbering.h"
#include "core/verification/registration.h"

namespace cherha::store {

using core::Date;
using core::Instant;

// ---- Bookings -------------------------------------------------------------------------------

// A booking as stored. Personal data (registration, identity keys) is absent after the retention
// purge; everything else (service, day, channel, state, outcome) stays for the statistics.
struct BookingRecord {
    std::int64_t id = 0;
    std::string code;        // canonical booking code (core::BookingCode::canonical)
    std::string service_id;  // as in the center's schedule
    Date day{};              // the center's local day of the visit
    int slot_minute = 0;     // slot start, minutes after local midnight
    Instant slot_start{};    // the same moment in UTC
    core::BookingChannel channel = core::BookingChannel::Online;
    core::BookingState state = core::BookingState::Booked;
    std::optional<core::Registration> registration;  // nullopt once purged
    std::vector<std::string> identity_keys;          // core::quota_identity_keys; empty once purged
    std::optional<core::Ticket> ticket;              // issued at arrival / terminal registration
    std::string window_id;                           // window that called/serves it; "" none
    std::optional<core::ServiceResult> result;
    std::optional<core::Refusal> refusal;
    std::optional<core::TransferTarget> transfer;  // last transfer, if any
    int recalls = 0;
    Instant created_at{};
    Instant updated_at{};
    std::optional<Instant> arrived_at;
    std::optional<Instant> called_at;
    std::optional<Instant> started_at;
    std::optional<Instant> finished_at;
    std::optional<Instant> personal_data_erased_at;
};

// Which of a day's bookings a query returns; empty fields match everything.
struct BookingFilter {
    std::optional<std::string> service_id;
    std::optional<core::BookingState> state;
    std::optional<core::BookingChannel> channel;
    std::optional<std::string> window_id;
};

// One booking of an identity, as the quota and no-show rules need it.
struct IdentityBooking {
    std::int64_t booking_id = 0;
    std::string service_id;        // as booked
    std::string taken_service_id;  // the service given: the transfer's, else the booked one
    Date day{};
    Instant slot_start{};
    core::BookingChannel channel = core::BookingChannel::Online;
    core::BookingState state = core::BookingState::Booked;
    std::optional<core::ServiceResult> result;
};

// ---- Staff, sessions, devices -------------------------------------------------------------------

enum class StaffRole { Clerk, Supervisor, Admin };
// Stable ids "clerk", "supervisor", "admin" (an out-of-range value gives "unknown"); the parse
// accepts exactly these. Pure, thread-safe (store/center_store.cpp).
std::string_view staff_role_id(StaffRole role);
std::optional<StaffRole> parse_staff_role(std::string_view id);

struct StaffRecord {
    std::int64_t id = 0;  // 0 for a new record
    std::string login;
    std::string display_name;
    StaffRole role = StaffRole::Clerk;
    std::string password_hash;  // core::hash_password's encoding
    bool disabled = false;
    int failed_logins = 0;                // consecutive failures since the last success
    std::optional<Instant> locked_until;  // no login accepted before this moment
    Instant created_at{};
};

struct SessionRecord {
    std::string token_digest;  // core::session_token_digest; the token itself is never stored
    std::int64_t staff_id = 0;
    std::string window_id;  // the window the clerk sits at ("" for none)
    Instant created_at{};
    Instant last_seen{};
};

enum class DeviceKind { Kiosk, Board };
// Stable ids "kiosk", "board" ("unknown" out of range); the parse accepts exactly these.
std::string_view device_kind_id(DeviceKind kind);
std::optional<DeviceKind> parse_device_kind(std::string_view id);

struct DeviceRecord {
    std::int64_t id = 0;
    std::string name;
    DeviceKind kind = DeviceKind::Kiosk;
    std::string token_digest;  // core::session_token_digest of the device token
    Instant created_at{};
    std::optional<Instant> revoked_at;
};

// ---- Keys, audit, idempotency, abuse --------------------------------------------------------

struct SigningKeyRecord {
    std::string key_id;       // core::KeyId::hex()
    std::string private_pem;  // "" on a store that only verifies
    std::string public_pem;
    Instant activated_at{};
    bool retired = false;
};

// What an operation records in the audit log. No personal data: bookings are named by id.
struct AuditEvent {
    Instant at{};
    std::string actor;      // "staff:<login>", "device:<name>", "citizen", "system", "cli"
    std::string window_id;  // "" when not at a window
    std::string action;     // e.g. "booking.create", "booking.serve", "verification", "login"
    std::optional<std::int64_t> booking_id;
    std::string result;   // e.g. "ok", "match", "mismatch", "refused"
    std::string details;  // compact JSON object, no personal data
};

// An appended entry: the event, its position and its place in the hash chain.
struct AuditEntry {
    std::int64_t seq = 0;  // 1, 2, 3, ... without gaps
    AuditEvent event;
    std::string prev_hash;  // hex SHA-256 of the previous entry ("" for seq 1)
    std::string hash;       // hex SHA-256 over prev_hash and the event (store/audit_chain.h)
};

struct AuditVerification {
    std::int64_t entries = 0;                  // entries checked
    std::optional<std::int64_t> first_broken;  // seq of the first entry whose hash fails
};

// A staff request already applied under an idempotency key, with the response it got.
struct StoredResponse {
    std::string request_digest;  // digest of method+path+body: a reused key with another
                                 // request is refused instead of replayed
    int status = 0;
    std::string body;
};

struct AlertPeriod {
    std::int64_t id = 0;
    Instant started_at{};
    std::optional<Instant> ended_at;
    std::string started_by;
    std::string ended_by;
};

// ---- The session ----------------------------------------------------------------------------

// One unit of work. Thread-safety: one thread at a time. Reads see a consistent snapshot plus the
// session's own writes. A write session holds the store's write lock until commit() or its
// destruction (which rolls back).
class StoreSession {
  public:
    virtual ~StoreSession() = default;

    // Makes every write of the session durable (a read session just ends its snapshot). After
    // it (success or not) the session is over: every later call gives store.finished.
    virtual std::optional<core::Problem> commit() = 0;

    // Savepoints: a part of a write session that can be undone alone, without ending the
    // session (the group commit of bookings runs each booking in one, so a refused booking
    // leaves nothing while the others of the same transaction stay). savepoint() opens one;
    // they nest, and release_savepoint() / rollback_to_savepoint() always end the innermost
    // one still open. Releasing keeps its writes as part of the session: like every write, they
    // become durable only when the session commits, and go with it when the session rolls
    // back. Rolling back undoes every write since that savepoint opened (reads see the state
    // before it again) and the session stays usable. commit() with savepoints still open
    // commits their writes too; destroying the session rolls back everything.
    // Problem codes: store.read_only (read session), store.finished (session over),
    // store.transaction {operation="release_savepoint"|"rollback_to_savepoint",
    // reason="no savepoint is open"} for a release or rollback with none open (nothing
    // changes), and the SQLite wrappers' store.execute {sql, reason}.
    virtual std::optional<core::Problem> savepoint() = 0;
    virtual std::optional<core::Problem> release_savepoint() = 0;
    virtual std::optional<core::Problem> rollback_to_savepoint() = 0;
    // How many savepoints are open (0 outside any; always 0 on a read session).
    virtual int savepoint_depth() const = 0;

    // Settings: the center's configuration (JSON texts owned by the server layer).
    virtual core::Result<std::optional<std::string>> setting(std::string_view key) = 0;
    virtual std::optional<core::Problem> put_setting(std::string_view key,
                                                     std::string_view value) = 0;

    // Bookings.
    // Inserts a new booking and returns it with its new id (the booking's own id is ignored;
    // created_at/updated_at are kept as given). The personal data and identity keys (kept in
    // their order, duplicates included) are written once here and never changed by
    // update_booking(). store.duplicate {what=booking_code} when the code is taken (the caller
    // draws another; the session stays usable and nothing of the refused booking is kept).
    // store.invalid {what=day|birth_date} for a date outside years 0-9999.
    virtual core::Result<BookingRecord> insert_booking(const BookingRecord& booking) = 0;
    virtual core::Result<std::optional<BookingRecord>> booking(std::int64_t id) = 0;
    virtual core::Result<std::optional<BookingRecord>> booking_by_code(std::string_view code) = 0;
    // Writes the mutable fields (state, ticket, window, result, refusal, transfer, recalls,
    // updated/arrived/called/started/finished_at); code, service_id, day, slot, channel,
    // created_at, personal data and keys stay as inserted (a transfer's target service is in
    // `transfer`). store.not_found {what=booking} for an unknown id.
    virtual std::optional<core::Problem> update_booking(const BookingRecord& booking) = 0;
    // The day's bookings, ordered by slot_start, then id.
    virtual core::Result<std::vector<BookingRecord>> day_bookings(Date day,
                                                                  const BookingFilter& filter) = 0;
    // Bookings that are not Cancelled, per slot minute, of one service on one day.
    virtual core::Result<std::map<int, int>> slot_occupancy(Date day,
                                                            std::string_view service_id) = 0;
    // Every booking carrying any of `keys` with a visit day in [from, to], each booking once,
    // ordered by day, slot_start, id. Empty `keys` give an empty list.
    virtual core::Result<std::vector<IdentityBooking>> identity_bookings(
        const std::vector<std::string>& keys, Date from, Date to) = 0;

    // No-show unblocks by a supervisor: add_unblock records one for each of `keys`;
    // last_unblock gives the latest moment any of `keys` was unblocked (nullopt: never).
    virtual std::optional<core::Problem> add_unblock(const std::vector<std::string>& keys,
                                                     Instant at, std::int64_t staff_id) = 0;
    virtual core::Result<std::optional<Instant>> last_unblock(
        const std::vector<std::string>& keys) = 0;

    // Staff. insert_staff returns the record with its new id; store.duplicate
    // {what=staff_login} when the login (compared byte for byte) is taken. update_staff writes
    // every field but id and created_at: store.not_found {what=staff}, store.duplicate.
    virtual core::Result<StaffRecord> insert_staff(const StaffRecord& staff) = 0;
    virtual core::Result<std::optional<StaffRecord>> staff_by_login(std::string_view login) = 0;
    virtual core::Result<std::optional<StaffRecord>> staff_by_id(std::int64_t id) = 0;
    virtual core::Result<std::vector<StaffRecord>> all_staff() = 0;  // ordered by login
    virtual std::optional<core::Problem> update_staff(const StaffRecord& staff) = 0;

    // Sessions. insert_session: store.duplicate {what=session} for a digest already stored,
    // store.not_found {what=staff} for an unknown staff_id. touch_session: store.not_found
    // {what=session}. delete_session of an unknown digest is not an error.
    virtual std::optional<core::Problem> insert_session(const SessionRecord& session) = 0;
    virtual core::Result<std::optional<SessionRecord>> session(std::string_view token_digest) = 0;
    virtual std::optional<core::Problem> touch_session(std::string_view token_digest,
                                                       Instant last_seen) = 0;
    virtual std::optional<core::Problem> delete_session(std::string_view token_digest) = 0;
    virtual std::optional<core::Problem> delete_staff_sessions(std::int64_t staff_id) = 0;
    // Deletes sessions last seen before `idle_before` or created before `created_before`.
    virtual core::Result<std::int64_t> delete_expired_sessions(Instant idle_before,
                                                               Instant created_before) = 0;

    // Devices. insert_device returns the record with its new id; store.duplicate
    // {what=device_name} when a device that is not revoked has the name, {what=device_token}
    // for a token digest already stored. device_by_token also finds revoked devices (the
    // caller checks revoked_at).
    virtual core::Result<DeviceRecord> insert_device(const DeviceRecord& device) = 0;
    virtual core::Result<std::optional<DeviceRecord>> device_by_token(
        std::string_view token_digest) = 0;
    virtual core::Result<std::vector<DeviceRecord>> all_devices() = 0;  // ordered by name
    // store.not_found {what=device} when no active device has that name.
    virtual std::optional<core::Problem> revoke_device(std::string_view name, Instant at) = 0;

    // Signing keys, ordered by activated_at, then key_id. store.duplicate {what=signing_key};
    // retire_signing_key: store.not_found {what=signing_key}.
    virtual std::optional<core::Problem> insert_signing_key(const SigningKeyRecord& key) = 0;
    virtual core::Result<std::vector<SigningKeyRecord>> signing_keys() = 0;
    virtual std::optional<core::Problem> retire_signing_key(std::string_view key_id) = 0;

    // Audit log: append-only. The store computes seq and the hash chain.
    virtual core::Result<AuditEntry> append_audit(const AuditEvent& event) = 0;
    // Entries with seq > after_seq, oldest first, at most `limit` (none for limit <= 0);
    // optionally only those of one booking.
    virtual core::Result<std::vector<AuditEntry>> audit_entries(
        std::int64_t after_seq, int limit, std::optional<std::int64_t> booking_id = {}) = 0;
    // Recomputes the whole chain (store/audit_chain.h): first_broken names the first entry whose
    // seq, prev_hash or hash does not follow from the entries before it.
    virtual core::Result<AuditVerification> verify_audit_chain() = 0;

    // Idempotency of staff requests, per staff member and key. Saving a key twice gives
    // store.duplicate {what=idempotency_key} (the first response stays).
    virtual core::Result<std::optional<StoredResponse>> idempotent_response(
        std::int64_t staff_id, std::string_view key) = 0;
    virtual std::optional<core::Problem> save_idempotent_response(std::int64_t staff_id,
                                                                  std::string_view key,
                                                                  const StoredResponse& response,
                                                                  Instant at) = 0;
    // Forgets responses saved before `before` (a desk retries within minutes, never days; the
    // stored bodies may hold a refusal note). Returns how many.
    virtual core::Result<std::int64_t> delete_idempotent_responses(Instant before) = 0;
    // Forgets unblocks made before `before` (the retention purge: the no-shows they lifted are
    // older still and erased already). Returns how many.
    virtual core::Result<std::int64_t> delete_unblocks(Instant before) = 0;

    // Proof-of-work ids: false when `id` was already spent (single use). Ids whose expiry passed
    // are forgotten by purge_spent_pow().
    virtual core::Result<bool> spend_pow(std::string_view id, Instant expires_at) = 0;
    virtual std::optional<core::Problem> purge_spent_pow(Instant now) = 0;

    // Anti-abuse counters per local day and kind ("pow_missing", "pow_invalid", "pow_reused",
    // "rate_address", "rate_identity", "honeypot", "quota", "blocked"). count_abuse adds `n`
    // (>= 1; a smaller n gives store.invalid {what=abuse_count}) in one statement.
    virtual std::optional<core::Problem> count_abuse(Date day, std::string_view kind,
                                                     std::int64_t n = 1) = 0;
    virtual core::Result<std::map<std::string, std::int64_t>> abuse_counts(Date day) = 0;

    // Air-raid alert periods. start_alert: store.duplicate {what=alert} while one is open;
    // end_alert: store.not_found {what=alert} when none is open. alerts_between gives the
    // periods overlapping [from, to] (an open one counts as lasting), ordered by started_at.
    virtual core::Result<std::optional<AlertPeriod>> open_alert() = 0;
    virtual std::optional<core::Problem> start_alert(Instant at, std::string_view by) = 0;
    virtual std::optional<core::Problem> end_alert(Instant at, std::string_view by) = 0;
    virtual core::Result<std::vector<AlertPeriod>> alerts_between(Instant from, Instant to) = 0;

    // Retention: erases the personal data (registration, identity keys) of bookings whose day is
    // before `before_day`, stamping personal_data_erased_at = `at`; returns how many were erased
    // now (bookings erased earlier are not counted again). The rows and their non-personal
    // fields stay.
    virtual core::Result<std::int64_t> erase_personal_data(Date before_day, Instant at) = 0;
};

// The store itself. Thread-safety: every method may be called from any thread at the same time;
// each session is used by one thread.
class CenterStore {
  public:
    virtual ~CenterStore() = default;
    virtual core::Result<std::unique_ptr<StoreSession>> read() = 0;
    virtual core::Result<std::unique_ptr<StoreSession>> write() = 0;
    // A consistent copy of the whole store into the file `path` (must not exist: store.duplicate
    // {what=backup_file, path}), safe while other sessions write. The file is created with
    // owner-only permissions (it holds personal data). Other failures: store.backup {path,
    // reason}, and the partial file is removed.
    virtual std::optional<core::Problem> backup_to(const std::string& path) = 0;
};

}  // namespace cherha::store
