// The one JSON shape of every error answer.
#include "server/http/error_body.h"

#include <gtest/gtest.h>

namespace cherha::http {
namespace {

TEST(ErrorResponse, HasCodeMessageAndParams) {
    Response r = error_response(422, "rnokpp.check_digit", "The check digit is wrong.",
                                nlohmann::json{{"expected", "7"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body, (nlohmann::json{{"error", "rnokpp.check_digit"},
                                    {"message", "The check digit is wrong."},
                                    {"params", {{"expected", "7"}}}}));
}

TEST(ErrorResponse, MissingParamsAreAnEmptyObject) {
    auto body = nlohmann::json::parse(error_response(404, "http.not_found", "none").body);
    ASSERT_TRUE(body["params"].is_object());
    EXPECT_TRUE(body["params"].empty());
}

TEST(ErrorResponse, NonObjectParamsAreWrapped) {
    auto body = nlohmann::json::parse(error_response(400, "x", "y", nlohmann::json(5)).body);
    EXPECT_EQ(body["params"], (nlohmann::json{{"value", 5}}));
}

TEST(ErrorResponse, HostileTextStaysValidJson) {
    // Quotes, control characters and invalid UTF-8 must neither break the JSON nor throw.
    std::string nasty = "\"}\n\x01<script>\xFF\xC3";
    Response r = error_response(400, nasty, nasty, nlohmann::json{{"field", nasty}});
    nlohmann::json body;
    ASSERT_NO_THROW(body = nlohmann::json::parse(r.body));
    EXPECT_NE(body["error"].get<std::string>().find("<script>"), std::string::npos);
    EXPECT_NE(body["message"].get<std::string>().find("\xEF\xBF\xBD"),
              std::string::npos);  // U+FFFD
}

TEST(ErrorResponse, FromProblem) {
    core::Problem problem("quota.identity_week", {{"limit", "2"}, {"used", "2"}});
    Response r = error_response(409, problem, "Quota reached.");
    auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(body["error"], "quota.identity_week");
    EXPECT_EQ(body["params"], (nlohmann::json{{"limit", "2"}, {"used", "2"}}));
}

}  // namespace
}  // namespace cherha::http
