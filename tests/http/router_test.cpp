// The Router without sockets: captures, percent-decoding, specificity, 404/405, failing
// handlers, and the checks add() makes on the table.
#include "server/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace cherha::http {
namespace {

Request request(std::string method, std::string path) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}

// A handler answering "<name>" plus its captures as JSON, so a test sees which route ran.
Handler echo(std::string name) {
    return [name](const Request& r) {
        nlohmann::json body{{"route", name}, {"params", r.path_params}};
        return Response::json(200, body.dump());
    };
}

nlohmann::json body_of(const Response& response) {
    return nlohmann::json::parse(response.body);
}

std::string header_of(const Response& response, const std::string& name) {
    for (const auto& [k, v] : response.headers)
        if (k == name) return v;
    return {};
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(router.add("GET", "/", echo("root")));
        ASSERT_FALSE(router.add("GET", "/api/v1/services", echo("services")));
        ASSERT_FALSE(router.add("POST", "/api/v1/bookings", echo("create")));
        ASSERT_FALSE(router.add("GET", "/api/v1/bookings/{code}", echo("lookup")));
        ASSERT_FALSE(router.add("DELETE", "/api/v1/bookings/{code}", echo("cancel")));
        ASSERT_FALSE(router.add("GET", "/api/v1/bookings/{code}/qr.png", echo("qr")));
        ASSERT_FALSE(router.add("GET", "/api/v1/bookings/search", echo("search")));
        ASSERT_FALSE(
            router.add("POST", "/api/v1/windows/{window}/bookings/{code}/start", echo("start")));
    }
    Router router;
};

TEST_F(RouterTest, LiteralPathsReachTheirHandler) {
    EXPECT_EQ(body_of(router.dispatch(request("GET", "/api/v1/services")))["route"], "services");
    EXPECT_EQ(body_of(router.dispatch(request("POST", "/api/v1/bookings")))["route"], "create");
    EXPECT_EQ(body_of(router.dispatch(request("GET", "/")))["route"], "root");
}

TEST_F(RouterTest, CapturesFillPathParams) {
    auto body = body_of(router.dispatch(request("GET", "/api/v1/bookings/K7Q2M9/qr.png")));
    EXPECT_EQ(body["route"], "qr");
    EXPECT_EQ(body["params"]["code"], "K7Q2M9");

    body = body_of(router.dispatch(request("POST", "/api/v1/windows/3/bookings/AB12/start")));
    EXPECT_EQ(body["route"], "start");
    EXPECT_EQ(body["params"]["window"], "3");
    EXPECT_EQ(body["params"]["code"], "AB12");
}

TEST_F(RouterTest, PathParamReadsCaptures) {
    Router r;
    std::string seen;
    ASSERT_FALSE(r.add("GET", "/b/{code}", [&](const Request& req) {
        seen = req.path_param("code") + "|" + req.path_param("missing");
        return Response::json(200, "{}");
    }));
    r.dispatch(request("GET", "/b/XY"));
    EXPECT_EQ(seen, "XY|");
}

TEST_F(RouterTest, CapturesArePercentDecodedOneSegment) {
    auto body = body_of(router.dispatch(request("GET", "/api/v1/bookings/AB%20C%2FD%25")));
    EXPECT_EQ(body["route"], "lookup");
    EXPECT_EQ(body["params"]["code"], "AB C/D%");  // %2F stays inside the segment
    // "+" is a plus in a path, not a space.
    body = body_of(router.dispatch(request("GET", "/api/v1/bookings/A+B")));
    EXPECT_EQ(body["params"]["code"], "A+B");
    // Non-ASCII bytes come through as the UTF-8 that was encoded.
    body = body_of(router.dispatch(request("GET", "/api/v1/bookings/%D0%AF")));
    EXPECT_EQ(body["params"]["code"], "\xD0\xAF");
}

TEST_F(RouterTest, LiteralSegmentsMatchDecoded) {
    EXPECT_EQ(body_of(router.dispatch(request("GET", "/api/v1/%73ervices")))["route"], "services");
}

