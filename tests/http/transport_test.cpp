// The transport over real loopback HTTP: what a handler receives, what the client gets back,
// the headers added to every response, keep-alive.
#include "server/http/httplib_transport.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/server_fixture.h"
#include "support/http_client.h"

namespace cherha::http {
namespace {

using cherha::test::HttpClient;
using testing::RunningServer;

// Answers with everything it received, so tests see the converted Request.
Response echo_request(const Request& r) {
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& [k, v] : r.headers) headers.push_back({k, v});
    nlohmann::json query = nlohmann::json::array();
    for (const auto& [k, v] : r.query) query.push_back({k, v});
    nlohmann::json body{{"method", r.method},
                        {"path", r.path},
                        {"query", query},
                        {"params", r.path_params},
                        {"headers", headers},
                        {"body", r.body},
                        {"body_size", r.body.size()},
                        {"remote", r.remote_address}};
    return Response::json(200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

class TransportTest : public ::testing::Test {
  protected:
    static Router make_router() {
        Router r;
        for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
            EXPECT_FALSE(r.add(method, "/api/v1/echo/{code}", echo_request));
            EXPECT_FALSE(r.add(method, "/api/v1/echo", echo_request));
        }
        EXPECT_FALSE(r.add("GET", "/page", [](const Request&) {
            Response page;
            page.content_type = "text/html; charset=utf-8";
            page.body = "<p>hello</p>";
            return page;
        }));
        EXPECT_FALSE(r.add("GET", "/api/v1/cached", [](const Request&) {
            Response response = Response::json(200, "{}");
            response.headers = {{"Cache-Control", "max-age=60"}, {"X-Custom", "yes"}};
            return response;
        }));
        EXPECT_FALSE(r.add("GET", "/api/v1/framing", [](const Request&) {
            Response response = Response::json(201, "{\"a\":1}");
            // A handler cannot break the framing or inject a second content type.
            response.headers = {{"Content-Length", "9999"},
                                {"Transfer-Encoding", "chunked"},
                                {"Connection", "close"},
                                {"Content-Type", "text/plain"},
                                {"X-Content-Type-Options", "nosniff"}};
            return response;
        }));
        EXPECT_FALSE(r.add("GET", "/api/v1/throws", [](const Request&) -> Response {
            throw std::runtime_error("boom with personal data 3012345678");
        }));
        EXPECT_FALSE(r.add("GET", "/api/v1/empty", [](const Request&) {
            Response response;
            response.status = 204;
            return response;
        }));
        return r;
    }

    Router router = make_router();
    RunningServer server{router};
    HttpClient client{server.url()};
};

TEST_F(TransportTest, GetWithQueryReachesTheHandlerDecoded) {
    auto reply = client.get("/api/v1/echo/AB%20C%2F1?date=2025-03-01&name=%D0%AF+x&date=2");
    ASSERT_EQ(reply.status, 200) << reply.error;
    auto body = nlohmann::json::parse(reply.body);
    EXPECT_EQ(body["method"], "GET");
    EXPECT_EQ(body["path"], "/api/v1/echo/AB%20C%2F1");  // as sent, without the query
    EXPECT_EQ(body["params"]["code"], "AB C/1");
    auto expected = nlohmann::json::array({nlohmann::json::array({"date", "2025-03-01"}),
                                           nlohmann::json::array({"date", "2"}),
                                           nlohmann::json::array({"name", "\xD0\xAF x"})});
    EXPECT_EQ(body["query"], expected);
    EXPECT_EQ(body["remote"], "127.0.0.1");
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
}

TEST_F(TransportTest, HeadersArriveLowerCasedWithoutHttplibsOwn) {
    auto reply =
        client.get("/api/v1/echo", {{"X-Request-ID", "abc"}, {"Authorization", "Bearer t"}});
    ASSERT_EQ(reply.status, 200) << reply.error;
    auto headers = nlohmann::json::parse(reply.body)["headers"];
    bool saw_id = false, saw_auth = false;
    for (const auto& pair : headers) {
        std::string name = pair[0];
        for (char c : name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << name;
        EXPECT_NE(name, "remote_addr");
        EXPECT_NE(name, "local_port");
        saw_id = saw_id || (name == "x-request-id" && pair[1] == "abc");
        saw_auth = saw_auth || (name == "authorization" && pair[1] == "Bearer t");
    }
    EXPECT_TRUE(saw_id);
    EXPECT_TRUE(saw_auth);
}

TEST_F(TransportTest, BodiesOfEveryMethodArrive) {
    std::string json = R"({"rnokpp":"3012345678","name":"Тест"})";
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE"}) {
        SCOPED_TRACE(method);
        auto reply =
            client.request(method, "/api/v1/echo", json, {{"Content-Type", "application/json"}});
        ASSERT_EQ(reply.status, 200) << reply.error;
        auto body = nlohmann::json::parse(reply.body);
        EXPECT_EQ(body["method"], method);
        EXPECT_EQ(body["body"], json);
    }
    // Binary bodies arrive byte for byte, NUL included.
    std::string binary("a\0b\xFF", 4);
    auto reply =
        client.post("/api/v1/echo", binary, {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["body_size"], 4u);
}

TEST_F(TransportTest, EmptyPostIsFine) {
    auto reply = client.post("/api/v1/echo", "");
    ASSERT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(nlohmann::json::parse(reply.body)["body"], "");
}

TEST_F(TransportTest, RouterAnswersComeThroughAsJson) {
    auto reply = client.get("/api/v1/nothing-here");
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["error"], "http.not_found");

    reply = client.request("PUT", "/page", "x", {});
    EXPECT_EQ(reply.status, 405);
    EXPECT_EQ(reply.header("allow"), "GET, HEAD");
    EXPECT_EQ(nlohmann::json::parse(reply.body)["error"], "http.method_not_allowed");

    // Methods the router never heard of, including ones httplib handles itself.
    for (const char* method : {"TRACE", "CONNECT", "OPTIONS"}) {
        reply = client.request(method, "/page", "", {});
        EXPECT_EQ(reply.status, 405) << method;
    }
}

TEST_F(TransportTest, ThrowingHandlerIs500WithoutDetails) {
    auto reply = client.get("/api/v1/throws");
    EXPECT_EQ(reply.status, 500);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["error"], "internal");
    EXPECT_EQ(reply.body.find("3012345678"), std::string::npos);
    EXPECT_EQ(client.get("/api/v1/echo").status, 200);  // still serving
}

TEST_F(TransportTest, SecurityHeadersOnEveryResponse) {
    for (const char* path : {"/api/v1/echo", "/page", "/api/v1/nothing", "/nothing"}) {
        SCOPED_TRACE(path);
        auto reply = client.get(path);
        ASSERT_NE(reply.status, 0) << reply.error;
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
        EXPECT_EQ(reply.header_count("x-content-type-options"), 1u);
    }
    EXPECT_EQ(client.get("/api/v1/echo").header("cache-control"), "no-store");
    EXPECT_EQ(client.get("/api/v1/nothing").header("cache-control"), "no-store");
    EXPECT_EQ(client.get("/page").header("cache-control"), "");
}

TEST_F(TransportTest, HandlerHeadersAndContentTypeArrive) {
    auto reply = client.get("/api/v1/cached");
    EXPECT_EQ(reply.header("cache-control"), "max-age=60");  // the handler's own choice
    EXPECT_EQ(reply.header_count("cache-control"), 1u);
    EXPECT_EQ(reply.header("x-custom"), "yes");
    reply = client.get("/page");
    EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(reply.body, "<p>hello</p>");
}

TEST_F(TransportTest, HandlersCannotBreakTheFraming) {
    auto reply = client.get("/api/v1/framing");
    ASSERT_EQ(reply.status, 201) << reply.error;
    EXPECT_EQ(reply.body, "{\"a\":1}");
    EXPECT_EQ(reply.header("content-length"), "7");
    EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(reply.header_count("content-type"), 1u);
    EXPECT_EQ(reply.header_count("x-content-type-options"), 1u);
    EXPECT_EQ(client.get("/api/v1/echo").status, 200);  // the connection is still fine
    EXPECT_EQ(client.new_connections(), 1);
}

TEST_F(TransportTest, HeadAndNoContent) {
    auto reply = client.head("/api/v1/echo");
    EXPECT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.body, "");
    reply = client.get("/api/v1/empty");
    EXPECT_EQ(reply.status, 204) << reply.error;
    EXPECT_EQ(reply.body, "");
}

