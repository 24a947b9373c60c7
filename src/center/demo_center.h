// The demo center (`cherha-server --demo`): a vehicle and driving-licence service center with
// services in Ukrainian and English, six windows, staff accounts of each role, a kiosk and a
// board, today's bookings in every state and online bookings for the next open days, all with
// synthetic identities. Written through the store directly, in one write session: it is all
// there or none of it.
//
// "Today" is the local day of `now` in the center's time zone. When the center is closed
// today (a Sunday, a holiday), the demo adds today as a special day with the opening hours of
// a weekday, so the demo always has a working day to show.
//
// The demo accounts have fixed, published passwords (see kDemoAccounts): never fill a demo
// into a store that real people use.
//
// Problem codes (params in braces), besides those of the store, of provisioning.h and of
// center_settings.h:
//   center.demo_exists {}       the store already holds the demo (or staff with its logins)
//   center.demo_no_slots {day}  the schedule gives no slot at all on `day` (cannot happen with
//                               the demo schedule; a custom schedule with no services)
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "center/provisioning.h"
#include "core/auth/password_hash.h"
#include "store/center_store.h"

namespace cherha::center {

struct DemoAccount {
    std::string login;
    std::string password;
    store::StaffRole role = store::StaffRole::Clerk;
    std::string display_name;
};

// What a user of the demo needs to log in: printed by the server at start.
struct DemoLogins {
    std::vector<DemoAccount> staff;  // clerk1, clerk2, supervisor, admin
    std::string kiosk_name;          // "kiosk-1"
    std::string kiosk_token;
    std::string board_name;  // "board-1"
    std::string board_token;
    int bookings_today = 0;
    int bookings_later = 0;  // online bookings of the next open days
};

// The demo's fixed logins and passwords.
struct DemoAccountSpec {
    std::string_view login;
    std::string_view password;
    store::StaffRole role;
    std::string_view display_name;
};
inline constexpr std::array<DemoAccountSpec, 4> kDemoAccounts{{
    {"clerk1", "demo-clerk1-pass", store::StaffRole::Clerk, "Оксана Мельник"},
    {"clerk2", "demo-clerk2-pass", store::StaffRole::Clerk, "Петро Гнатюк"},
    {"supervisor", "demo-supervisor-pass", store::StaffRole::Supervisor, "Ірина Бойко"},
    {"admin", "demo-admin-pass", store::StaffRole::Admin, "Адміністратор"},
}};

// The setting that marks a store holding the demo.
inline constexpr std::string_view kDemoSetting = "demo";

// The demo center's address: a street that does not exist (synthetic, like its people).
inline constexpr std::string_view kDemoAddressUk = "вул. Прикладна, 1, Київ";
inline constexpr std::string_view kDemoAddressEn = "1 Prykladna St, Kyiv";

// Fills the demo into `store`, initialising the center first (default_center_settings with the
// address kDemoAddressUk / kDemoAddressEn) when the store is empty. Passwords are hashed at `cost`
// (production: PasswordHashCost::standard(); tests may pass insecure_for_tests). Refuses a store
// that already holds the demo (center.demo_exists), changing nothing. Audited as "demo.fill" (plus
// "center.init", "staff.add" and "device.add" events), actor "system". Thread-safe (one write
// session; the hashing happens before it opens).
core::Result<DemoLogins> fill_demo(
    store::CenterStore& store, Instant now,
    core::PasswordHashCost cost = core::PasswordHashCost::standard());

}  // namespace cherha::center
