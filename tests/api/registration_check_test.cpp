// POST /api/v1/registrations/check (src/server/api/handlers.h): the booking page asks the server
// for every problem of a registration before it books. Anybody may ask; the answer is the
// core's check with the center's today and minimum age, and a bad request is a clear 400.
#include <set>
#include <string>

#include "api/api_fixture.h"

namespace cherha::server::api::testing {
namespace {

class RegistrationCheck : public ApiFixture {
  protected:
    http::Response check(const std::string& body) {
        return call("POST", "/api/v1/registrations/check", body);
    }
    json problems_of(const json& reg) {
        const auto response = check(json{{"registration", reg}}.dump());
        EXPECT_EQ(response.status, 200) << response.body;
        const json answer = body_of(response);
        EXPECT_TRUE(answer.is_object() && answer["problems"].is_array()) << response.body;
        return answer.is_object() ? answer["problems"] : json::array();
    }
    void expect_refused(const std::string& body, const std::string& error,
                        const std::string& field = "") {
        const auto response = check(body);
        EXPECT_EQ(response.status, 400) << response.body.substr(0, 300);
        EXPECT_EQ(error_of(response), error) << response.body.substr(0, 300);
        const json answer = body_of(response);
        ASSERT_TRUE(answer.is_object());
        EXPECT_FALSE(answer.value("message", "").empty());
        if (!field.empty()) {
            EXPECT_EQ(answer["params"].value("field", ""), field);
        }
    }
};

TEST_F(RegistrationCheck, AValidRegistrationHasNoProblemsAndNeedsNoLogin) {
    const auto response = check(json{{"registration", registration()}}.dump());
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(body_of(response), (json{{"problems", json::array()}}));
    EXPECT_EQ(stored_bookings(), 0u);  // a check books nothing
}

TEST_F(RegistrationCheck, AWrongCheckDigitIsNamedWithTheExpectedDigit) {
    json reg = registration();
    std::string rnokpp = reg["rnokpp"];
    const char right = rnokpp.back();
    rnokpp.back() = right == '9' ? '0' : static_cast<char>(right + 1);
    reg["rnokpp"] = rnokpp;
    const json problems = problems_of(reg);
    ASSERT_EQ(problems.size(), 1u) << problems.dump();
    EXPECT_EQ(problems[0]["code"], "rnokpp.check_digit");
    EXPECT_EQ(problems[0]["params"]["expected"], std::string(1, right));
    EXPECT_EQ(problems[0]["params"]["actual"], std::string(1, rnokpp.back()));
    const std::string message = problems[0].value("message", "");
    EXPECT_NE(message.find(right), std::string::npos) << message;
}

TEST_F(RegistrationCheck, EveryProblemIsAnsweredAtOnce) {
    json reg = registration();
    reg["surname"] = "Kовальчук";      // Latin K + Cyrillic
    reg["birth_date"] = "2026-03-04";  // tomorrow for the center
    const json problems = problems_of(reg);
    std::set<std::string> codes;
    for (const auto& problem : problems) codes.insert(problem.value("code", ""));
    EXPECT_TRUE(codes.count("registration.name_mixed_scripts")) << problems.dump();
    EXPECT_TRUE(codes.count("registration.birth_date")) << problems.dump();
    for (const auto& problem : problems)
        if (problem["code"] == "registration.birth_date") {
            EXPECT_EQ(problem["params"]["reason"], "future");
        }
}

TEST_F(RegistrationCheck, WrongShapesAreRequestErrors) {
    const json reg = registration();
    expect_refused("{}", "request.missing_field", "registration");
    expect_refused(json{{"registration", "Шевченко"}}.dump(), "request.invalid_field",
                   "registration");
    expect_refused(json{{"registration", reg}, {"pow", 1}}.dump(), "request.unknown_field", "pow");
    json unknown = reg;
    unknown["middle_name"] = "x";
    expect_refused(json{{"registration", unknown}}.dump(), "request.unknown_field",
                   "registration.middle_name");
    json missing = reg;
    missing.erase("surname");
    expect_refused(json{{"registration", missing}}.dump(), "request.missing_field",
                   "registration.surname");
    json number = reg;
    number["surname"] = 5;
    expect_refused(json{{"registration", number}}.dump(), "request.invalid_field",
                   "registration.surname");
    expect_refused("[]", "request.not_object");
    expect_refused(R"({"registration": {}, "registration": {}})", "request.duplicate_field");
}

TEST_F(RegistrationCheck, BodiesThatAreNotJsonGetClearErrors) {
    expect_refused("", "request.malformed_json");
    std::string garbage;
    while (garbage.size() < 60 * 1024) garbage += "not JSON at all, \x01\xff; ";
    expect_refused(garbage, "request.malformed_json");
    expect_refused(std::string(60 * 1024, '{'), "request.too_deep");
    std::string deep_object = R"({"registration": )";
    for (int i = 0; i < 5000; ++i) deep_object += R"({"a": )";
    expect_refused(deep_object, "request.too_deep");
    expect_refused(std::string(20000, '[') + std::string(20000, ']'), "request.too_deep");
}

}  // namespace
}  // namespace cherha::server::api::testing
