// Every API route x every kind of caller: who gets 401/403 and who gets through. The expected
// table below is written independently of the route table in src/server/api/api_routes.cpp; a
// route registered without an entry here fails the test.
#include <map>
#include <set>
#include <string>

#include "api/api_fixture.h"

namespace cherha::server::api::testing {
namespace {

const std::set<std::string> kEverybody = {"none", "clerk", "supervisor", "admin", "kiosk", "board"};
const std::set<std::string> kStaffOnly = {"clerk", "supervisor", "admin"};
const std::set<std::string> kSupervisorsOnly = {"supervisor", "admin"};

const std::map<std::string, std::set<std::string>>& expected_access() {
    static const std::map<std::string, std::set<std::string>> table = {
        {"GET /api/v1/health", kEverybody},
        {"GET /api/v1/version", kEverybody},
        {"GET /api/v1/services", kEverybody},
        {"GET /api/v1/services/{service}/slots", kEverybody},
        {"POST /api/v1/pow", kEverybody},
        {"POST /api/v1/bookings", kEverybody},
        {"POST /api/v1/registrations/check", kEverybody},
        {"POST /api/v1/bookings/lookup", kEverybody},
        {"POST /api/v1/bookings/cancel", kEverybody},
        {"GET /api/v1/qr.svg", kEverybody},
        {"GET /api/v1/qr.png", kEverybody},
        {"GET /api/v1/alert", kEverybody},
        {"POST /api/v1/auth/login", kEverybody},
        {"POST /api/v1/terminal/bookings", {"kiosk"}},
        {"GET /api/v1/board", {"clerk", "supervisor", "admin", "kiosk", "board"}},
        {"GET /api/v1/events", {"clerk", "supervisor", "admin", "board"}},
        {"POST /api/v1/auth/logout", kStaffOnly},
        {"GET /api/v1/queue", kStaffOnly},
        {"GET /api/v1/keys", kStaffOnly},
        {"POST /api/v1/desk/find", kStaffOnly},
        {"POST /api/v1/desk/call-next", kStaffOnly},
        {"POST /api/v1/bookings/{id}/verify", kStaffOnly},
        {"POST /api/v1/bookings/{id}/actions", kStaffOnly},
        {"POST /api/v1/identities/unblock", kSupervisorsOnly},
        {"POST /api/v1/alert", kSupervisorsOnly},
        {"GET /api/v1/stats", kSupervisorsOnly},
        {"GET /api/v1/audit", kSupervisorsOnly},
    };
    return table;
}

std::string concrete(std::string pattern) {
    for (auto [capture, value] : {std::pair{"{service}", kService}, std::pair{"{id}", "1"}}) {
        const auto at = pattern.find(capture);
        if (at != std::string::npos) pattern.replace(at, std::string(capture).size(), value);
    }
    return pattern;
}

class AuthMatrix : public ApiFixture {};

TEST_F(AuthMatrix, EveryRouteAnswersEachCallerAsTheTableSays) {
    const auto routes = router_.routes();
    ASSERT_EQ(routes.size(), expected_access().size())
        << "a route was added or removed: update expected_access()";
    for (const auto& route : routes) {
        const std::string key = route.method + " " + route.pattern;
        const auto expected = expected_access().find(key);
        if (expected == expected_access().end()) {
            ADD_FAILURE() << key << " has no entry in expected_access()";
            continue;
        }
        // Fresh sessions for each route: logout ends the session it is called with.
        const std::map<std::string, std::pair<std::string, std::string>> credentials = {
            {"none", {"", ""}},
            {"clerk", {"Bearer", clerk()}},
            {"supervisor", {"Bearer", supervisor()}},
            {"admin", {"Bearer", admin()}},
            {"kiosk", {"Device", kiosk_token_}},
            {"board", {"Device", board_token_}},
        };
        for (const auto& [caller, credential] : credentials) {
            std::vector<std::pair<std::string, std::string>> headers;
            if (!credential.first.empty())
                headers.emplace_back("Authorization", credential.first + " " + credential.second);
            const std::string body = route.method == "POST" ? "{}" : "";
            const auto response = call(route.method, concrete(route.pattern), body, headers);
            const bool allowed = expected->second.count(caller) > 0;
            SCOPED_TRACE(key + " as " + caller + ": " + std::to_string(response.status) + " " +
                         response.body);
            if (allowed) {
                EXPECT_NE(response.status, 401);
                EXPECT_NE(response.status, 403);
            } else if (caller == "none") {
                EXPECT_EQ(response.status, 401);
                EXPECT_EQ(error_of(response), "auth.session_invalid");
            } else {
                EXPECT_EQ(response.status, 403);
                EXPECT_EQ(error_of(response), "auth.forbidden");
                EXPECT_EQ(body_of(response)["params"].value("role", ""), caller);
            }
        }
    }
}

TEST_F(AuthMatrix, BadCredentialsAreRefusedWith401) {
    const std::string token = clerk();
    for (const std::string& header : std::vector<std::string>{
             "", "Bearer", "Bearer ", "Bearer not-a-token", "Basic " + token, "Device " + token,
             "Bearer " + kiosk_token_, "Bearer " + token + "x", "Bearer " + std::string(5000, 'A'),
             std::string("Bearer \x01\x02")}) {
        SCOPED_TRACE(header);
        const auto response = call("GET", "/api/v1/queue", "", {{"Authorization", header}});
        EXPECT_EQ(response.status, 401);
        EXPECT_EQ(error_of(response), "auth.session_invalid");
    }
    // The scheme is case-insensitive.
    EXPECT_EQ(call("GET", "/api/v1/queue", "", {{"Authorization", "bearer " + token}}).status, 200);
}

TEST_F(AuthMatrix, AnExpiredSessionIsRefused) {
    const std::string token = clerk();
    EXPECT_EQ(as(token, "GET", "/api/v1/queue").status, 200);
    now_ += std::chrono::minutes(31);  // idle limit 30 minutes
    EXPECT_EQ(as(token, "GET", "/api/v1/queue").status, 401);
}

TEST_F(AuthMatrix, LogoutEndsTheSession) {
    const std::string token = clerk();
    EXPECT_EQ(as(token, "POST", "/api/v1/auth/logout").status, 204);
    EXPECT_EQ(as(token, "GET", "/api/v1/queue").status, 401);
}

TEST_F(AuthMatrix, ARevokedDeviceIsRefused) {
    EXPECT_EQ(as_device(board_token_, "GET", "/api/v1/board").status, 200);
    ASSERT_EQ(center::revoke_device(*store_, "board-1", now_, "test"), std::nullopt);
    const auto response = as_device(board_token_, "GET", "/api/v1/board");
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(error_of(response), "auth.session_invalid");
}

TEST_F(AuthMatrix, WrongPasswordAndLockout) {
    const json wrong = {{"login", "clerk1"}, {"password", "wrong-password"}};
    auto response = call("POST", "/api/v1/auth/login", wrong.dump());
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(error_of(response), "auth.invalid_credentials");
    const json unknown = {{"login", "nobody"}, {"password", "wrong-password"}};
    EXPECT_EQ(error_of(call("POST", "/api/v1/auth/login", unknown.dump())),
              "auth.invalid_credentials");
    for (int i = 0; i < 6; ++i) response = call("POST", "/api/v1/auth/login", wrong.dump());
    EXPECT_EQ(response.status, 423);
    EXPECT_EQ(error_of(response), "auth.locked");
    // The pause ends: the right password works again later.
    now_ += std::chrono::hours(1);
    EXPECT_FALSE(clerk().empty());
}

}  // namespace
}  // namespace cherha::server::api::testing
