// The window's work: find a scanned or typed booking, verify the presented document, apply an
// outcome, call the next visitor. Outcomes and calls are idempotent by Idempotency-Key (the
// center stores the answer); their answers carry no personal data, because the stored answer
// would outlive the retention purge. The desk has the registration from the queue.
#include <charconv>

#include "core/mrz/mrz.h"
#include "formats/json_reader.h"
#include "formats/person_json.h"
#include "server/api/handlers.h"
#include "server/api/idempotency.h"
#include "server/api/json_booking.h"
#include "server/api/json_reports.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {

using formats::JsonReader;
using formats::parse_json_object;
using formats::read_presented_document;
using formats::TextRule;

namespace {

inline constexpr std::size_t kMaxScannedBytes = 1000;
inline constexpr std::size_t kMaxMrzBytes = 1000;
inline constexpr std::size_t kMaxNoteBytes = 4000;  // the core refuses over 1000 with a reason

// The {id} of the path: a positive integer.
core::Result<std::int64_t> booking_id(const http::Request& request) {
    const std::string text = request.path_param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id < 1)
        return core::Problem("request.invalid_field", {{"field", "id"}, {"expected", "integer"}});
    return id;
}

// The answer stored for an outcome: the booking without personal data.
center::ServiceCenter::Responder responder(const ApiContext& ctx) {
    return [settings = ctx.center().settings()](const store::BookingRecord& booking) {
        const auto body = booking_json(booking, "", BookingView{false, true}, settings->schedule);
        return center::ServiceCenter::Outcome{
            200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), false};
    };
}

std::optional<core::BookingAction> parse_action(std::string_view id) {
    return core::parse_booking_action(id);
}

}  // namespace

http::Response post_desk_find(ApiContext& ctx, const http::Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    const std::string scanned = reader.text("scanned", kMaxScannedBytes);
    if (auto problem = reader.finish()) return error(ctx, *problem);
    auto found = ctx.center().find_for_desk(scanned);
    if (!found) return error(ctx, found.problem());
    return json_response(200, booking_json(found->booking, found->token, BookingView{true, true},
                                           ctx.center().settings()->schedule));
}

http::Response post_verify(ApiContext& ctx, const http::Request& request) {
    auto id = booking_id(request);
    if (!id) return error(ctx, id.problem());
    if (auto key = idempotency_of(request); !key) return error(ctx, key.problem());
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    core::PresentedDocument presented;
    const bool typed = reader.nested(
        "document", false, [&](JsonReader& sub) { presented = read_presented_document(sub); });
    const auto mrz = reader.optional_text("mrz", kMaxMrzBytes, TextRule::Multiline);
    if (reader.ok() && typed == mrz.has_value())
        reader.fail(typed ? reader.invalid("mrz", "document_or_mrz")
                          : core::Problem("request.missing_field", {{"field", "document"}}));
    if (auto problem = reader.finish()) return error(ctx, *problem);

    std::vector<core::Problem> document_problems;
    if (mrz) {
        // An MRZ that cannot be read at all is an error; one that reads with content problems
        // (a failed check digit, a bad date or sex marker) is compared, and the core's verdict
        // counts the problems: the attempt is judged and audited like any other.
        auto reading = core::read_mrz(*mrz, ctx.center().today());
        if (!reading) return error(ctx, reading.problem());
        auto document = core::presented_document_from_mrz(reading->mrz);
        if (!document) return error(ctx, document.problem());
        presented = std::move(document).value();
        document_problems = std::move(reading->problems);
    }
    auto verification = ctx.center().verify_document(ctx.actor, *id, presented, document_problems);
    if (!verification) return error(ctx, verification.problem());
    return json_response(200,
                         {{"booking", *id}, {"verification", verification_json(*verification)}});
}

http::Response post_action(ApiContext& ctx, const http::Request& request) {
    auto id = booking_id(request);
    if (!id) return error(ctx, id.problem());
    auto idempotency = idempotency_of(request);
    if (!idempotency) return error(ctx, idempotency.problem());
    auto body = parse_json_object(request.body);
    if (!body) return error(ctx, body.problem());
    JsonReader reader(*body);
    center::BookingCommand command;
    command.action = reader.choice("action", true, "booking_action_id", parse_action)
                         .value_or(core::BookingAction::Call);
    command.result = reader.choice("result", false, "service_result_id", [](std::string_view v) {
        return core::parse_service_result(v);
    });
    reader.nested("refusal", false, [&](JsonReader& sub) {
        core::Refusal refusal;
        refusal.reason =
            sub.choice("reason", true, "refusal_reason_id",
                       [](std::string_view v) { return core::parse_refusal_reason(v); })
                .value_or(core::RefusalReason::Other);
        refusal.note = sub.optional_text("note", kMaxNoteBytes, TextRule::Raw).value_or("");
        command.refusal = std::move(refusal);
    });
    reader.nested("transfer", false, [&](JsonReader& sub) {
        core::TransferTarget target;
        target.service_id = sub.optional_text("service", 256, TextRule::Raw).value_or("");
        target.window_id = sub.optional_text("window", 256, TextRule::Raw).value_or("");
        command.transfer = std::move(target);
    });
    command.priority =
        reader.choice("priority", false, "priority_category_id",
                      [](std::string_view v) { return core::parse_priority_category(v); });
    if (auto problem = reader.finish()) return error(ctx, *problem);

    auto outcome = ctx.center().act(ctx.actor, *id, command, *idempotency, responder(ctx));
    if (!outcome) return error(ctx, outcome.problem());
    return outcome_response(*outcome);
}

http::Response post_call_next(ApiContext& ctx, const http::Request& request) {
    auto idempotency = idempotency_of(request);
    if (!idempotency) return error(ctx, idempotency.problem());
    // The body is optional; when given it must be an empty object.
    if (!request.body.empty()) {
        auto body = parse_json_object(request.body);
        if (!body) return error(ctx, body.problem());
        if (auto problem = JsonReader(*body).finish()) return error(ctx, *problem);
    }
    auto outcome = ctx.center().call_next(ctx.actor, *idempotency, responder(ctx));
    if (!outcome) return error(ctx, outcome.problem());
    return outcome_response(*outcome);
}

}  // namespace cherha::server::api
