#include "server/api/json_booking.h"

#include <cstdio>

#include <date/date.h>

#include "core/token/booking_code.h"
#include "formats/person_json.h"
#include "text/i18n.h"

namespace cherha::server::api {

using formats::registration_json;

namespace {

nlohmann::json optional_instant(const std::optional<core::Instant>& at) {
    return at ? nlohmann::json(iso_instant(*at)) : nlohmann::json(nullptr);
}

nlohmann::json window_or_null(const std::string& window_id, const core::CenterSchedule& schedule) {
    if (window_id.empty()) return nullptr;
    return {{"id", window_id}, {"number", window_number(schedule, window_id)}};
}

}  // namespace

std::string iso_instant(core::Instant at) {
    // By hand: date::format builds a locale-imbued stream per call, which was half the cost of
    // a free-slot list (docs/performance.md).
    const auto day = date::floor<date::days>(at);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> time{at - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

std::string time_of_day(int minute) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 100, minute % 60);
    return text;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
            (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' ||
            byte == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

int window_number(const core::CenterSchedule& schedule, std::string_view window_id) {
    for (const auto& window : schedule.windows)
        if (window.id == window_id) return window.number;
    return 0;
}

nlohmann::json ticket_json(const std::optional<core::Ticket>& ticket) {
    if (!ticket) return nullptr;
    return {{"display", core::format_ticket(*ticket)},
            {"number", ticket->number},
            {"sequence", core::ticket_sequence_id(ticket->sequence)},
            {"category", ticket->category
                             ? nlohmann::json(core::priority_category_id(*ticket->category))
                             : nlohmann::json(nullptr)}};
}

nlohmann::json booking_json(const store::BookingRecord& b, std::string_view token,
                            const BookingView& view, const core::CenterSchedule& schedule) {
    nlohmann::json out = {
        {"id", b.id},
        {"code", core::BookingCode{b.code}.display()},
        {"service", b.service_id},
        {"day", core::format_iso_date(b.day)},
        {"time", time_of_day(b.slot_minute)},
        {"start", iso_instant(b.slot_start)},
        {"channel", core::booking_channel_id(b.channel)},
        {"state", core::booking_state_id(b.state)},
        {"ticket", ticket_json(b.ticket)},
        {"window", window_or_null(b.window_id, schedule)},
        {"result",
         b.result ? nlohmann::json(core::service_result_id(*b.result)) : nlohmann::json(nullptr)},
        {"refusal", nullptr},
    };
    if (b.refusal)
        out["refusal"] = {{"reason", core::refusal_reason_id(b.refusal->reason)},
                          {"note", b.refusal->note}};
    if (!token.empty()) {
        out["token"] = std::string(token);
        out["qr"] = "/api/v1/qr.svg?token=" + url_encode(token);
    }
    if (view.registration) {
        out["registration"] =
            b.registration ? registration_json(*b.registration) : nlohmann::json(nullptr);
        out["personal_data_erased"] = b.personal_data_erased_at.has_value();
    }
    if (view.staff_details) {
        out["transfer"] = b.transfer ? nlohmann::json{{"service", b.transfer->service_id},
                                                      {"window", b.transfer->window_id}}
                                     : nlohmann::json(nullptr);
        out["recalls"] = b.recalls;
        out["created_at"] = iso_instant(b.created_at);
        out["updated_at"] = iso_instant(b.updated_at);
        out["arrived_at"] = optional_instant(b.arrived_at);
        out["called_at"] = optional_instant(b.called_at);
        out["started_at"] = optional_instant(b.started_at);
        out["finished_at"] = optional_instant(b.finished_at);
    }
    return out;
}

nlohmann::json service_json(const core::Service& service) {
    const bool english = text::active_language() == text::Language::English;
    return {
        {"id", service.id},
        {"name", english ? service.name_en : service.name_uk},
        {"name_uk", service.name_uk},
        {"name_en", service.name_en},
        {"duration_minutes", service.duration.count()},
        {"windows", service.window_ids},
        {"retake_pause_days", service.retake_pause_days ? nlohmann::json(*service.retake_pause_days)
                                                        : nlohmann::json(nullptr)}};
}

nlohmann::json event_json(const center::QueueEvent& event, const core::CenterSchedule& schedule) {
    return {
        {"kind", event.kind},
        {"booking", event.booking_id},
        {"state", event.state},
        {"ticket", event.ticket.empty() ? nlohmann::json(nullptr) : nlohmann::json(event.ticket)},
        {"window", window_or_null(event.window_id, schedule)},
        {"service", event.service_id},
        {"alert", event.alert_active},
        // Clients drop an event whose change is not above one they have for the booking.
        {"change", event.change > 0 ? nlohmann::json(event.change) : nlohmann::json(nullptr)}};
}

}  // namespace cherha::server::api
