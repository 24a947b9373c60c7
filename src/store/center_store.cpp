#include "store/center_store.h"

namespace cherha::store {

std::string_view staff_role_id(StaffRole role) {
    switch (role) {
        case StaffRole::Clerk:
            return "clerk";
        case StaffRole::Supervisor:
            return "supervisor";
        case StaffRole::Admin:
            return "admin";
    }
    return "unknown";
}

std::optional<StaffRole> parse_staff_role(std::string_view id) {
    for (StaffRole role : {StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Admin})
        if (staff_role_id(role) == id) return role;
    return std::nullopt;
}

std::string_view device_kind_id(DeviceKind kind) {
    switch (kind) {
        case DeviceKind::Kiosk:
            return "kiosk";
        case DeviceKind::Board:
            return "board";
    }
    return "unknown";
}

std::optional<DeviceKind> parse_device_kind(std::string_view id) {
    for (DeviceKind kind : {DeviceKind::Kiosk, DeviceKind::Board})
        if (device_kind_id(kind) == id) return kind;
    return std::nullopt;
}

}  // namespace cherha::store
