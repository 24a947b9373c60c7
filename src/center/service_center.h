// The service center's operations: what the API (and the command line) asks of the application.
// Each operation is one store session (one write transaction when it changes anything), calls the
// core for every rule, appends to the audit log and announces queue changes. No HTTP, no JSON,
// no sentences here: results are records and core::Problem codes.
//
// Thread-safety: every method may be called from many threads at once (the store serialises
// writers); the rate limiters are guarded by a mutex.
//
// Problem codes (params in braces), besides those of the core and the store:
//   center.unknown_service   {service}        no such service in the schedule
//   center.no_such_slot      {service, day, time}  no slot of the service starts then
//   center.slot_full         {service, day, time}  every place of the slot is taken
//   center.no_free_slot      {service, day}   (terminal) no free slot left today
//   center.not_found         {what}           no booking with that code / id, or the identity
//                                             given does not match the booking (the same code
//                                             for both, so codes cannot be probed)
//   center.personal_data_erased {}            the booking's personal data was purged
//   center.pow_required      {}               no proof-of-work solution sent
//   center.pow_reused        {}               the challenge was already used
//   center.honeypot          {}               the hidden field was filled (a bot)
//   center.rate_limited      {scope}          too many requests (scope: address / identity)
//   center.alert_active      {}               calling is stopped by an air-raid alert
//   center.alert_state       {active}         alert already on / already off
//   center.nobody_waiting    {window}         call next: no one waits for this window's services
//   center.window_unknown    {window}         the window is not in the schedule
//   center.wrong_window      {window}         the booking is at another window, or the
//                                             clerk's window does not serve it
//   center.not_today         {day}            arrive/call/recall/start a booking of another day
//   center.too_early         {starts_at}      a no-show before the slot has begun
//   auth.invalid_credentials {}               wrong login or password (same for both)
//   auth.locked              {until}          too many failed logins; try again after `until`
//   auth.disabled            {}               the account is disabled
//   auth.session_invalid     {}               missing, unknown or expired session / device token
//   auth.forbidden           {role}           the role may not do this
//   idempotency.key_reused   {}               an idempotency key sent again with another request
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "center/center_settings.h"
#include "core/abuse/proof_of_work.h"
#include "core/abuse/token_bucket.h"
#include "core/auth/password_hash.h"
#include "core/auth/session_token.h"
#include "core/calendar/slot_calendar.h"
#include "core/token/signing_key.h"
#include "core/verification/presented_document.h"
#include "core/verification/verification.h"
#include "store/center_store.h"

