// Cherha's request/response values: header and parameter look-ups handlers rely on.
#include "server/http/http_message.h"

#include <gtest/gtest.h>

namespace cherha::http {
namespace {

TEST(RequestHeader, FindsTheFirstIgnoringCase) {
    Request r;
    r.headers = {{"authorization", "Bearer one"}, {"x-a", "1"}, {"authorization", "Bearer two"}};
    EXPECT_EQ(r.header("authorization"), "Bearer one");
    EXPECT_EQ(r.header("Authorization"), "Bearer one");
    EXPECT_EQ(r.header("AUTHORIZATION"), "Bearer one");
    EXPECT_EQ(r.header("x-b"), "");
    EXPECT_EQ(r.header(""), "");
    EXPECT_EQ(r.header("x-"), "");  // no prefix match
}

TEST(RequestQuery, FirstValueInOrderOrNullopt) {
    Request r;
    r.query.emplace("date", "2025-03-01");
    r.query.emplace("a", "x");
    r.query.emplace("date", "2025-03-02");
    r.query.emplace("empty", "");
    EXPECT_EQ(r.query_param("date"), "2025-03-01");
    EXPECT_EQ(r.query_param("empty"), "");  // present but empty is not absent
    EXPECT_EQ(r.query_param("missing"), std::nullopt);
    EXPECT_EQ(r.query_param("dat"), std::nullopt);
    EXPECT_EQ(r.query_param("datee"), std::nullopt);
}

TEST(RequestPathParam, CapturedOrEmpty) {
    Request r;
    r.path_params["code"] = "K7Q2";
    EXPECT_EQ(r.path_param("code"), "K7Q2");
    EXPECT_EQ(r.path_param("window"), "");
}

TEST(ResponseJson, SetsStatusTypeAndBody) {
    Response r = Response::json(201, R"({"ok":true})");
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(r.body, R"({"ok":true})");
    EXPECT_FALSE(r.stream.has_value());
}

TEST(ResponseEvents, IsAnEventStream) {
    int calls = 0;
    Response r = Response::events(EventStream{[&]() -> std::optional<std::string> {
        ++calls;
        return std::nullopt;
    }});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/event-stream");
    ASSERT_TRUE(r.stream.has_value());
    EXPECT_EQ(r.stream->next(), std::nullopt);
    EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace cherha::http
