// The desk's outbox against the real cherha-server: a clerk's action made while the server is
// down is kept through a restart of the desk and reaches the server exactly once when it is
// back, even when the first answer is lost on the way (PRODUCT.md, "Desk client", Offline).
#include <gtest/gtest.h>

#include "desk/model/curl_transport.h"
#include "desk/model/outbox.h"
#include "server/server_fixture.h"
#include "store/temp_dir.h"

namespace cherha::desk {
namespace {

using nlohmann::json;
using test::bearer;
using test::HttpClient;
using test::json_of;
using test::log_in;

Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Forwards to the real server, then loses the answer, as a dropped connection would.
class LosingTransport : public DeskTransport {
  public:
    explicit LosingTransport(DeskTransport& real) : real_(real) {}
    TransportReply send(const std::string& method, const std::string& path, const std::string& body,
                        const Headers& headers) override {
        last = real_.send(method, path, body, headers);
        return {0, "", {}, "connection reset (on purpose)"};
    }
    TransportReply last;

  private:
    DeskTransport& real_;
};

// Remembers the headers of the last answer.
class WatchingTransport : public DeskTransport {
  public:
    explicit WatchingTransport(DeskTransport& real) : real_(real) {}
    TransportReply send(const std::string& method, const std::string& path, const std::string& body,
                        const Headers& headers) override {
        last = real_.send(method, path, body, headers);
        return last;
    }
    std::string header(const std::string& name) const {
        for (const auto& [n, v] : last.headers)
            if (n == name) return v;
        return "";
    }
    TransportReply last;

  private:
    DeskTransport& real_;
};

TEST(OutboxWithServer, AnOfflineArrivalReachesTheServerExactlyOnce) {
    test::ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));

    // The clerk of window 1 picks a visitor booked for today.
    HttpClient clerk(server.url());
    const std::string token = log_in(clerk, "clerk1", test::kClerk1Password, "w1");
    ASSERT_FALSE(token.empty());
    auto queue = clerk.get("/api/v1/queue", bearer(token));
    ASSERT_EQ(queue.status, 200) << queue.body;
    std::int64_t id = 0;
    const json today = json_of(queue);
    for (const auto& b : today["bookings"])
        if (b["state"] == "booked" && b["service"] == "vehicle-registration") id = b["id"];
    ASSERT_NE(id, 0) << queue.body;
    const std::string actions = "/api/v1/bookings/" + std::to_string(id) + "/actions";
    const std::string old_url = server.url();

    // The server goes away; the clerk records the arrival anyway.
    const test::ServerExit exit = server.process().stop();
    EXPECT_EQ(exit.exit_code, 0);
    store::testing::TempDir desk_dir;
    const std::string outbox_path = desk_dir.file("outbox.db");
    {
        auto box = Outbox::open(outbox_path);
        ASSERT_TRUE(box) << box.problem().code;
        ASSERT_TRUE(
            (*box)->add({"POST", actions, json{{"action", "arrive"}}.dump(), id, "clerk1"}, now()));
        CurlTransport down(old_url);
        const FlushReport report = (*box)->flush(down, token, "clerk1", now());
        EXPECT_EQ(report.stopped, "offline");
        EXPECT_EQ(report.still_pending, 1);
    }  // the desk is closed while offline

    // The server is back (on another port); the desk starts again and sends its outbox, but
    // the first answer is lost: the arrival was applied, the desk does not know it.
    ASSERT_TRUE(server.start());
    auto box = Outbox::open(outbox_path);
    ASSERT_TRUE(box) << box.problem().code;
    CurlTransport up(server.url());
    LosingTransport losing(up);
    FlushReport report = (*box)->flush(losing, token, "clerk1", now());
    EXPECT_EQ(report.stopped, "offline");
    ASSERT_EQ(losing.last.status, 200) << losing.last.body;
    EXPECT_EQ(json_of(test::HttpReply{losing.last.status, {}, losing.last.body, ""})["state"],
              "arrived");

    // The next flush sends it again with the same key: the server replays its first answer.
    WatchingTransport watching(up);
    report = (*box)->flush(watching, token, "clerk1", now());
    EXPECT_EQ(report.delivered, 1);
    EXPECT_EQ(report.stopped, "");
    EXPECT_EQ(watching.header("idempotent-replayed"), "true");
    EXPECT_EQ(watching.last.body, losing.last.body);
    auto delivered = (*box)->entries(OutboxState::Delivered);
    ASSERT_TRUE(delivered);
    ASSERT_EQ(delivered->size(), 1u);
    EXPECT_EQ((*delivered)[0].attempts, 3);  // offline, answer lost, delivered

    // The audit log holds one arrival of that booking, not two.
    HttpClient supervisor(server.url());
    const std::string boss = log_in(supervisor, "supervisor", test::kSupervisorPassword);
    ASSERT_FALSE(boss.empty());
    auto audit =
        supervisor.get("/api/v1/audit?limit=1000&booking=" + std::to_string(id), bearer(boss));
    ASSERT_EQ(audit.status, 200) << audit.body;
    int arrivals = 0;
    const json log = json_of(audit);
    for (const auto& entry : log["entries"])
        if (entry["action"].get<std::string>().find("arrive") != std::string::npos) ++arrivals;
    EXPECT_EQ(arrivals, 1) << audit.body;
}

}  // namespace
}  // namespace cherha::desk
