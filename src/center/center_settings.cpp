#include "center/center_settings.h"

#include <nlohmann/json.hpp>

#include "core/common/utf8.h"
#include "formats/schedule_json.h"

namespace cherha::center {

namespace {

using nlohmann::json;

constexpr std::string_view kSettingsKey = "center";

core::Problem invalid(std::string pointer, std::string reason) {
    return core::Problem("center.settings_invalid",
                         {{"pointer", std::move(pointer)}, {"reason", std::move(reason)}});
}

// Reads an optional integer member within [low, high] into `out`.
std::optional<core::Problem> read_int(const json& object, const char* name, int low, int high,
                                      int& out, const std::string& where) {
    auto it = object.find(name);
    if (it == object.end()) return std::nullopt;
    if (!it->is_number_integer()) return invalid(where + "/" + name, "integer expected");
    const auto value = it->get<std::int64_t>();
    if (value < low || value > high)
        return invalid(where + "/" + name,
                       "between " + std::to_string(low) + " and " + std::to_string(high));
    out = static_cast<int>(value);
    return std::nullopt;
}

// Reads an optional one-line text member of at most `max_bytes` into `out`.
std::optional<core::Problem> read_string(const json& object, const char* name, std::string& out,
                                         const std::string& where, std::size_t max_bytes) {
    auto it = object.find(name);
    if (it == object.end()) return std::nullopt;
    if (!it->is_string()) return invalid(where + "/" + name, "string expected");
    out = it->get<std::string>();
    if (out.size() > max_bytes)
        return invalid(where + "/" + name, "at most " + std::to_string(max_bytes) + " bytes");
    for (std::size_t at = 0; at < out.size();) {
        const auto c = core::decode_utf8_char(out, at);
        if (c.valid && core::is_control_code_point(c.code_point))
            return invalid(where + "/" + name, "control character");
        at += c.bytes;
    }
    return std::nullopt;
}

std::optional<core::Problem> check_members(const json& object, const std::string& where,
                                           std::initializer_list<std::string_view> known) {
    if (!object.is_object()) return invalid(where.empty() ? "/" : where, "object expected");
    for (const auto& [key, value] : object.items()) {
        bool found = false;
        for (auto k : known) found = found || k == key;
        if (!found) return invalid(where + "/" + key, "unknown member");
    }
    return std::nullopt;
}

}  // namespace

std::string settings_to_json(const CenterSettings& s) {
    json out;
    out["center_id"] = s.center_id;
    out["name"] = {{"uk", s.name_uk}, {"en", s.name_en}};
    if (!s.address_uk.empty() || !s.address_en.empty())
        out["address"] = {{"uk", s.address_uk}, {"en", s.address_en}};
    out["schedule"] = json::parse(formats::schedule_to_json(s.schedule));
    out["rules"] = {
        {"online_window_days", s.rules.online_window_days},
        {"online_opening_minute", s.rules.online_opening_time.count() / 60},
        {"online_lead_minutes", s.rules.online_lead_time.count()},
        {"cancellation_deadline_minutes", s.rules.cancellation_deadline.count()},
    };
    out["quotas"] = {
        {"person_online_per_month", s.quotas.person_online_per_month},
        {"person_terminal_per_month", s.quotas.person_terminal_per_month},
        {"entity_online_per_day", s.quotas.entity_online_per_day},
        {"entity_terminal_per_day", s.quotas.entity_terminal_per_day},
    };
    out["no_shows_per_month"] = s.no_shows.no_shows_per_month;
    out["retention_days"] = s.retention_days;
    out["works_during_alert"] = s.works_during_alert;
    out["minimum_registrant_age"] = s.minimum_registrant_age;
    // Text that is not UTF-8 is replaced rather than thrown on; the strict parse that follows
    // every save then refuses nothing that was valid.
    return out.dump(2, ' ', false, json::error_handler_t::replace);
}

core::Result<CenterSettings> settings_from_json(std::string_view text) {
    json in = json::parse(text, nullptr, false);
    if (in.is_discarded()) return invalid("", "not valid JSON");
    if (auto p = check_members(
            in, "",
            {"center_id", "name", "address", "schedule", "rules", "quotas", "no_shows_per_month",
             "retention_days", "works_during_alert", "minimum_registrant_age"}))
        return *p;
    CenterSettings s;
    int center_id = 1;
    if (auto p = read_int(in, "center_id", 1, 999'999'999, center_id, "")) return *p;
    s.center_id = static_cast<std::uint32_t>(center_id);
    if (auto it = in.find("name"); it != in.end()) {
        if (auto p = check_members(*it, "/name", {"uk", "en"})) return *p;
        if (auto p = read_string(*it, "uk", s.name_uk, "/name", kMaxCenterNameBytes)) return *p;
        if (auto p = read_string(*it, "en", s.name_en, "/name", kMaxCenterNameBytes)) return *p;
    }
    if (auto it = in.find("address"); it != in.end()) {
        if (auto p = check_members(*it, "/address", {"uk", "en"})) return *p;
        if (auto p = read_string(*it, "uk", s.address_uk, "/address", kMaxAddressBytes)) return *p;
        if (auto p = read_string(*it, "en", s.address_en, "/address", kMaxAddressBytes)) return *p;
    }
    auto schedule_it = in.find("schedule");
    if (schedule_it == in.end()) return invalid("/schedule", "missing");
    // load_schedule_json also runs core::validate_schedule (windows named by services exist,
    // hours in order, ...), so stored settings always hold a usable schedule.
    auto schedule = formats::load_schedule_json(schedule_it->dump());
    if (!schedule.ok()) {
        if (schedule.problems.empty()) return invalid("/schedule", "invalid");
        const auto& problem = schedule.problems.front();
        return invalid("/schedule" + problem.param("pointer"), problem.code);
    }
    s.schedule = std::move(*schedule.schedule);

    if (auto it = in.find("rules"); it != in.end()) {
        if (auto p = check_members(*it, "/rules",
                                   {"online_window_days", "online_opening_minute",
                                    "online_lead_minutes", "cancellation_deadline_minutes"}))
            return *p;
        int opening = static_cast<int>(s.rules.online_opening_time.count() / 60);
        int lead = static_cast<int>(s.rules.online_lead_time.count());
        int deadline = static_cast<int>(s.rules.cancellation_deadline.count());
        if (auto p =
                read_int(*it, "online_window_days", 1, 366, s.rules.online_window_days, "/rules"))
            return *p;
        if (auto p = read_int(*it, "online_opening_minute", 0, 1439, opening, "/rules")) return *p;
        if (auto p = read_int(*it, "online_lead_minutes", 0, 10080, lead, "/rules")) return *p;
        if (auto p = read_int(*it, "cancellation_deadline_minutes", 0, 10080, deadline, "/rules"))
            return *p;
        s.rules.online_opening_time = std::chrono::minutes(opening);
        s.rules.online_lead_time = std::chrono::minutes(lead);
        s.rules.cancellation_deadline = std::chrono::minutes(deadline);
    }
    if (auto it = in.find("quotas"); it != in.end()) {
        if (auto p = check_members(*it, "/quotas",
                                   {"person_online_per_month", "person_terminal_per_month",
                                    "entity_online_per_day", "entity_terminal_per_day"}))
            return *p;
        const int max = core::kMaxQuotaLimit;
        auto& q = s.quotas;
        if (auto p = read_int(*it, "person_online_per_month", 0, max, q.person_online_per_month,
                              "/quotas"))
            return *p;
        if (auto p = read_int(*it, "person_terminal_per_month", 0, max, q.person_terminal_per_month,
                              "/quotas"))
            return *p;
        if (auto p =
                read_int(*it, "entity_online_per_day", 0, max, q.entity_online_per_day, "/quotas"))
            return *p;
        if (auto p = read_int(*it, "entity_terminal_per_day", 0, max, q.entity_terminal_per_day,
                              "/quotas"))
            return *p;
    }
    if (auto p = read_int(in, "no_shows_per_month", 1, 1000, s.no_shows.no_shows_per_month, ""))
        return *p;
    // At least 62 days: the monthly quotas count the identity keys of up to two months back.
    if (auto p = read_int(in, "retention_days", 62, 3650, s.retention_days, "")) return *p;
    if (auto p = read_int(in, "minimum_registrant_age", 0, 120, s.minimum_registrant_age, ""))
        return *p;
    if (auto it = in.find("works_during_alert"); it != in.end()) {
        if (!it->is_boolean()) return invalid("/works_during_alert", "boolean expected");
        s.works_during_alert = it->get<bool>();
    }
    if (auto problems = core::validate_booking_rules(s.rules); !problems.empty())
        return invalid("/rules", problems.front().code);
    if (auto problem = core::check_quota_policy(s.quotas)) return invalid("/quotas", problem->code);
    return s;
}

core::Result<CenterSettings> load_settings(store::StoreSession& session) {
    auto text = session.setting(kSettingsKey);
    if (!text) return text.problem();
    if (!text->has_value()) return core::Problem("center.not_initialised");
    return settings_from_json(**text);
}

std::optional<core::Problem> save_settings(store::StoreSession& session,
                                           const CenterSettings& settings) {
    const std::string text = settings_to_json(settings);
    // Read back through the same strict parser, so nothing is stored that cannot be loaded.
    auto checked = settings_from_json(text);
    if (!checked) return checked.problem();
    return session.put_setting(kSettingsKey, text);
}

}  // namespace cherha::center
