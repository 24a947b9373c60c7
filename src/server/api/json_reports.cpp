#include "server/api/json_reports.h"

#include "core/common/civil.h"
#include "server/api/json_booking.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {

nlohmann::json verification_json(const core::Verification& v) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : v.fields) {
        fields.push_back(
            {{"field", core::verified_field_id(f.field)},
             {"status", core::field_status_id(f.status)},
             {"registered", f.registered},
             {"presented", f.presented},
             {"reason", f.reason ? problem_json(*f.reason) : nlohmann::json(nullptr)}});
    }
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : v.problems) problems.push_back(problem_json(p));
    return {{"verdict", core::verdict_id(v.verdict)},
            {"fields", std::move(fields)},
            {"problems", std::move(problems)}};
}

nlohmann::json statistics_json(const center::DayStatistics& s) {
    nlohmann::json hours = nlohmann::json::object();
    for (const auto& [hour, count] : s.arrivals_by_hour) hours[time_of_day(hour * 60)] = count;
    nlohmann::json alerts = nlohmann::json::array();
    for (const auto& a : s.alerts) {
        alerts.push_back({{"started_at", iso_instant(a.started_at)},
                          {"ended_at", a.ended_at ? nlohmann::json(iso_instant(*a.ended_at))
                                                  : nlohmann::json(nullptr)}});
    }
    auto optional_number = [](const std::optional<double>& v) {
        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    return {{"day", core::format_iso_date(s.day)},
            {"by_state", s.by_state},
            {"by_service", s.by_service},
            {"by_window", s.by_window},
            {"arrivals_by_hour", std::move(hours)},
            {"mean_wait_minutes", optional_number(s.mean_wait_minutes)},
            {"mean_service_minutes", optional_number(s.mean_service_minutes)},
            {"abuse", s.abuse},
            {"alerts", std::move(alerts)}};
}

nlohmann::json audit_entry_json(const store::AuditEntry& entry) {
    const auto& e = entry.event;
    nlohmann::json details = nlohmann::json::parse(e.details, nullptr, false);
    if (details.is_discarded()) details = e.details;
    return {{"seq", entry.seq},
            {"at", iso_instant(e.at)},
            {"actor", e.actor},
            {"window", e.window_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.window_id)},
            {"action", e.action},
            {"booking", e.booking_id ? nlohmann::json(*e.booking_id) : nlohmann::json(nullptr)},
            {"result", e.result},
            {"details", std::move(details)},
            {"prev_hash", entry.prev_hash},
            {"hash", entry.hash}};
}

nlohmann::json key_json(const store::SigningKeyRecord& key) {
    return {{"key_id", key.key_id},
            {"public_pem", key.public_pem},
            {"activated_at", iso_instant(key.activated_at)},
            {"retired", key.retired}};
}

}  // namespace cherha::server::api
