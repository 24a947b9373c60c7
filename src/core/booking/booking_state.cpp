#include "core/booking/booking_state.h"

namespace cherha::core {

namespace {

template <class Enum, std::size_t N>
std::optional<Enum> parse_by_id(std::string_view id, const std::array<Enum, N>& all,
                                std::string_view (*id_of)(Enum)) {
    for (Enum e : all)
        if (id_of(e) == id) return e;
    return std::nullopt;
}

constexpr std::array kAllChannels{BookingChannel::Online, BookingChannel::Terminal};
constexpr std::array kAllRefusalReasons{RefusalReason::DataMismatch, RefusalReason::MissingDocument,
                                        RefusalReason::Other};
constexpr std::array kAllServiceResults{ServiceResult::Passed, ServiceResult::Failed};

}  // namespace

std::string_view booking_state_id(BookingState state) {
    switch (state) {
        case BookingState::Booked:
            return "booked";
        case BookingState::Arrived:
            return "arrived";
        case BookingState::Called:
            return "called";
        case BookingState::InService:
            return "in_service";
        case BookingState::Served:
            return "served";
        case BookingState::Refused:
            return "refused";
        case BookingState::NoShow:
            return "no_show";
        case BookingState::Cancelled:
            return "cancelled";
    }
    return "unknown";
}

std::string_view booking_action_id(BookingAction action) {
    switch (action) {
        case BookingAction::Arrive:
            return "arrive";
        case BookingAction::Call:
            return "call";
        case BookingAction::Recall:
            return "recall";
        case BookingAction::Start:
            return "start";
        case BookingAction::Serve:
            return "serve";
        case BookingAction::Refuse:
            return "refuse";
        case BookingAction::MarkNoShow:
            return "mark_no_show";
        case BookingAction::Cancel:
            return "cancel";
        case BookingAction::Transfer:
            return "transfer";
    }
    return "unknown";
}

std::string_view booking_actor_id(BookingActor actor) {
    switch (actor) {
        case BookingActor::Citizen:
            return "citizen";
        case BookingActor::Kiosk:
            return "kiosk";
        case BookingActor::Clerk:
            return "clerk";
        case BookingActor::Supervisor:
            return "supervisor";
        case BookingActor::System:
            return "system";
    }
    return "unknown";
}

std::string_view booking_channel_id(BookingChannel channel) {
    switch (channel) {
        case BookingChannel::Online:
            return "online";
        case BookingChannel::Terminal:
            return "terminal";
    }
    return "unknown";
}

std::string_view refusal_reason_id(RefusalReason reason) {
    switch (reason) {
        case RefusalReason::DataMismatch:
            return "data_mismatch";
        case RefusalReason::MissingDocument:
            return "missing_document";
        case RefusalReason::Other:
            return "other";
    }
    return "unknown";
}

std::string_view service_result_id(ServiceResult result) {
    switch (result) {
        case ServiceResult::Passed:
            return "passed";
        case ServiceResult::Failed:
            return "failed";
    }
    return "unknown";
}

std::optional<BookingState> parse_booking_state(std::string_view id) {
    return parse_by_id(id, kAllBookingStates, &booking_state_id);
}
std::optional<BookingAction> parse_booking_action(std::string_view id) {
    return parse_by_id(id, kAllBookingActions, &booking_action_id);
}
std::optional<BookingActor> parse_booking_actor(std::string_view id) {
    return parse_by_id(id, kAllBookingActors, &booking_actor_id);
}
std::optional<BookingChannel> parse_booking_channel(std::string_view id) {
    return parse_by_id(id, kAllChannels, &booking_channel_id);
}
std::optional<RefusalReason> parse_refusal_reason(std::string_view id) {
    return parse_by_id(id, kAllRefusalReasons, &refusal_reason_id);
}
std::optional<ServiceResult> parse_service_result(std::string_view id) {
    return parse_by_id(id, kAllServiceResults, &service_result_id);
}

bool is_final_state(BookingState state) {
    switch (state) {
        case BookingState::Served:
        case BookingState::Refused:
        case BookingState::NoShow:
        case BookingState::Cancelled:
            return true;
        default:
            return false;
    }
}

}  // namespace cherha::core
