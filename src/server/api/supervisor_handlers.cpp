// Supervisors: lift a no-show block, switch alert mode, read the day's statistics and the audit
// log. Unblock and alert are idempotent by Idempotency-Key (idempotency.h).
#include "formats/json_reader.h"
#include "server/api/handlers.h"
#include "server/api/idempotency.h"
#include "server/api/json_booking.h"
#include "server/api/json_reports.h"
#include "server/api/problem_response.h"
#include "server/api/query_reader.h"

namespace cherha::server::api {

using formats::JsonReader;
using formats::parse_json_object;

http::Response post_unblock(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    const std::string identity = reader.text("identity", 64);
    if (auto problem = reader.finish()) return error(ctx, *problem);
    return idempotent(ctx, request, [&] {
        if (auto problem = ctx.center().unblock(ctx.actor, identity)) return error(ctx, *problem);
        return json_response(200, {{"unblocked", true}});
    });
}

http::Response post_alert(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    const bool active = reader.boolean("active");
    if (auto problem = reader.finish()) return error(ctx, *problem);
    return idempotent(ctx, request, [&] {
        if (auto problem = ctx.center().set_alert(ctx.actor, active)) return error(ctx, *problem);
        return json_response(200, {{"active", active}});
    });
}

http::Response get_stats(ApiContext& ctx, const http::Request& request) {
    QueryReader query(request);
    const auto day = query.date("day");
    if (auto problem = query.finish()) return error(ctx, *problem);
    const core::Date the_day = day.value_or(ctx.center().today());
    if (!the_day.ok())
        return error(ctx,
                     core::Problem("slots.invalid_day", {{"day", core::format_iso_date(the_day)}}));
    auto stats = ctx.center().statistics(the_day);
    if (!stats) return error(ctx, stats.problem());
    return json_response(200, statistics_json(*stats));
}

http::Response get_audit(ApiContext& ctx, const http::Request& request) {
    QueryReader query(request);
    const auto after = query.integer("after", 0, INT64_MAX);
    const auto limit = query.integer("limit", 1, 1000);
    const auto booking = query.integer("booking", 1, INT64_MAX);
    if (auto problem = query.finish()) return error(ctx, *problem);
    auto entries =
        ctx.center().audit(after.value_or(0), static_cast<int>(limit.value_or(100)), booking);
    if (!entries) return error(ctx, entries.problem());
    nlohmann::json list = nlohmann::json::array();
    std::int64_t last = after.value_or(0);
    for (const auto& entry : *entries) {
        list.push_back(audit_entry_json(entry));
        last = entry.seq;
    }
    return json_response(200, {{"entries", std::move(list)}, {"next_after", last}});
}

}  // namespace cherha::server::api
