// Strict reading of request bodies, and the problem -> HTTP status table.
#include "formats/json_reader.h"

#include <gtest/gtest.h>

#include "server/api/idempotency.h"
#include "server/api/problem_response.h"

namespace cherha::server::api {
namespace {

using formats::JsonReader;
using formats::kMaxJsonDepth;
using formats::parse_date_shape;
using formats::parse_json_object;
using formats::parse_time_of_day;
using formats::TextRule;
using nlohmann::json;

TEST(JsonReader, ParsesOnlyObjects) {
    EXPECT_TRUE(parse_json_object("{}"));
    EXPECT_TRUE(parse_json_object(" {\"a\": [1, {\"b\": null}]} "));
    for (std::string_view text : {"", " ", "{", "{}}", "{'a':1}", "{\"a\":01}", "{\"a\":1,}"})
        EXPECT_EQ(parse_json_object(text).problem().code, "request.malformed_json") << text;
    for (std::string_view text : {"[]", "1", "\"x\"", "true", "null"})
        EXPECT_EQ(parse_json_object(text).problem().code, "request.not_object") << text;
}

TEST(JsonReader, RefusesDuplicateKeysAtAnyDepth) {
    EXPECT_EQ(parse_json_object("{\"a\":1,\"a\":2}").problem(),
              core::Problem("request.duplicate_field", {{"field", "a"}}));
    EXPECT_EQ(parse_json_object("{\"o\":{\"b\":1,\"b\":1}}").problem().code,
              "request.duplicate_field");
    // The same key in different objects is fine.
    EXPECT_TRUE(parse_json_object("{\"o\":{\"b\":1},\"p\":{\"b\":1},\"l\":[{\"b\":1},{\"b\":2}]}"));
}

TEST(JsonReader, RefusesDeepNestingBeforeParsing) {
    const std::string deep =
        "{\"a\":" + std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']') + "}";
    EXPECT_EQ(parse_json_object(deep).problem().code, "request.too_deep");
    const std::string ok =
        "{\"a\":" + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}";
    EXPECT_TRUE(parse_json_object(ok));
    // Brackets inside strings do not count.
    EXPECT_TRUE(parse_json_object("{\"a\":\"" + std::string(1000, '[') + "\"}"));
}

TEST(JsonReader, ReadsTypedFieldsAndReportsTheFirstProblem) {
    const json body = json::parse(R"({"s":"text","n":5,"b":true,"o":{"x":"y"},"z":null})");
    JsonReader reader(body);
    EXPECT_EQ(reader.text("s", 10), "text");
    EXPECT_EQ(reader.optional_integer("n", 0, 10), 5);
    EXPECT_EQ(reader.optional_boolean("b"), true);
    EXPECT_EQ(reader.optional_text("z", 10), std::nullopt);  // null is absent
    std::string nested;
    EXPECT_TRUE(reader.nested("o", true, [&](JsonReader& o) { nested = o.text("x", 5); }));
    EXPECT_EQ(nested, "y");
    EXPECT_EQ(reader.finish(), std::nullopt);

    JsonReader wrong(body);
    wrong.text("n", 10);
    wrong.text("missing", 10);
    wrong.text("s", 2);
    wrong.text("b", 10);
    wrong.text("o", 10);
    wrong.text("z", 10);
    EXPECT_EQ(wrong.finish(),
              core::Problem("request.invalid_field", {{"field", "n"}, {"expected", "string"}}));
}

TEST(JsonReader, AnUnknownFieldIsReportedBeforeAMissingOne) {
    const json body = json::parse(R"({"servce":"x"})");
    JsonReader reader(body);
    reader.text("service", 10);
    EXPECT_EQ(reader.finish(), core::Problem("request.unknown_field", {{"field", "servce"}}));
}

TEST(JsonReader, NestedProblemsNameTheirPath) {
    const json body = json::parse(R"({"registration":{"document":{"type":1}}})");
    JsonReader reader(body);
    reader.nested("registration", true, [](JsonReader& r) {
        r.nested("document", true, [](JsonReader& d) { d.text("type", 10); });
    });
    EXPECT_EQ(reader.finish(),
              core::Problem("request.invalid_field",
                            {{"field", "registration.document.type"}, {"expected", "string"}}));
}

TEST(JsonReader, IntegersMustBeWholeAndInRange) {
    const json body = json::parse(R"({"a":1.5,"b":-1,"c":18446744073709551615,"d":"7"})");
    for (const char* key : {"a", "b", "c", "d"}) {
        JsonReader reader(body);
        for (const auto& item : body.items()) reader.has(item.key());
        reader.optional_integer(key, 0, 100);
        EXPECT_EQ(reader.finish().value_or(core::Problem()).param("expected"), "integer") << key;
    }
}

