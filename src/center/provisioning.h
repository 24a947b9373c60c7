// Setting up a center and keeping its accounts: what `cherha init`, `cherha user ...`,
// `cherha device ...`, `cherha key rotate` and `cherha schedule import` do, and what the demo
// center builds on. Each function that changes something is one write session of the store (all
// or nothing) and appends one audit event (actor "cli" unless another is given); the overloads
// taking a StoreSession& do the same steps inside the caller's write session, without committing.
// No passwords, tokens or keys ever go into the audit log. Thread-safety: every function may be
// called from any thread at the same time; the store serialises the write sessions. Passwords are
// hashed before a write session opens, so the store's write lock is never held for the 0.3 s of a
// hash.
//
// Signing keys and rotation. The newest key (latest activated_at) signs new QR tokens; older
// keys stay in the store, not retired, so the desks keep verifying the codes they signed
// (PRODUCT.md: "old keys keep verifying codes they signed until those bookings are past").
// rotate_signing_key() never removes or retires a key: a key may be retired once no booking
// it signed lies in the future (online booking reaches 21 days ahead, so three weeks after a
// rotation at the latest).
//
// Problem codes (params in braces), besides those of the store and of save_settings():
//   center.already_initialised {}          init on a store that already holds a center
//   center.not_initialised     {}          the operation needs an initialised center
//   center.random_failed       {}          the system could not provide random bytes
//   staff.login_invalid        {min, max}  a login is 3..32 characters of a-z 0-9 . _ -
//   staff.name_invalid         {max}       a display name is 1..100 characters of UTF-8
//                                          without control characters
//   staff.password_too_short   {min}       fewer than 10 characters (Unicode code points)
//   staff.password_too_long    {max}       more than core::kMaximumPasswordBytes bytes
//   staff.not_found            {login}     no account with that login
//   device.name_invalid        {min, max}  a device name is 1..64 characters of
//                                          A-Z a-z 0-9 . _ -
//   device.not_found           {name}      no active device of that name
//   schedule.* (core/calendar/center_schedule.h)  the first problem of an invalid schedule
//   store.duplicate            {what}      the login (what=staff_login) or device name
//                                          (what=device_name) is taken
//   password.* (core/auth/password_hash.h) e.g. password.nul_byte
//   key.* (core/token/signing_key.h)       key.generation_failed
//   session.random_failed                  no random bytes for a device token
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "center/center_settings.h"
#include "core/auth/password_hash.h"
#include "core/common/civil.h"
#include "core/common/problem.h"
#include "store/center_store.h"