TEST_F(TransportTest, RangeHeadersAreIgnored) {
    for (const char* range : {"bytes=0-0", "bytes=5-9", "bytes=99999-", "bytes=0-1,3-4"}) {
        SCOPED_TRACE(range);
        auto reply = client.get("/page", {{"Range", range}});
        EXPECT_EQ(reply.status, 200);
        EXPECT_EQ(reply.header("content-range"), "");
        EXPECT_EQ(reply.body, "<p>hello</p>");
    }
}

TEST_F(TransportTest, KeepAliveReusesOneConnection) {
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(client.get("/api/v1/echo/" + std::to_string(i)).status, 200);
        ASSERT_EQ(client.post("/api/v1/echo", "{}").status, 200);
    }
    EXPECT_EQ(client.get("/api/v1/nothing").status, 404);  // errors keep the connection too
    EXPECT_EQ(client.get("/api/v1/echo").status, 200);
    EXPECT_EQ(client.new_connections(), 1);
}

TEST(TransportKeepAlive, MaxCountClosesAfterThatManyRequests) {
    Router router;
    ASSERT_FALSE(router.add("GET", "/x", [](const Request&) { return Response::json(200, "{}"); }));
    ServerOptions options;
    options.keep_alive_max_count = 3;
    RunningServer server(router, options);
    cherha::test::HttpClient client(server.url());
    for (int i = 0; i < 9; ++i) ASSERT_EQ(client.get("/x").status, 200);
    EXPECT_EQ(client.new_connections(), 3);
}

TEST(TransportConcurrency, ManyClientsAtOnceAllAnswered) {
    Router router;
    ASSERT_FALSE(router.add("POST", "/n/{i}", [](const Request& r) {
        return Response::json(200, r.path_param("i") + r.body);
    }));
    ServerOptions options;
    options.threads = 4;
    RunningServer server(router, options);
    std::vector<std::thread> clients;
    std::atomic<int> wrong{0};
    for (int c = 0; c < 16; ++c) {
        clients.emplace_back([&, c] {
            cherha::test::HttpClient client(server.url());
            for (int i = 0; i < 10; ++i) {
                auto reply = client.post("/n/" + std::to_string(c), std::to_string(i));
                if (reply.status != 200 || reply.body != std::to_string(c) + std::to_string(i))
                    ++wrong;
            }
        });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace cherha::http