TEST(JsonReader, PlainTextRefusesControlCharacters) {
    const json body = {{"a", std::string("x\ny")}, {"b", std::string("x\0y", 3)}, {"c", "\u200B"}};
    JsonReader plain(body);
    plain.text("a", 10);
    plain.has("b");
    plain.has("c");
    EXPECT_EQ(plain.finish().value_or(core::Problem()).param("expected"), "plain_text");
    JsonReader multiline(body);
    EXPECT_EQ(multiline.text("a", 10, TextRule::Multiline), "x\ny");
    multiline.text("b", 10, TextRule::Multiline);
    multiline.has("c");
    EXPECT_EQ(multiline.finish().value_or(core::Problem()).param("field"), "b");
    JsonReader raw(body);
    EXPECT_EQ(raw.text("b", 10, TextRule::Raw), std::string("x\0y", 3));
}

TEST(JsonReader, DateAndTimeShapes) {
    EXPECT_TRUE(parse_date_shape("2026-03-04"));
    auto impossible = parse_date_shape("2026-02-30");
    ASSERT_TRUE(impossible);  // the shape is right; the core refuses the day
    EXPECT_FALSE(impossible->ok());
    for (std::string_view bad :
         {"", "2026-3-4", "04.03.2026", "2026-03-04T00:00", "2026/03/04", "２０２６-03-04"})
        EXPECT_FALSE(parse_date_shape(bad)) << bad;
    EXPECT_EQ(parse_time_of_day("00:00"), 0);
    EXPECT_EQ(parse_time_of_day("23:59"), 23 * 60 + 59);
    for (std::string_view bad : {"24:00", "9:00", "09:60", "0900", "09:00:00", ""})
        EXPECT_FALSE(parse_time_of_day(bad)) << bad;
}

TEST(ProblemStatus, TheDocumentedTable) {
    const std::vector<std::pair<std::string, int>> table = {
        {"request.malformed_json", 400},
        {"request.unknown_field", 400},
        {"auth.session_invalid", 401},
        {"auth.invalid_credentials", 401},
        {"auth.forbidden", 403},
        {"auth.disabled", 403},
        {"center.not_found", 404},
        {"http.not_found", 404},
        {"center.unknown_service", 404},
        {"center.personal_data_erased", 410},
        {"center.slot_full", 409},
        {"center.no_free_slot", 409},
        {"quota.person_online_month", 409},
        {"block.no_shows", 409},
        {"retake.too_early", 409},
        {"transition.not_allowed", 409},
        {"idempotency.key_reused", 409},
        {"center.alert_active", 409},
        {"center.alert_state", 409},
        {"center.nobody_waiting", 409},
        {"center.pow_reused", 409},
        {"registration.name_invalid", 422},
        {"rnokpp.check_digit", 422},
        {"document.format", 422},
        {"online.too_late", 422},
        {"transition.reason_required", 422},
        {"pow.expired", 422},
        {"center.no_such_slot", 422},
        {"auth.locked", 423},
        {"center.rate_limited", 429},
        {"store.busy", 503},
        {"store.step", 500},
        {"store.corrupt", 500},
        {"password.random_failed", 500},
        {"key.sign_failed", 500},
        {"something.unheard_of", 500},
    };
    for (const auto& [code, status] : table) EXPECT_EQ(status_of(code), status) << code;
}

TEST(ProblemStatus, InternalFailuresShowNoInternals) {
    const auto response = problem_response(
        core::Problem("store.step", {{"sql", "SELECT secret FROM staff"}, {"reason", "disk I/O"}}));
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
    EXPECT_EQ(response.body.find("disk"), std::string::npos);
    const json body = json::parse(response.body);
    EXPECT_EQ(body.value("error", ""), "store.step");
    EXPECT_TRUE(body["params"].empty());
    const auto busy = problem_response(core::Problem("store.busy", {{"reason", "locked by x"}}));
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.body.find("locked by"), std::string::npos);
}

TEST(ProblemStatus, ClientProblemsKeepTheirParams) {
    const auto response =
        problem_response(core::Problem("request.missing_field", {{"field", "service"}}));
    EXPECT_EQ(response.status, 400);
    const json body = json::parse(response.body);
    EXPECT_EQ(body["params"].value("field", ""), "service");
    EXPECT_FALSE(body.value("message", "").empty());
    const auto limited =
        problem_response(core::Problem("center.rate_limited", {{"retry_after", "7"}}));
    ASSERT_EQ(limited.status, 429);
    EXPECT_EQ(limited.headers,
              (std::vector<std::pair<std::string, std::string>>{{"Retry-After", "7"}}));
}

TEST(Idempotency, DigestBindsMethodPathAndBody) {
    const std::string digest = request_digest("POST", "/api/v1/desk/call-next", "");
    EXPECT_EQ(digest.size(), 64u);
    EXPECT_EQ(digest, request_digest("POST", "/api/v1/desk/call-next", ""));
    EXPECT_NE(digest, request_digest("POST", "/api/v1/desk/call-next", "{}"));
    EXPECT_NE(digest, request_digest("PUT", "/api/v1/desk/call-next", ""));
    // The separators keep the parts apart.
    EXPECT_NE(request_digest("POST", "/a\nb", ""), request_digest("POST", "/a", "b"));
    // Known value: SHA-256 of "GET\n/\n" (sha256sum).
    EXPECT_EQ(request_digest("GET", "/", ""),
              "139fb16fdd19069e75f6f3dd0e619a89fb157dab65e8722c66e6b3fd43f7900c");
}

}  // namespace
}  // namespace cherha::server::api