namespace cherha::center {

using core::Instant;

inline constexpr std::string_view kCliActor = "cli";
inline constexpr std::size_t kMinLoginLength = 3;
inline constexpr std::size_t kMaxLoginLength = 32;
inline constexpr std::size_t kMinPasswordCharacters = 10;
inline constexpr std::size_t kMaxDisplayNameCharacters = 100;
inline constexpr std::size_t kMaxDeviceNameLength = 64;
// The setting holding the proof-of-work secret (64 lower-case hex digits, 32 random bytes).
inline constexpr std::string_view kPowSecretSetting = "pow_secret";

// The text of the demo schedule (resources/demo/center-schedule.json), compiled into the
// library so the binaries need no resource file at run time. Pure, thread-safe.
std::string_view embedded_demo_schedule_json();

// Settings for a new center: the demo schedule (a vehicle and driving-licence service center
// with six windows), default rules, quotas and retention, center id 1, names
// "Сервісний центр МВС" / "MIA Service Center". Problems only if the embedded schedule were
// broken (center.settings_invalid), which a test rules out. Thread-safe.
core::Result<CenterSettings> default_center_settings();

// True when the session's store already holds a center (its settings).
core::Result<bool> is_initialised(store::StoreSession& session);

// Sets up a center in an empty store: its settings (the schedule checked by
// core::validate_schedule, the rest by save_settings), a first
// Ed25519 signing key (private part kept in the store) and a random proof-of-work secret;
// audited as "center.init". Refuses a store that already holds a center
// (center.already_initialised) and changes nothing then. Thread-safe (one write session).
std::optional<core::Problem> initialise_center(store::CenterStore& store,
                                               const CenterSettings& settings, Instant now,
                                               std::string_view actor = kCliActor);

// The same steps inside an open write session (not committed), for the demo.
std::optional<core::Problem> initialise_center(store::StoreSession& session,
                                               const CenterSettings& settings, Instant now,
                                               std::string_view actor);

// Which of the center's names and address to change (`cherha center set`); nullopt keeps the
// stored value, an empty address removes it.
struct CenterDetailsChange {
    std::optional<std::string> name_uk;
    std::optional<std::string> name_en;
    std::optional<std::string> address_uk;
    std::optional<std::string> address_en;
};

// Changes the center's names and address. Needs an initialised center
// (center.not_initialised). Guarantees: the settings as stored afterwards, audited
// "center.update" with the names of the changed fields; or center.settings_invalid {pointer,
// reason} (e.g. "/address/uk", "control character") and nothing changed. A running server
// takes the new values within its reload interval. Thread-safe (one write session).
core::Result<CenterSettings> update_center_details(store::CenterStore& store,
                                                   const CenterDetailsChange& change, Instant now,
                                                   std::string_view actor = kCliActor);

// Whether `login` / `display_name` / `password` / a device `name` are acceptable (rules
// above); nullopt when they are. Pure, thread-safe.
std::optional<core::Problem> check_login(std::string_view login);
std::optional<core::Problem> check_display_name(std::string_view display_name);
std::optional<core::Problem> check_password(std::string_view password);
std::optional<core::Problem> check_device_name(std::string_view name);

// Creates a staff account (audited "staff.add" with login and role). An empty display name
// means the login. The password is checked, then hashed at `cost` (production:
// PasswordHashCost::standard(), about 0.3 s) before the write session opens.
// Needs an initialised center. Returns the stored record without its password hash.
core::Result<store::StaffRecord> add_staff(store::CenterStore& store, std::string_view login,
                                           std::string_view display_name, store::StaffRole role,
                                           std::string_view password, core::PasswordHashCost cost,
                                           Instant now, std::string_view actor = kCliActor);

// The same inside an open write session, with the hash already computed.
core::Result<store::StaffRecord> insert_staff(store::StoreSession& session, std::string_view login,
                                              std::string_view display_name, store::StaffRole role,
                                              std::string password_hash, Instant now,
                                              std::string_view actor);

// Replaces a password; also clears the failed-login count and any lockout and ends every
// session of that account (audited "staff.password"). staff.not_found for an unknown login.
std::optional<core::Problem> set_password(store::CenterStore& store, std::string_view login,
                                          std::string_view password, core::PasswordHashCost cost,
                                          Instant now, std::string_view actor = kCliActor);

// Disables an account and ends its sessions (audited "staff.disable"); disabling a disabled
// account is not an error. staff.not_found for an unknown login.
std::optional<core::Problem> disable_staff(store::CenterStore& store, std::string_view login,
                                           Instant now, std::string_view actor = kCliActor);

// Every account, ordered by login, password hashes removed. Read session.
core::Result<std::vector<store::StaffRecord>> list_staff(store::CenterStore& store);

// A new kiosk or board device and its token (shown once: only its digest is stored).
struct NewDevice {
    store::DeviceRecord record;
    std::string token;  // core::new_session_token(): 43 characters of base64url
};

// Registers a device (audited "device.add" with name and kind, never the token).
// Needs an initialised center; store.duplicate {what=device_name} for a taken name.
core::Result<NewDevice> add_device(store::CenterStore& store, std::string_view name,
                                   store::DeviceKind kind, Instant now,
                                   std::string_view actor = kCliActor);

// The same inside an open write session.
core::Result<NewDevice> add_device(store::StoreSession& session, std::string_view name,
                                   store::DeviceKind kind, Instant now, std::string_view actor);

// Revokes the active device `name`: its token stops working (audited "device.revoke").
// device.not_found when no active device has that name.
std::optional<core::Problem> revoke_device(store::CenterStore& store, std::string_view name,
                                           Instant now, std::string_view actor = kCliActor);

// Every device, ordered by name (revoked ones included, with revoked_at). Read session.
core::Result<std::vector<store::DeviceRecord>> list_devices(store::CenterStore& store);

struct KeyRotation {
    std::string new_key_id;                  // signs from now on
    std::vector<std::string> verifying_ids;  // the older keys, still verifying
};

// Generates a new signing key and makes it the signing one: its activated_at is `now`, or one
// second after the newest existing key if that is not earlier (so it is the newest even when
// two rotations happen within a second). Old keys stay (see the top). Audited "key.rotate"
// with the key ids. Needs an initialised center.
core::Result<KeyRotation> rotate_signing_key(store::CenterStore& store, Instant now,
                                             std::string_view actor = kCliActor);

// The center's signing keys, oldest first, without their private parts. Read session.
core::Result<std::vector<store::SigningKeyRecord>> list_signing_keys(store::CenterStore& store);

// Replaces the schedule of the center's settings (checked by core::validate_schedule and
// save_settings: a bad schedule changes nothing). Audited "schedule.import" with the counts of
// services and windows.
std::optional<core::Problem> import_schedule(store::CenterStore& store,
                                             const core::CenterSchedule& schedule, Instant now,
                                             std::string_view actor = kCliActor);

}  // namespace cherha::center