namespace cherha::center {

using core::Date;
using core::Instant;

// Who is acting: a staff member with a session, a device, or an anonymous citizen.
struct Actor {
    enum class Kind { Citizen, Staff, Device } kind = Kind::Citizen;
    std::int64_t id = 0;                      // staff or device id
    std::string name;                         // login or device name ("" for citizens)
    std::optional<store::StaffRole> role;     // staff only
    std::optional<store::DeviceKind> device;  // devices only
    std::string window_id;                    // the clerk's window ("" if none)
    std::string audit_name() const;           // "staff:<login>", "device:<name>", "citizen"
};

// Runtime knobs of the operations (from the server's config file).
struct CenterOptions {
    core::SessionPolicy sessions;
    int lockout_after_failures = 5;                                // failed logins before a pause
    std::chrono::seconds lockout_base = std::chrono::seconds(30);  // doubles per further failure
    std::chrono::seconds lockout_max = std::chrono::minutes(15);   // never longer than this
    double address_rate_capacity = 20;     // public booking requests per address: burst ...
    double address_rate_per_second = 0.2;  // ... and refill (12 a minute)
    double identity_rate_capacity = 5;     // booking attempts per identity key
    double identity_rate_per_second = 1.0 / 60;
    std::size_t rate_limiter_keys = 100000;  // memory bound of each limiter
    core::PasswordHashCost password_cost = core::PasswordHashCost::standard();
    int pow_difficulty = core::kPowDefaultDifficulty;  // leading zero bits (0..32)
};

// A queue change announced to live listeners (desks, the board). No personal data.
struct QueueEvent {
    std::string kind;  // "booking" (a booking changed), "alert" (alert mode changed)
    std::int64_t booking_id = 0;
    std::string state;
    std::string ticket;  // formatted ticket, "" if none
    std::string window_id;
    std::string service_id;
    bool alert_active = false;
    // The order of the change: the seq of its audit entry, assigned in the write transaction
    // (writers are serialised), so it follows the commit order although events are published
    // after the commit, outside any lock, and may reach listeners in another order. Compare
    // only among events of one booking (or among alert events). 0: no order known.
    std::int64_t change = 0;
};

struct SlotAvailability {
    core::Slot slot;
    int taken = 0;
    int free = 0;
    bool bookable = false;  // by this channel at this moment (window, lead time, capacity)
};

struct OnlineBookingRequest {
    std::string service_id;
    Date day{};
    int slot_minute = 0;  // local minutes after midnight
    core::Registration registration;
    std::string pow_challenge;
    std::string pow_nonce;
    std::string honeypot;  // must be empty
};

struct TerminalRequest {
    std::string service_id;
    core::Registration registration;
    std::optional<core::PriorityCategory> priority;
    std::optional<int> slot_minute;  // nullopt: the earliest free slot from now
};

// A booking with its signed QR token, as returned to whoever made or looked it up.
struct IssuedBooking {
    store::BookingRecord booking;
    std::string token;  // "CHERHA:..." (core/token/booking_token.h)
};

// What a staff member asks to do with a booking.
struct BookingCommand {
    core::BookingAction action = core::BookingAction::Call;
    std::optional<core::ServiceResult> result;       // Serve of a service with results
    std::optional<core::Refusal> refusal;            // Refuse
    std::optional<core::TransferTarget> transfer;    // Transfer
    std::optional<core::PriorityCategory> priority;  // Arrive: a priority ticket
};

// An idempotency key with the request it came with.
struct Idempotency {
    std::string key;             // 1..100 printable ASCII characters
    std::string request_digest;  // digest of method, path and body
};

struct DayStatistics {
    Date day{};
    std::map<std::string, int> by_state;                           // state id -> count
    std::map<std::string, std::map<std::string, int>> by_service;  // service -> state -> count
    std::map<std::string, std::map<std::string, int>> by_window;   // window -> state -> count
    std::map<int, int> arrivals_by_hour;                           // local hour -> arrivals
    std::optional<double> mean_wait_minutes;                       // arrival -> call
    std::optional<double> mean_service_minutes;                    // start -> finish
    std::map<std::string, std::int64_t> abuse;                     // anti-abuse counters of the day
    std::vector<store::AlertPeriod> alerts;
};

class ServiceCenter {
  public:
    using Clock = std::function<Instant()>;
    using Listener = std::function<void(const QueueEvent&)>;

    // Needs: a store holding initialised settings and at least one signing key (cherha init /
    // the demo). Loads both; center.not_initialised otherwise.
    static core::Result<std::unique_ptr<ServiceCenter>> open(store::CenterStore& store,
                                                             CenterOptions options = {},
                                                             Clock clock = {});

    Instant now() const { return clock_(); }
    // The settings in force (a snapshot: a reload() replaces it, never changes it).
    std::shared_ptr<const CenterSettings> settings() const;
    // Reads the settings and signing keys again (after `cherha schedule import` or `cherha key
    // rotate` in another process) and puts them in force for the operations that start after
    // it. Returns whether anything changed. Problems of the stored data leave the old ones in
    // force.
    core::Result<bool> reload();
    void set_listener(Listener listener);

    // ---- public ----
    std::vector<core::Service> services() const;
    core::Result<std::vector<SlotAvailability>> free_slots(std::string_view service_id, Date day,
                                                           core::BookingChannel channel) const;
    core::Result<std::string> pow_challenge();
    core::Result<IssuedBooking> book_online(const OnlineBookingRequest& request,
                                            std::string_view remote_address);
    // The identity is an RNOKPP or a document number of the registration (or EDRPOU).
    // Both count against the address's rate limit; after kMaxLookupFailures wrong identities
    // for one code within a day, every attempt on that code is refused (center.rate_limited
    // {scope=code}), so an identity cannot be guessed for a known code.
    core::Result<IssuedBooking> look_up(std::string_view code, std::string_view identity,
                                        std::string_view remote_address = {});
    core::Result<IssuedBooking> cancel_own(std::string_view code, std::string_view identity,
                                           std::string_view remote_address = {});
    // Verifies a token was signed by this center (any day) before it is drawn as a QR image.
    std::optional<core::Problem> check_token_for_image(std::string_view token) const;

    // ---- devices and staff authentication ----
    core::Result<Actor> authenticate_device(std::string_view device_token);
    core::Result<IssuedBooking> register_at_terminal(const Actor& kiosk,
                                                     const TerminalRequest& request);
    struct Login {
        std::string token;
        Actor actor;
    };
    core::Result<Login> log_in(std::string_view login, std::string_view password,
                               std::string_view window_id);
    core::Result<Actor> authenticate_staff(std::string_view session_token);
    std::optional<core::Problem> log_out(std::string_view session_token);

