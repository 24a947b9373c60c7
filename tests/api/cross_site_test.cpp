// cross_site() (src/server/api/api_routes.h): a page of another site must not make a visitor's
// browser book, cancel or log in. A request that changes state and whose Origin names another
// origin than its Host is refused before any handler runs, with 403 http.cross_origin.
#include <string>
#include <utility>
#include <vector>

#include "api/api_fixture.h"

namespace cherha::server::api::testing {
namespace {

http::Request request(std::string method,
                      std::vector<std::pair<std::string, std::string>> headers) {
    http::Request r;
    r.method = std::move(method);
    r.path = "/api/v1/bookings";
    r.headers = std::move(headers);
    return r;
}

bool cross(const std::string& method, const std::string& origin, const std::string& host) {
    return cross_site(request(method, {{"origin", origin}, {"host", host}}));
}

TEST(CrossSite, TheSameOriginIsAllowed) {
    EXPECT_FALSE(cross("POST", "http://cherha.example", "cherha.example"));
    EXPECT_FALSE(cross("POST", "http://cherha.example:8080", "cherha.example:8080"));
    EXPECT_FALSE(cross("POST", "https://127.0.0.1:8443", "127.0.0.1:8443"));
    // Host names are case-insensitive.
    EXPECT_FALSE(cross("POST", "https://Cherha.Example:8443", "cherha.example:8443"));
    EXPECT_FALSE(cross("POST", "https://cherha.example", "CHERHA.EXAMPLE"));
}

TEST(CrossSite, AnotherOriginIsRefusedForRequestsThatChangeState) {
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
        SCOPED_TRACE(method);
        EXPECT_TRUE(cross(method, "http://evil.example", "cherha.example"));
        EXPECT_TRUE(cross(method, "http://cherha.example.evil.example", "cherha.example"));
        EXPECT_TRUE(cross(method, "http://cherha.example:8081", "cherha.example:8080"));
        EXPECT_TRUE(cross(method, "http://cherha.example", "cherha.example:8080"));
        EXPECT_TRUE(cross(method, "http://cherha.example:8080", "cherha.example"));
    }
}

TEST(CrossSite, NullAndMalformedOriginsAreRefused) {
    for (const char* origin :
         {"null", "cherha.example", "http://", "http://cherha.example/", "//cherha.example",
          "http://user@cherha.example", "http://cherha.example ", " http://cherha.example",
          "ftp://cherha.example", "evil://cherha.example", "://cherha.example"}) {
        EXPECT_TRUE(cross("POST", origin, "cherha.example")) << '"' << origin << '"';
    }
    EXPECT_TRUE(cross("POST", "http://cherha.example", ""));  // no Host to compare with
}

TEST(CrossSite, ReadingIsNeverRefused) {
    EXPECT_FALSE(cross("GET", "http://evil.example", "cherha.example"));
    EXPECT_FALSE(cross("GET", "null", "cherha.example"));
    EXPECT_FALSE(cross("HEAD", "http://evil.example", "cherha.example"));
}

TEST(CrossSite, ARequestWithoutOriginIsAllowed) {
    EXPECT_FALSE(cross_site(request("POST", {{"host", "cherha.example"}})));
    EXPECT_FALSE(cross_site(request("POST", {})));
    EXPECT_FALSE(cross_site(request("DELETE", {{"host", "cherha.example"}})));
}

class CrossSiteApi : public ApiFixture {};

TEST_F(CrossSiteApi, ABookingFromAnotherSiteIsRefusedAndStoresNothing) {
    const auto response = call("POST", "/api/v1/bookings", booking_request().dump(),
                               {{"Origin", "https://evil.example"}, {"Host", "cherha.example"}});
    EXPECT_EQ(response.status, 403) << response.body;
    EXPECT_EQ(error_of(response), "http.cross_origin");
    const json answer = body_of(response);
    EXPECT_EQ(answer["params"].value("origin", ""), "https://evil.example");
    EXPECT_FALSE(answer.value("message", "").empty());
    EXPECT_EQ(stored_bookings(), 0u);
}

TEST_F(CrossSiteApi, TheOriginInTheAnswerIsCut) {
    const std::string origin = "https://" + std::string(5000, 'e') + ".example";
    const auto response =
        call("POST", "/api/v1/bookings", "{}", {{"Origin", origin}, {"Host", "cherha.example"}});
    EXPECT_EQ(response.status, 403);
    EXPECT_LE(body_of(response)["params"].value("origin", "").size(), 200u);
}

TEST_F(CrossSiteApi, TheSameSiteBooksAndLogsIn) {
    const auto booked =
        call("POST", "/api/v1/bookings", booking_request().dump(),
             {{"Origin", "http://cherha.example:8080"}, {"Host", "cherha.example:8080"}});
    EXPECT_EQ(booked.status, 201) << booked.body;
    EXPECT_EQ(stored_bookings(), 1u);
    const json login = {{"login", "clerk1"}, {"password", kClerkPassword}, {"window", "w1"}};
    EXPECT_EQ(call("POST", "/api/v1/auth/login", login.dump(),
                   {{"Origin", "http://cherha.example:8080"}, {"Host", "cherha.example:8080"}})
                  .status,
              200);
}

TEST_F(CrossSiteApi, LoginAndCancelFromAnotherSiteAreRefused) {
    const json login = {{"login", "clerk1"}, {"password", kClerkPassword}, {"window", "w1"}};
    const std::vector<std::pair<std::string, std::string>> foreign = {{"Origin", "null"},
                                                                      {"Host", "cherha.example"}};
    const auto refused_login = call("POST", "/api/v1/auth/login", login.dump(), foreign);
    EXPECT_EQ(refused_login.status, 403);
    EXPECT_EQ(error_of(refused_login), "http.cross_origin");
    const auto refused_cancel = call("POST", "/api/v1/bookings/cancel", "{}", foreign);
    EXPECT_EQ(refused_cancel.status, 403);
    EXPECT_EQ(error_of(refused_cancel), "http.cross_origin");
}

TEST_F(CrossSiteApi, EveryRouteThatChangesStateRefusesAnotherSite) {
    for (const auto& route : router_.routes()) {
        std::string path = route.pattern;
        const std::vector<std::pair<std::string, std::string>> captures = {{"{service}", kService},
                                                                           {"{id}", "1"}};
        for (const auto& [capture, value] : captures) {
            const auto at = path.find(capture);
            if (at != std::string::npos) path.replace(at, capture.size(), value);
        }
        const auto response = call(route.method, path, route.method == "POST" ? "{}" : "",
                                   {{"Origin", "https://evil.example"},
                                    {"Host", "cherha.example"},
                                    {"Authorization", "Bearer " + clerk()}});
        if (route.method == "GET") {
            EXPECT_NE(error_of(response), "http.cross_origin") << path;
        } else {
            EXPECT_EQ(error_of(response), "http.cross_origin") << route.method << " " << path;
        }
    }
}

TEST_F(CrossSiteApi, ReadingFromAnotherSiteIsServed) {
    const auto services = call("GET", "/api/v1/services", "",
                               {{"Origin", "https://evil.example"}, {"Host", "cherha.example"}});
    EXPECT_EQ(services.status, 200) << services.body;
}

}  // namespace
}  // namespace cherha::server::api::testing
