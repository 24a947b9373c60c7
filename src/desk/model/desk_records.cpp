#include "desk/model/desk_records.h"

namespace cherha::desk {

core::CenterSchedule CenterInfo::schedule() const {
    core::CenterSchedule schedule;
    schedule.time_zone = time_zone;
    for (const auto& window : windows) schedule.windows.push_back({window.id, window.number});
    for (const auto& service : services) {
        core::Service s;
        s.id = service.id;
        s.name_uk = service.name_uk;
        s.name_en = service.name_en;
        s.duration = std::chrono::minutes(service.duration_minutes);
        s.window_ids = service.windows;
        s.retake_pause_days = service.retake_pause_days;
        schedule.services.push_back(std::move(s));
    }
    return schedule;
}

std::string CenterInfo::service_name(const std::string& service_id,
                                     const std::string& language) const {
    for (const auto& service : services) {
        if (service.id != service_id) continue;
        const std::string& wanted = language == "en" ? service.name_en : service.name_uk;
        const std::string& other = language == "en" ? service.name_uk : service.name_en;
        if (!wanted.empty()) return wanted;
        if (!other.empty()) return other;
        return service_id;
    }
    return service_id;
}

int CenterInfo::window_number(const std::string& window_id) const {
    for (const auto& window : windows)
        if (window.id == window_id) return window.number;
    return 0;
}

const std::string& QueueBooking::waiting_service() const {
    if (transfer && !transfer->service_id.empty()) return transfer->service_id;
    return service_id;
}

}  // namespace cherha::desk