TEST_F(RouterTest, LiteralBeatsCapture) {
    // "/bookings/search" matches both "{code}" and "search": the literal wins, whatever the
    // order of add().
    EXPECT_EQ(body_of(router.dispatch(request("GET", "/api/v1/bookings/search")))["route"],
              "search");
    EXPECT_EQ(body_of(router.dispatch(request("GET", "/api/v1/bookings/searc")))["route"],
              "lookup");
}

TEST_F(RouterTest, UnknownPathsAre404Json) {
    for (const char* path :
         {"/nope", "/api/v1", "/api/v1/services/", "/api/v1//services", "/api/v1/bookings/",
          "/api/v1/bookings//qr.png", "/API/V1/SERVICES", "", "api/v1/services", "*",
          "/api/v1/bookings/%zz", "/api/v1/bookings/%4", "/api/v1/bookings/K7/qr.png/x",
          "http://example.org/api/v1/services"}) {
        SCOPED_TRACE(path);
        Response response = router.dispatch(request("GET", path));
        EXPECT_EQ(response.status, 404);
        EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
        auto body = body_of(response);
        EXPECT_EQ(body["error"], "http.not_found");
        EXPECT_TRUE(body["message"].is_string());
        EXPECT_TRUE(body["params"].is_object());
    }
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
    Response response = router.dispatch(request("PUT", "/api/v1/bookings/K7Q2M9"));
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(header_of(response, "Allow"), "DELETE, GET, HEAD");
    auto body = body_of(response);
    EXPECT_EQ(body["error"], "http.method_not_allowed");
    EXPECT_EQ(body["params"]["allow"], "DELETE, GET, HEAD");

    response = router.dispatch(request("GET", "/api/v1/bookings"));
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(header_of(response, "Allow"), "POST");

    // Methods are case-sensitive tokens: "get" is not GET.
    EXPECT_EQ(router.dispatch(request("get", "/api/v1/services")).status, 405);
}

TEST_F(RouterTest, HeadUsesTheGetHandler) {
    EXPECT_EQ(body_of(router.dispatch(request("HEAD", "/api/v1/services")))["route"], "services");
    EXPECT_EQ(router.dispatch(request("HEAD", "/api/v1/bookings")).status, 405);
}

TEST_F(RouterTest, StalePathParamsAreReplaced) {
    Request r = request("GET", "/api/v1/services");
    r.path_params["code"] = "forged";
    auto body = body_of(router.dispatch(r));
    EXPECT_TRUE(body["params"].empty());
}

TEST(RouterFailures, ThrowingHandlersAre500AndTheObserverHearsOfIt) {
    Router r;
    ASSERT_FALSE(r.add("GET", "/std", [](const Request&) -> Response {
        throw std::runtime_error("secret detail 123");
    }));
    ASSERT_FALSE(r.add("GET", "/int", [](const Request&) -> Response { throw 42; }));
    ASSERT_FALSE(r.add("GET", "/fine", [](const Request&) { return Response::json(200, "{}"); }));
    std::vector<std::pair<std::string, std::string>> heard;
    r.set_failure_observer([&](const Route& route, std::string_view what) {
        heard.emplace_back(route.pattern, std::string(what));
        throw std::logic_error("the observer failing changes nothing");
    });

    for (const char* path : {"/std", "/int"}) {
        Response response = r.dispatch(request("GET", path));
        EXPECT_EQ(response.status, 500);
        auto body = body_of(response);
        EXPECT_EQ(body["error"], "internal");
        EXPECT_EQ(response.body.find("secret"), std::string::npos);  // nothing leaks
    }
    ASSERT_EQ(heard.size(), 2u);
    EXPECT_EQ(heard[0], (std::pair<std::string, std::string>{"/std", "secret detail 123"}));
    EXPECT_EQ(heard[1], (std::pair<std::string, std::string>{"/int", ""}));
    EXPECT_EQ(r.dispatch(request("GET", "/fine")).status, 200);  // and the router goes on
}

