// Bad input at every door: malformed JSON, wrong types, unknown fields, huge strings, invalid
// identity numbers, impossible dates, SQL metacharacters and Unicode oddities. Each answer is a
// JSON error with the right status and code, and nothing is stored.
#include <functional>
#include <string>
#include <vector>

#include "api/api_fixture.h"

namespace cherha::server::api::testing {
namespace {

struct Case {
    std::string name;
    std::function<std::string(ApiFixture&, json)> body;  // from a valid request
    int status;
    std::string error;
    std::string field = "";  // params.field when set
};

std::string with(json request, const std::string& pointer, json value) {
    request[json::json_pointer(pointer)] = std::move(value);
    return request.dump();
}

std::string without(json request, const std::string& pointer) {
    const json::json_pointer p(pointer);
    request[p.parent_pointer()].erase(p.back());
    return request.dump();
}

class BadInput : public ApiFixture {
  protected:
    void expect_refused(const std::string& target, const std::string& body, int status,
                        const std::string& error, const std::string& field,
                        const std::string& token = "", const std::string& address = "192.0.2.1") {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
        const auto response = call("POST", target, body, headers, address);
        EXPECT_EQ(response.status, status) << response.body;
        const json answer = body_of(response);
        ASSERT_TRUE(answer.is_object()) << response.body;
        EXPECT_EQ(answer.value("error", ""), error) << response.body;
        EXPECT_TRUE(answer["message"].is_string() && !answer["message"].get<std::string>().empty());
        EXPECT_TRUE(answer["params"].is_object());
        if (!field.empty()) {
            EXPECT_EQ(answer["params"].value("field", ""), field) << response.body;
        }
    }
};

TEST_F(BadInput, OnlineBookingRefusesEveryBadRequestAndStoresNothing) {
    const std::string huge(100000, 'a');
    const std::vector<Case> cases = {
        {"empty body", [](auto&, json) { return std::string(); }, 400, "request.malformed_json"},
        {"truncated", [](auto&, json r) { return r.dump().substr(0, 40); }, 400,
         "request.malformed_json"},
        {"trailing garbage", [](auto&, json r) { return r.dump() + "x"; }, 400,
         "request.malformed_json"},
        {"array", [](auto&, json) { return std::string("[]"); }, 400, "request.not_object"},
        {"null", [](auto&, json) { return std::string("null"); }, 400, "request.not_object"},
        {"string", [](auto&, json) { return std::string("\"booking\""); }, 400,
         "request.not_object"},
        {"deep nesting",
         [](auto&, json) { return std::string(5000, '[') + std::string(5000, ']'); }, 400,
         "request.too_deep"},
        {"invalid UTF-8",
         [](auto&, json r) {
             std::string text = r.dump();
             return text.replace(text.find("Шевченко"), 2, "\xC3\x28");
         },
         400, "request.malformed_json"},
        {"lone surrogate escape",
         [](auto&, json r) {
             std::string text = r.dump();
             return text.replace(text.find("Шевченко"), std::string("Шевченко").size(), "\\ud800");
         },
         400, "request.malformed_json"},
        {"duplicate key",
         [](auto&, json r) {
             std::string text = r.dump();
             return text.insert(1, "\"service\":\"x\",");
         },
         400, "request.duplicate_field", "service"},
        {"unknown field", [](auto&, json r) { return with(r, "/servce", "x"); }, 400,
         "request.unknown_field", "servce"},
        {"unknown nested field",
         [](auto&, json r) { return with(r, "/registration/middle_name", "x"); }, 400,
         "request.unknown_field", "registration.middle_name"},
        {"missing registration", [](auto&, json r) { return without(r, "/registration"); }, 400,
         "request.missing_field", "registration"},
        {"missing surname", [](auto&, json r) { return without(r, "/registration/surname"); }, 400,
         "request.missing_field", "registration.surname"},
        {"service as number", [](auto&, json r) { return with(r, "/service", 7); }, 400,
         "request.invalid_field", "service"},
        {"registration as string", [](auto&, json r) { return with(r, "/registration", "me"); },
         400, "request.invalid_field", "registration"},
        {"no_rnokpp as text",
         [](auto&, json r) { return with(r, "/registration/no_rnokpp", "yes"); }, 400,
         "request.invalid_field", "registration.no_rnokpp"},
        {"unknown kind", [](auto&, json r) { return with(r, "/registration/kind", "robot"); }, 400,
         "request.invalid_field", "registration.kind"},
        {"unknown document type",
         [](auto&, json r) { return with(r, "/registration/document/type", "library_card"); }, 400,
         "request.invalid_field", "registration.document.type"},
        {"day not a date", [](auto&, json r) { return with(r, "/day", "04.03.2026"); }, 400,
         "request.invalid_field", "day"},
        {"time out of range", [](auto&, json r) { return with(r, "/time", "25:00"); }, 400,
         "request.invalid_field", "time"},
        {"huge surname", [huge](auto&, json r) { return with(r, "/registration/surname", huge); },
         400, "request.too_long", "registration.surname"},
        {"huge service", [huge](auto&, json r) { return with(r, "/service", huge); }, 400,
         "request.too_long", "service"},
        {"control character in service",
         [](auto&, json r) { return with(r, "/service", std::string("vehicle\x01", 8)); }, 400,
         "request.invalid_field", "service"},
        {"invalid RNOKPP check digit",
         [](auto&, json r) {
             std::string rnokpp = r["registration"]["rnokpp"];
             rnokpp.back() = rnokpp.back() == '9' ? '0' : static_cast<char>(rnokpp.back() + 1);
             return with(r, "/registration/rnokpp", rnokpp);
         },
         422, "rnokpp.check_digit"},
        {"impossible birth date",
         [](auto&, json r) { return with(r, "/registration/birth_date", "1990-02-30"); }, 422,
         "registration.birth_date"},
        {"impossible visit day", [](auto&, json r) { return with(r, "/day", "2026-02-30"); }, 422,
         "slots.invalid_day"},
        {"no slot at that time", [](auto&, json r) { return with(r, "/time", "11:10"); }, 422,
         "center.no_such_slot"},
        {"unknown service", [](auto&, json r) { return with(r, "/service", "teleportation"); }, 404,
         "center.unknown_service"},
        {"SQL in the surname",
         [](auto&, json r) {
             return with(r, "/registration/surname", "Robert'); DROP TABLE bookings;--");
         },
         422, "registration.name_invalid"},
        {"SQL in the document number",
         [](auto&, json r) { return with(r, "/registration/document/number", "' OR 1=1 --"); }, 422,
         "document.length"},
        {"SQL in the service", [](auto&, json r) { return with(r, "/service", "x' OR '1'='1"); },
         404, "center.unknown_service"},
        {"NUL in the given name",
         [](auto&, json r) {
             return with(r, "/registration/given_name", std::string("Ол\0ег", 9));
         },
         422, "registration.name_invalid"},
        {"right-to-left override",
         [](auto&, json r) { return with(r, "/registration/surname", "Шевч\u202Eенко"); }, 422,
         "registration.name_invalid"},
        {"zero-width joiner",
         [](auto&, json r) { return with(r, "/registration/surname", "Шев\u200Dченко"); }, 422,
         "registration.name_invalid"},
        {"emoji", [](auto&, json r) { return with(r, "/registration/surname", "Шевченко😀"); }, 422,
         "registration.name_invalid"},
        {"mixed scripts",
         [](auto&, json r) { return with(r, "/registration/surname", "Шевчeнко"); }, 422,
         "registration.name_mixed_scripts"},
        {"honeypot filled", [](auto&, json r) { return with(r, "/website", "http://spam"); }, 422,
         "center.honeypot"},
        {"no proof of work", [](auto&, json r) { return without(r, "/pow"); }, 422,
         "center.pow_required"},
        {"nonce not digits", [](auto&, json r) { return with(r, "/pow/nonce", "abc"); }, 422,
         "pow.nonce_invalid"},
        {"tampered challenge",
         [](auto&, json r) {
             std::string challenge = r["pow"]["challenge"];
             challenge[2] = challenge[2] == 'a' ? 'b' : 'a';
             return with(r, "/pow/challenge", challenge);
         },
         422, "pow.bad_signature"},
    };
    int n = 0;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        // A fresh address and person per case, so the rate limits never answer instead.
        const json request = booking_request("11:00", registration(person(200 + n)));
        expect_refused("/api/v1/bookings", c.body(*this, request), c.status, c.error, c.field, "",
                       "198.51.100." + std::to_string(++n));
    }
    EXPECT_EQ(stored_bookings(), 0u);
    // The same request without the damage is accepted.
    book("11:00", registration(person(999)));
    EXPECT_EQ(stored_bookings(), 1u);
}

TEST_F(BadInput, LookupAndCancelRefuseBadCodesAndIdentities) {
    const json booking = book();
    const std::string code = booking["code"];
    const std::string rnokpp = registration()["rnokpp"];
    struct Lookup {
        json body;
        int status;
        std::string error;
    };
    const std::vector<Lookup> cases = {
        {json{{"code", code}}, 400, "request.missing_field"},
        {json{{"code", 12345678}, {"identity", rnokpp}}, 400, "request.invalid_field"},
        {json{{"code", code}, {"identity", rnokpp}, {"extra", true}}, 400, "request.unknown_field"},
        // A code that cannot exist gets the same answer as a wrong one (codes cannot be probed).
        {json{{"code", "' OR 1=1 --"}, {"identity", rnokpp}}, 404, "center.not_found"},
        {json{{"code", code}, {"identity", "' OR 1=1 --"}}, 404, "center.not_found"},
        {json{{"code", code}, {"identity", "0000000000"}}, 404, "center.not_found"},
        {json{{"code", std::string(1000, 'A')}, {"identity", rnokpp}}, 400, "request.too_long"},
    };
    for (const auto& target : {"/api/v1/bookings/lookup", "/api/v1/bookings/cancel"}) {
        for (const auto& c : cases) {
            SCOPED_TRACE(std::string(target) + " " + c.body.dump());
            expect_refused(target, c.body.dump(), c.status, c.error, "");
        }
    }
    // Still booked.
    const json looked = body_of(
        call("POST", "/api/v1/bookings/lookup", json{{"code", code}, {"identity", rnokpp}}.dump()));
    EXPECT_EQ(looked.value("state", ""), "booked");
}

TEST_F(BadInput, StaffRequestsRefuseBadBodiesAndChangeNothing) {
    const json visitor = register_at_kiosk();
    const std::string id = std::to_string(visitor["id"].get<std::int64_t>());
    const std::string token = clerk();
    const std::string actions = "/api/v1/bookings/" + id + "/actions";
    struct Staff {
        std::string target;
        std::string body;
        int status;
        std::string error;
    };
    const std::vector<Staff> cases = {
        {actions, "{\"action\":\"explode\"}", 400, "request.invalid_field"},
        {actions, "{\"action\":\"call\",\"priority\":\"vip\"}", 400, "request.invalid_field"},
        {actions, "{\"action\":\"refuse\",\"refusal\":{\"reason\":\"boredom\"}}", 400,
         "request.invalid_field"},
        {actions, "{\"action\":\"refuse\",\"refusal\":\"data_mismatch\"}", 400,
         "request.invalid_field"},
        {actions, "{\"action\":\"serve\",\"result\":true}", 400, "request.invalid_field"},
        {actions, "{}", 400, "request.missing_field"},
        {actions, "{\"action\":\"call\",\"action\":\"cancel\"}", 400, "request.duplicate_field"},
        {"/api/v1/bookings/abc/actions", "{\"action\":\"call\"}", 400, "request.invalid_field"},
        {"/api/v1/bookings/-1/actions", "{\"action\":\"call\"}", 400, "request.invalid_field"},
        {"/api/v1/bookings/999999/actions", "{\"action\":\"call\"}", 404, "center.not_found"},
        {"/api/v1/bookings/" + id + "/verify", "{}", 400, "request.missing_field"},
        {"/api/v1/bookings/" + id + "/verify",
         json{{"mrz", "P<UKR"},
              {"document",
               {{"type", "id_card"},
                {"number", "007654321"},
                {"surname", "Шевченко"},
                {"given_name", "Олександр"},
                {"birth_date", "1990-01-15"}}}}
             .dump(),
         400, "request.invalid_field"},
        {"/api/v1/bookings/" + id + "/verify", json{{"mrz", "garbage"}}.dump(), 422, "mrz.format"},
        {"/api/v1/desk/find", "{\"scanned\":[]}", 400, "request.invalid_field"},
        {"/api/v1/desk/call-next", "{\"window\":\"w2\"}", 400, "request.unknown_field"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.target + " " + c.body);
        expect_refused(c.target, c.body, c.status, c.error, "", token);
    }
    const auto queue = body_of(as(token, "GET", "/api/v1/queue"));
    ASSERT_EQ(queue["bookings"].size(), 1u);
    EXPECT_EQ(queue["bookings"][0].value("state", ""), "arrived");
}

TEST_F(BadInput, QueryParametersAreChecked) {
    const std::string token = clerk();
    struct Query {
        std::string target;
        int status;
        std::string error;
    };
    for (const auto& q : std::vector<Query>{
             {"/api/v1/queue?day=tomorrow", 400, "request.invalid_field"},
             {"/api/v1/queue?day=2026-13-45", 422, "slots.invalid_day"},
             {"/api/v1/queue?state=sleeping", 400, "request.invalid_field"},
             {"/api/v1/queue?channel=fax", 400, "request.invalid_field"},
             {"/api/v1/services/vehicle-registration/slots?day=2026-3-4", 400,
              "request.invalid_field"},
             {"/api/v1/services/vehicle-registration/slots?channel=fax", 400,
              "request.invalid_field"},
             {"/api/v1/services/nothing/slots", 404, "center.unknown_service"},
             {"/api/v1/qr.svg", 400, "request.missing_field"},
             {"/api/v1/qr.svg?token=hello", 422, "token.malformed"},
             {"/api/v1/qr.png?token=%00", 400, "request.invalid_field"},
         }) {
        SCOPED_TRACE(q.target);
        const auto response = as(token, "GET", q.target);
        EXPECT_EQ(response.status, q.status) << response.body;
        EXPECT_EQ(error_of(response), q.error) << response.body;
    }
    const std::string boss = supervisor();
    for (const auto& target : {"/api/v1/audit?limit=0", "/api/v1/audit?limit=abc",
                               "/api/v1/audit?after=-5", "/api/v1/stats?day=yesterday"}) {
        SCOPED_TRACE(target);
        const auto response = as(boss, "GET", target);
        EXPECT_EQ(response.status, 400) << response.body;
        EXPECT_EQ(error_of(response), "request.invalid_field");
    }
}

}  // namespace
}  // namespace cherha::server::api::testing
