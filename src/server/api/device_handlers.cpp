// The hall's devices: terminal (kiosk) registration for today, the board's view of called
// tickets, and the live event stream of desks and boards.
#include <algorithm>
#include <chrono>

#include "core/tickets/ticket_numbering.h"
#include "formats/json_reader.h"
#include "formats/person_json.h"
#include "server/api/handlers.h"
#include "server/api/json_booking.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {

using formats::JsonReader;
using formats::parse_json_object;
using formats::parse_time_of_day;
using formats::read_registration;

namespace {

std::optional<core::PriorityCategory> parse_priority(std::string_view id) {
    return core::parse_priority_category(id);
}

// One server-sent event: "event: <name>\n[id: <n>\n]data: <json>\n\n".
std::string sse(std::string_view name, const nlohmann::json& data, std::uint64_t id = 0) {
    std::string out = "event: " + std::string(name) + "\n";
    if (id != 0) out += "id: " + std::to_string(id) + "\n";
    out += "data: " + data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
    return out;
}

}  // namespace

http::Response post_terminal_booking(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    center::TerminalRequest terminal;
    terminal.service_id = reader.text("service", 64);
    reader.nested("registration", true,
                  [&](JsonReader& sub) { terminal.registration = read_registration(sub); });
    terminal.priority = reader.choice("priority", false, "priority_category_id", parse_priority);
    if (auto time = reader.optional_text("time", 16)) {
        if (auto minute = parse_time_of_day(*time))
            terminal.slot_minute = *minute;
        else
            reader.fail(reader.invalid("time", "hh_mm"));
    }
    if (auto problem = reader.finish()) return error(ctx, *problem);

    auto issued = ctx.center().register_at_terminal(ctx.actor, terminal);
    if (!issued) return error(ctx, issued.problem());
    // The kiosk stands in the hall: its answer (a printed ticket) carries no personal data.
    return json_response(201, booking_json(issued->booking, issued->token, BookingView{},
                                           ctx.center().settings()->schedule));
}

http::Response get_board(ApiContext& ctx, const http::Request&) {
    const auto settings = ctx.center().settings();
    const auto& schedule = settings->schedule;
    store::BookingFilter filter;
    filter.state = core::BookingState::Called;
    auto called = ctx.center().queue(ctx.center().today(), filter);
    if (!called) return error(ctx, called.problem());
    filter.state = core::BookingState::InService;
    auto serving = ctx.center().queue(ctx.center().today(), filter);
    if (!serving) return error(ctx, serving.problem());

    auto by_latest_call = [](const store::BookingRecord& a, const store::BookingRecord& b) {
        return a.called_at.value_or(core::Instant{}) > b.called_at.value_or(core::Instant{});
    };
    std::vector<store::BookingRecord> called_list = std::move(called).value();
    std::vector<store::BookingRecord> serving_list = std::move(serving).value();
    std::sort(called_list.begin(), called_list.end(), by_latest_call);
    std::sort(serving_list.begin(), serving_list.end(), by_latest_call);
    auto rows = [&](const std::vector<store::BookingRecord>& bookings) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& b : bookings) {
            list.push_back(
                {{"ticket", ticket_json(b.ticket)},
                 {"window", b.window_id.empty()
                                ? nlohmann::json(nullptr)
                                : nlohmann::json{{"id", b.window_id},
                                                 {"number", window_number(schedule, b.window_id)}}},
                 {"service", b.service_id},
                 {"recalls", b.recalls},
                 {"called_at", b.called_at ? nlohmann::json(iso_instant(*b.called_at))
                                           : nlohmann::json(nullptr)}});
        }
        return list;
    };
    return json_response(200, {{"alert", ctx.center().alert_active()},
                               {"called", rows(called_list)},
                               {"in_service", rows(serving_list)}});
}

http::Response get_events(ApiContext& ctx, const http::Request&) {
    auto hub = ctx.shared.events;
    std::shared_ptr<events::Subscription> subscription = hub ? hub->subscribe() : nullptr;
    if (!subscription) return error(ctx, core::Problem("server.unavailable"));

    center::ServiceCenter& center = ctx.center();
    const auto keep_alive = ctx.options().keep_alive;
    const auto wait = ctx.options().event_wait;
    struct StreamState {
        bool greeted = false;
        std::chrono::steady_clock::time_point last_sent = std::chrono::steady_clock::now();
    };
    auto state = std::make_shared<StreamState>();
    http::EventStream stream;
    stream.next = [subscription, state, &center, keep_alive, wait]() -> std::optional<std::string> {
        const auto now = [] { return std::chrono::steady_clock::now(); };
        if (!state->greeted) {
            state->greeted = true;
            state->last_sent = now();
            return "retry: 3000\n\n" + sse("ready", {{"alert", center.alert_active()}});
        }
        const events::Delivery delivery = subscription->next(wait);
        switch (delivery.kind) {
            case events::Delivery::Kind::Closed:
                return std::nullopt;
            case events::Delivery::Kind::Resync:
                state->last_sent = now();
                return sse("resync", nlohmann::json::object());
            case events::Delivery::Kind::Event:
                state->last_sent = now();
                return sse("queue", event_json(delivery.event, center.settings()->schedule),
                           delivery.sequence);
            case events::Delivery::Kind::Timeout:
                break;
        }
        if (now() - state->last_sent >= keep_alive) {
            state->last_sent = now();
            return std::string(": keep-alive\n\n");
        }
        return std::string();
    };
    http::Response response = http::Response::events(std::move(stream));
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("X-Accel-Buffering", "no");
    return response;
}

}  // namespace cherha::server::api
