#include "core/booking/booking_transition.h"

#include <cstdint>
#include <string_view>

#include "core/common/utf8.h"

namespace cherha::core {

namespace {

using ActorMask = std::uint8_t;

constexpr ActorMask bit(BookingActor actor) {
    return static_cast<ActorMask>(1U << static_cast<unsigned>(actor));
}

constexpr ActorMask kStaff = bit(BookingActor::Clerk) | bit(BookingActor::Supervisor);

// One legal edge of the state machine.
struct Edge {
    BookingState from;
    BookingAction action;
    BookingState to;
    ActorMask actors;
};

using S = BookingState;
using A = BookingAction;

// The whole machine. Keep in sync with the table in booking_transition.h.
constexpr Edge kEdges[] = {
    {S::Booked, A::Arrive, S::Arrived, kStaff | bit(BookingActor::Kiosk)},
    {S::Booked, A::Cancel, S::Cancelled, kStaff | bit(BookingActor::Citizen)},
    {S::Booked, A::MarkNoShow, S::NoShow,
     bit(BookingActor::Supervisor) | bit(BookingActor::System)},
    {S::Arrived, A::Call, S::Called, kStaff},
    {S::Arrived, A::Cancel, S::Cancelled, kStaff},
    {S::Arrived, A::MarkNoShow, S::NoShow,
     bit(BookingActor::Supervisor) | bit(BookingActor::System)},
    {S::Arrived, A::Transfer, S::Arrived, bit(BookingActor::Supervisor)},
    {S::Called, A::Recall, S::Called, kStaff},
    {S::Called, A::Start, S::InService, kStaff},
    {S::Called, A::Refuse, S::Refused, kStaff},
    {S::Called, A::MarkNoShow, S::NoShow, kStaff | bit(BookingActor::System)},
    {S::Called, A::Transfer, S::Arrived, kStaff},
    {S::InService, A::Serve, S::Served, kStaff},
    {S::InService, A::Refuse, S::Refused, kStaff},
    {S::InService, A::Transfer, S::Arrived, kStaff},
};

const Edge* find_edge(BookingState from, BookingAction action) {
    for (const Edge& e : kEdges)
        if (e.from == from && e.action == action) return &e;
    return nullptr;
}

bool actor_in(ActorMask mask, BookingActor actor) {
    const auto index = static_cast<unsigned>(actor);
    if (index >= 8) return false;
    return (mask & bit(actor)) != 0;
}

std::string id_str(std::string_view id) {
    return std::string(id);
}

bool is_blank(std::string_view text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

// Which issue, if any, makes a free-text field unusable: too long, not UTF-8 (including
// overlong forms and surrogates), or a control character (C0 with NUL, DEL, or C1).
std::optional<Problem> check_text(std::string_view field, std::string_view text,
                                  std::size_t max_bytes) {
    auto problem = [&](std::string issue) {
        return Problem("transition.text_invalid",
                       {{"field", std::string(field)}, {"issue", issue}});
    };
    if (text.size() > max_bytes) return problem("too_long").with("max", std::to_string(max_bytes));
    for (std::size_t i = 0; i < text.size();) {
        const DecodedChar c = decode_utf8_char(text, i);
        if (!c.valid) return problem("not_utf8");
        if (is_control_code_point(c.code_point)) return problem("control_character");
        i += c.bytes;
    }
    return std::nullopt;
}

bool stops_during_alert(BookingAction action) {
    return action == A::Call || action == A::Recall || action == A::MarkNoShow;
}

// Guards that depend only on the context's flags (not on payloads).
std::optional<Problem> check_flags(BookingAction action, BookingActor actor,
                                   const TransitionContext& ctx) {
    if (ctx.alert_active && stops_during_alert(action))
        return Problem("transition.alert_active", {{"action", id_str(booking_action_id(action))}});
    if (actor == BookingActor::Citizen && action == A::Cancel) {
        if (!ctx.own_booking) return Problem("transition.not_own_booking");
        if (!ctx.before_cancellation_deadline)
            return Problem("transition.cancellation_deadline_passed");
    }
    return std::nullopt;
}

}  // namespace

Result<BookingTransition> apply_booking_action(BookingState from, BookingAction action,
                                               BookingActor actor, const TransitionContext& ctx) {
    const Edge* edge = find_edge(from, action);
    if (edge == nullptr)
        return Problem("transition.not_allowed", {{"from", id_str(booking_state_id(from))},
                                                  {"action", id_str(booking_action_id(action))}});
    if (!actor_in(edge->actors, actor))
        return Problem("transition.actor_not_allowed",
                       {{"actor", id_str(booking_actor_id(actor))},
                        {"action", id_str(booking_action_id(action))},
                        {"from", id_str(booking_state_id(from))}});
    if (auto p = check_flags(action, actor, ctx)) return *p;

    BookingTransition t{from, action, actor, edge->to, std::nullopt, std::nullopt, std::nullopt};
    switch (action) {
        case A::Serve:
            if (ctx.service_has_result && !ctx.result) return Problem("transition.result_required");
            if (!ctx.service_has_result && ctx.result)
                return Problem("transition.result_not_applicable",
                               {{"result", id_str(service_result_id(*ctx.result))}});
            t.result = ctx.result;
            break;
        case A::Refuse: {
            if (!ctx.refusal) return Problem("transition.reason_required");
            if (!parse_refusal_reason(refusal_reason_id(ctx.refusal->reason)))
                return Problem("transition.reason_required");
            if (ctx.refusal->reason == RefusalReason::Other && is_blank(ctx.refusal->note))
                return Problem("transition.reason_text_required",
                               {{"reason", id_str(refusal_reason_id(ctx.refusal->reason))}});
            if (auto p = check_text("note", ctx.refusal->note, kMaxRefusalNoteBytes)) return *p;
            t.refusal = ctx.refusal;
            break;
        }
        case A::Transfer: {
            if (!ctx.transfer ||
                (is_blank(ctx.transfer->service_id) && is_blank(ctx.transfer->window_id)))
                return Problem("transition.target_required");
            if (auto p =
                    check_text("service_id", ctx.transfer->service_id, kMaxTransferTargetIdBytes))
                return *p;
            if (auto p =
                    check_text("window_id", ctx.transfer->window_id, kMaxTransferTargetIdBytes))
                return *p;
            t.transfer = ctx.transfer;
            break;
        }
        default:
            break;
    }
    return t;
}

std::vector<BookingAction> allowed_actions(BookingState state, BookingActor actor) {
    std::vector<BookingAction> out;
    for (BookingAction action : kAllBookingActions) {
        const Edge* edge = find_edge(state, action);
        if (edge != nullptr && actor_in(edge->actors, actor)) out.push_back(action);
    }
    return out;
}

std::vector<BookingAction> allowed_actions(BookingState state, BookingActor actor,
                                           const TransitionContext& context) {
    std::vector<BookingAction> out;
    for (BookingAction action : allowed_actions(state, actor))
        if (!check_flags(action, actor, context)) out.push_back(action);
    return out;
}

Result<BookingState> opening_booking_state(BookingActor actor, BookingChannel channel) {
    auto wrong_channel = [&] {
        return Problem("transition.channel_not_allowed",
                       {{"actor", id_str(booking_actor_id(actor))},
                        {"channel", id_str(booking_channel_id(channel))}});
    };
    switch (actor) {
        case BookingActor::Citizen:
            if (channel == BookingChannel::Online) return BookingState::Booked;
            return wrong_channel();
        case BookingActor::Kiosk:
            if (channel == BookingChannel::Terminal) return BookingState::Arrived;
            return wrong_channel();
        default:
            return Problem("transition.actor_not_allowed",
                           {{"actor", id_str(booking_actor_id(actor))}, {"action", "create"}});
    }
}

}  // namespace cherha::core