TEST(RouterTable, RoutesListsEveryEntryInOrder) {
    Router r;
    ASSERT_FALSE(r.add("GET", "/a", echo("a")));
    ASSERT_FALSE(r.add("POST", "/a", echo("a")));
    ASSERT_FALSE(r.add("GET", "/b/{x}", echo("b")));
    EXPECT_EQ(r.routes(), (std::vector<Route>{{"GET", "/a"}, {"POST", "/a"}, {"GET", "/b/{x}"}}));
}

TEST(RouterTable, RefusesBadRoutesAndKeepsTheTable) {
    Router r;
    ASSERT_FALSE(r.add("GET", "/a/{id}", echo("a")));
    struct Case {
        std::string method, pattern, code;
    };
    for (const Case& c : std::vector<Case>{
             {"get", "/x", "http.route_method"},
             {"", "/x", "http.route_method"},
             {"G ET", "/x", "http.route_method"},
             {"GET", "", "http.route_pattern"},
             {"GET", "x", "http.route_pattern"},
             {"GET", "/x/", "http.route_pattern"},
             {"GET", "//x", "http.route_pattern"},
             {"GET", "/x/{}", "http.route_pattern"},
             {"GET", "/x/{id", "http.route_pattern"},
             {"GET", "/x/id}", "http.route_pattern"},
             {"GET", "/x/a{id}", "http.route_pattern"},
             {"GET", "/x/{a{b}}", "http.route_pattern"},
             {"GET", "/x/{id}/{id}", "http.route_pattern"},
             {"GET", "/x/%41", "http.route_pattern"},
             {"GET", "/a/{other}", "http.route_duplicate"},
         }) {
        SCOPED_TRACE(c.method + " " + c.pattern);
        auto problem = r.add(c.method, c.pattern, echo("bad"));
        ASSERT_TRUE(problem.has_value());
        EXPECT_EQ(problem->code, c.code);
    }
    auto empty = r.add("GET", "/y", Handler{});
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->code, "http.route_handler");
    EXPECT_EQ(r.routes(), (std::vector<Route>{{"GET", "/a/{id}"}}));
    // The same shape under another method is not a duplicate.
    EXPECT_FALSE(r.add("POST", "/a/{other}", echo("post")));
}

TEST(RouterTable, EmptyRouterAnswers404) {
    Router r;
    EXPECT_EQ(r.dispatch(request("GET", "/")).status, 404);
}

TEST(RouterRobustness, HugeAndHostilePaths) {
    Router r;
    ASSERT_FALSE(r.add("GET", "/b/{code}", echo("b")));
    std::string long_segment(100000, 'A');
    auto body = body_of(r.dispatch(request("GET", "/b/" + long_segment)));
    EXPECT_EQ(body["params"]["code"].get<std::string>().size(), long_segment.size());

    std::string many_slashes(50000, '/');
    EXPECT_EQ(r.dispatch(request("GET", many_slashes)).status, 404);
    // A NUL byte and invalid UTF-8 decode as bytes; the handler sees them, JSON stays valid.
    Router raw;
    ASSERT_FALSE(raw.add("GET", "/b/{code}", [](const Request& req) {
        return Response::json(200, std::to_string(req.path_param("code").size()));
    }));
    EXPECT_EQ(raw.dispatch(request("GET", "/b/%00%FF")).body, "2");
}

TEST(DecodePathSegment, DecodesAndRefusesBrokenEscapes) {
    EXPECT_EQ(decode_path_segment("a%41%4a%4A"), "aAJJ");
    EXPECT_EQ(decode_path_segment(""), "");
    EXPECT_EQ(decode_path_segment("%"), std::nullopt);
    EXPECT_EQ(decode_path_segment("%4"), std::nullopt);
    EXPECT_EQ(decode_path_segment("%G1"), std::nullopt);
    EXPECT_EQ(decode_path_segment("abc%"), std::nullopt);
}

}  // namespace
}  // namespace cherha::http