    // ---- staff ----
    core::Result<std::vector<store::BookingRecord>> queue(Date day,
                                                          const store::BookingFilter& filter);
    // A scanned QR token (verified: signature, center, today) or a typed booking code.
    core::Result<IssuedBooking> find_for_desk(std::string_view scanned_or_code);
    // `document_problems`: those of the MRZ the document was read from (MrzReading::problems),
    // empty when typed; the core's verdict takes them into account (a failed check digit is a
    // mismatch) and the attempt is audited like any other.
    core::Result<core::Verification> verify_document(
        const Actor& staff, std::int64_t booking_id, const core::PresentedDocument& presented,
        std::span<const core::Problem> document_problems = {});
    // Applies a command; with an idempotency key a repeated request replays the first response
    // (the caller stores it through `respond`, which turns the record into the response body).
    // Start of a service with a retake pause is refused with the core's retake.too_early
    // {failed_on, earliest} while any identity key of the booking has a failed attempt at that
    // service within the pause (the attempt may have failed after this booking was made).
    struct Outcome {
        int status = 200;
        std::string body;
        bool replayed = false;
    };
    using Responder = std::function<Outcome(const store::BookingRecord&)>;
    core::Result<Outcome> act(const Actor& staff, std::int64_t booking_id,
                              const BookingCommand& command,
                              const std::optional<Idempotency>& idempotency,
                              const Responder& respond);
    // Calls the next waiting visitor for the clerk's window (priority tickets first, then by
    // slot time, then by ticket).
    core::Result<Outcome> call_next(const Actor& staff,
                                    const std::optional<Idempotency>& idempotency,
                                    const Responder& respond);
    // Supervisor: lifts the no-show block of an identity (RNOKPP or document number).
    std::optional<core::Problem> unblock(const Actor& supervisor, std::string_view identity);
    std::optional<core::Problem> set_alert(const Actor& supervisor, bool active);
    bool alert_active() const;
    // The day's figures. The abuse counts include those still in memory (count_abuse), each
    // exactly once; the pending ones are written first (best effort, a write transaction).
    core::Result<DayStatistics> statistics(Date day);
    core::Result<std::vector<store::AuditEntry>> audit(std::int64_t after_seq, int limit,
                                                       std::optional<std::int64_t> booking_id);
    // The public keys that verify this center's QR tokens (PEM), for offline desks.
    std::vector<store::SigningKeyRecord> public_keys() const;

    // ---- maintenance ----
    // End of day for the `days_back` days before today: bookings still booked or waiting
    // become no-shows (actor "system"), except those whose slot overlapped an alert.
    core::Result<std::int64_t> close_past_days(int days_back = 14);
    // Erases personal data older than the retention period; returns how many bookings.
    core::Result<std::int64_t> purge();
    Date today() const;
    // Bookings queued for the next group-commit batch (not the running one's): diagnostics.
    std::size_t bookings_waiting();

  private:
    ServiceCenter(store::CenterStore& store, CenterOptions options, Clock clock);
    void notify(const QueueEvent& event) const;
    // The event announcing `booking`'s change; `change`: the seq of its audit entry.
    QueueEvent event_of(const store::BookingRecord& booking, std::int64_t change);
    core::Result<std::string> sign(const store::BookingRecord& booking) const;
    core::Result<IssuedBooking> issued(store::BookingRecord booking) const;
    // The shared step of book_online and register_at_terminal, inside one job of the group
    // commit (group_commit.h): its own savepoint of a write session shared with other bookings.
    struct Admission;
    // The new booking and the seq of its audit entry (the order of the change, QueueEvent::change).
    struct Admitted {
        store::BookingRecord record;
        std::int64_t change = 0;
    };
    core::Result<Admitted> admit(store::StoreSession& session, const Admission& a);
    // The shared step of act and call_next: applies `command` to `booking` in `session`.
    core::Result<Outcome> apply(store::StoreSession& session, const Actor& staff,
                                store::BookingRecord booking, const BookingCommand& command,
                                const std::optional<Idempotency>& idempotency,
                                const Responder& respond);
    std::optional<core::Problem> check_lookup_allowed(std::string_view code,
                                                      std::string_view remote_address);
    void note_lookup_failure(std::string_view code);
    // Counts an anti-abuse event of today in memory, without a write transaction: junk
    // requests must not compete with bookings for the store's writer lock. The counts are
    // written by the next booking batch (group_commit.h), by statistics(), by the first count
    // 5 s or more after the oldest pending one, and when the center is destroyed; those of
    // the last seconds are lost in a kill -9 or power loss (best-effort statistics).
    void count_abuse(std::string_view kind);
    struct State;
    store::CenterStore& store_;
    CenterOptions options_;
    Clock clock_;
    std::shared_ptr<State> state_;
};

}  // namespace cherha::center
