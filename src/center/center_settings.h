// The center's configuration as the application uses it: who the center is, its schedule and the
// rules of its queue. Kept in the store's settings (key "center", one JSON document) so the server
// and the command line see the same values; `cherha schedule import` replaces the schedule.
//
// Problem codes (params in braces):
//   center.settings_invalid {pointer, reason}  the stored or imported settings JSON is not valid
//                                              (pointer: JSON pointer of the bad value)
//   center.not_initialised  {}                 the store holds no center yet (`cherha init`)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/calendar/booking_rules.h"
#include "core/calendar/center_schedule.h"
#include "core/common/problem.h"
#include "core/quota/no_show_block.h"
#include "core/quota/quota_policy.h"
#include "store/center_store.h"

namespace cherha::center {

inline constexpr std::size_t kMaxCenterNameBytes = 200;
inline constexpr std::size_t kMaxAddressBytes = 300;

struct CenterSettings {
    std::uint32_t center_id = 1;  // goes into every QR token
    std::string name_uk;
    std::string name_en;
    // Where the center is, for the citizens' pages and printouts ("вул. Прикладна, 1, Київ");
    // optional (empty = not given), at most kMaxAddressBytes, no control characters.
    std::string address_uk;
    std::string address_en;
    core::CenterSchedule schedule;  // time zone, hours, windows, services
    core::BookingRules rules;
    core::QuotaPolicy quotas;
    core::NoShowBlockPolicy no_shows;
    int retention_days = 90;          // personal data of older bookings is erased
    bool works_during_alert = false;  // a center in a shelter keeps calling during alerts
    int minimum_registrant_age = 14;
};

// Reads the settings from a session. center.not_initialised when absent.
core::Result<CenterSettings> load_settings(store::StoreSession& session);
// Validates (schedule, rules, quotas) and writes the settings. Needs a write session.
std::optional<core::Problem> save_settings(store::StoreSession& session,
                                           const CenterSettings& settings);
// JSON round trip (the schedule part uses formats/schedule_json). The names are
// "name": {"uk", "en"} and the address "address": {"uk", "en"} (left out when both are empty;
// absent reads as empty); a name or address with a control character (U+0000..U+001F,
// U+007F..U+009F) or over its limit is center.settings_invalid.
std::string settings_to_json(const CenterSettings& settings);
core::Result<CenterSettings> settings_from_json(std::string_view text);

}  // namespace cherha::center
