#include "server/api/json_slots.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/booking/booking_state.h"
#include "core/calendar/slot_calendar.h"
#include "core/common/civil.h"
#include "server/api/json_booking.h"

namespace cherha::server::api {

namespace {

void append_int(std::string& out, long long value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

// Only for values made by this program (ids, formatted times): plain ASCII without quotes or
// backslashes, so no escaping is needed.
void append_plain_string(std::string& out, std::string_view text) {
    out += '"';
    out += text;
    out += '"';
}

}  // namespace

std::string slot_list_body(std::string_view service, core::Date day, core::BookingChannel channel,
                           const std::vector<center::SlotAvailability>& slots) {
    std::string out;
    out.reserve(96 + slots.size() * 150);
    out += "{\"service\":";
    out += nlohmann::json(std::string(service))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += ",\"day\":";
    append_plain_string(out, core::format_iso_date(day));
    out += ",\"channel\":";
    append_plain_string(out, core::booking_channel_id(channel));
    out += ",\"slots\":[";
    bool first = true;
    for (const auto& a : slots) {
        if (!first) out += ',';
        first = false;
        out += "{\"time\":";
        append_plain_string(out, time_of_day(core::minute_of_day(a.slot)));
        out += ",\"start\":";
        append_plain_string(out, iso_instant(a.slot.start));
        out += ",\"end\":";
        append_plain_string(out, iso_instant(a.slot.end));
        out += ",\"capacity\":";
        append_int(out, a.slot.capacity);
        out += ",\"taken\":";
        append_int(out, a.taken);
        out += ",\"free\":";
        append_int(out, a.free);
        out += ",\"bookable\":";
        out += a.bookable ? "true" : "false";
        out += '}';
    }
    out += "]}";
    return out;
}

}  // namespace cherha::server::api
