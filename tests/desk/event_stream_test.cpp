// The server's live updates: the text/event-stream parser (every chunking of a stream, the
// three line endings, comments, multi-line data, limits) and the connection to the real
// cherha-server (events arrive, the destructor returns promptly, a stopped server or a
// wrong certificate is reported as not connected).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "desk/model/day_queue.h"
#include "desk/model/event_stream.h"
#include "server/server_fixture.h"
#include "store/temp_dir.h"
#include "support/self_signed.h"

namespace cherha::desk {
namespace {

using namespace std::chrono_literals;

// Mixed line endings (LF, CR, CRLF), a byte order mark, a comment inside an event, a field
// without a colon, a value without the space, an unknown field and an event type reset.
const std::string kSample =
    "\xEF\xBB\xBF"
    "retry: 3000\r\n"
    "\r\n"
    "event: ready\n"
    "data: {\"alert\":false}\r\n"
    "\r\n"
    ": keep-alive\r"
    "\r"
    "event: queue\r"
    "id: 17\r"
    ": a comment does not end the event\n"
    "data: line one\r\n"
    "data:line two\n"
    "data:  indented\n"
    "colour: blue\n"
    "\n"
    "data\n"
    "\n"
    "event: resync\r\n"
    "data: {}\r\n"
    "\r\n"
    "event: no-data\n"
    "\n"
    "event: unfinished\n"
    "data: never ended\n";

void expect_sample_events(const std::vector<ServerEvent>& events, const std::string& how) {
    ASSERT_EQ(events.size(), 4u) << how;
    EXPECT_EQ(events[0].event, "ready") << how;
    EXPECT_EQ(events[0].data, "{\"alert\":false}") << how;
    EXPECT_EQ(events[0].id, "") << how;
    EXPECT_EQ(events[1].event, "queue") << how;
    EXPECT_EQ(events[1].id, "17") << how;
    EXPECT_EQ(events[1].data, "line one\nline two\n indented") << how;
    // The type is reset after each event, the last id is kept.
    EXPECT_EQ(events[2].event, "message") << how;
    EXPECT_EQ(events[2].data, "") << how;
    EXPECT_EQ(events[2].id, "17") << how;
    EXPECT_EQ(events[3].event, "resync") << how;
    EXPECT_EQ(events[3].data, "{}") << how;
}

std::vector<ServerEvent> feed_in_pieces(const std::string& stream,
                                        const std::vector<std::size_t>& cuts,
                                        ServerEventParser& parser) {
    std::vector<ServerEvent> events;
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
        for (auto& e : parser.feed(std::string_view(stream).substr(from, cut - from)))
            events.push_back(std::move(e));
        from = cut;
    }
    for (auto& e : parser.feed(std::string_view(stream).substr(from)))
        events.push_back(std::move(e));
    return events;
}

TEST(ServerEventParser, ReadsTheSampleWhole) {
    ServerEventParser parser;
    expect_sample_events(parser.feed(kSample), "whole");
    EXPECT_EQ(parser.retry_ms(), 3000);
    // The unfinished event comes with the blank line that ends it.
    const auto rest = parser.feed("\n");
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].event, "unfinished");
    EXPECT_EQ(rest[0].data, "never ended");
}

TEST(ServerEventParser, EveryChunkingGivesTheSameEvents) {
    {
        ServerEventParser parser;
        std::vector<std::size_t> cuts;
        for (std::size_t i = 1; i < kSample.size(); ++i) cuts.push_back(i);
        expect_sample_events(feed_in_pieces(kSample, cuts, parser), "byte by byte");
    }
    for (std::size_t i = 0; i <= kSample.size(); ++i) {
        ServerEventParser parser;
        expect_sample_events(feed_in_pieces(kSample, {i}, parser), "cut at " + std::to_string(i));
        if (HasFatalFailure()) return;
    }
    for (std::size_t i = 0; i <= kSample.size(); i += 3)
        for (std::size_t j = i; j <= kSample.size(); ++j) {
            ServerEventParser parser;
            expect_sample_events(feed_in_pieces(kSample, {i, j}, parser),
                                 "cuts at " + std::to_string(i) + ", " + std::to_string(j));
            if (HasFatalFailure()) return;
        }
}

TEST(ServerEventParser, ACrLfSplitAcrossChunksEndsOneLine) {
    ServerEventParser parser;
    EXPECT_TRUE(parser.feed("event: queue\r").empty());
    EXPECT_TRUE(parser.feed("\ndata: 1\r").empty());
    // The LF after the CR is not a second (blank) line: nothing is dispatched yet.
    EXPECT_TRUE(parser.feed("\n").empty());
    const auto events = parser.feed("\r\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event, "queue");
    EXPECT_EQ(events[0].data, "1");
    // CR CR is two line ends: a blank line.
    const auto next = parser.feed("data: 2\r\r");
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].data, "2");
}

TEST(ServerEventParser, OnlyCommentsGiveNoEvents) {
    ServerEventParser parser;
    EXPECT_TRUE(parser.feed(": keep-alive\n\n: keep-alive\r\n\r\n:\r\r").empty());
    const auto events = parser.feed("data: after\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event, "message");
}

TEST(ServerEventParser, AnOversizeLineDropsItsEventAndTheStreamGoesOn) {
    ServerEventParser parser;
    const std::string line = "data: " + std::string(kMaxEventLineBytes, 'x') + "\n";
    std::vector<ServerEvent> events = parser.feed("event: queue\n");
    // Fed in pieces, so the parser never holds the whole line.
    for (std::size_t at = 0; at < line.size(); at += 4096) {
        auto got = parser.feed(std::string_view(line).substr(at, 4096));
        events.insert(events.end(), got.begin(), got.end());
    }
    auto got = parser.feed("data: tail\n\nevent: queue\ndata: next\n\n");
    events.insert(events.end(), got.begin(), got.end());
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "next");

    // A line just under the limit is kept.
    const std::string fits(kMaxEventLineBytes - 6, 'y');
    events = parser.feed("data: " + fits + "\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, fits);
}

TEST(ServerEventParser, AnOversizeEventIsDroppedAndTheStreamGoesOn) {
    ServerEventParser parser;
    const std::string line = "data: " + std::string(60 * 1024, 'z') + "\n";
    std::vector<ServerEvent> events;
    for (int i = 0; i < 5; ++i) {  // 300 KiB of data, each line under the line limit
        auto got = parser.feed(line);
        events.insert(events.end(), got.begin(), got.end());
    }
    auto got = parser.feed("\nevent: resync\ndata: {}\n\n");
    events.insert(events.end(), got.begin(), got.end());
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event, "resync");
}

// ---- Against the real server -----------------------------------------------------------

// What a connection's callbacks received, for a test thread to wait on.
class Recorder {
  public:
    EventStreamConnection::Callbacks callbacks() {
        return {[this](const ServerEvent& e) {
                    std::lock_guard lock(mutex_);
                    events_.push_back(e);
                    changed_.notify_all();
                },
                [this](bool connected) {
                    std::lock_guard lock(mutex_);
                    states_.push_back(connected);
                    changed_.notify_all();
                }};
    }
    // Waits until an event passes `test`; returns it, or nullopt after `timeout`.
    template <class Test>
    std::optional<ServerEvent> wait_event(Test test, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        std::optional<ServerEvent> found;
        changed_.wait_for(lock, timeout, [&] {
            for (const auto& e : events_)
                if (test(e)) {
                    found = e;
                    return true;
                }
            return false;
        });
        return found;
    }
    bool wait_state(bool connected, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout,
                                 [&] { return !states_.empty() && states_.back() == connected; });
    }
    std::vector<bool> states() {
        std::lock_guard lock(mutex_);
        return states_;
    }
    std::size_t event_count() {
        std::lock_guard lock(mutex_);
        return events_.size();
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<ServerEvent> events_;
    std::vector<bool> states_;
};

bool is_ready(const ServerEvent& e) {
    return e.event == "ready";
}

TEST(EventStreamWithServer, ReceivesTheQueuesEventsAndStopsPromptly) {
    test::ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    test::HttpClient clerk(server.url());
    const std::string token = test::log_in(clerk, "clerk1", test::kClerk1Password, "w1");
    ASSERT_FALSE(token.empty());

    Recorder recorder;
    auto connection =
        std::make_unique<EventStreamConnection>(server.url(), token, "", recorder.callbacks());
    ASSERT_TRUE(recorder.wait_event(is_ready, 20s)) << "no ready event";
    EXPECT_TRUE(recorder.wait_state(true, 1s));

    // A visitor booked for today arrives at the clerk's window.
    auto queue = clerk.get("/api/v1/queue", test::bearer(token));
    ASSERT_EQ(queue.status, 200) << queue.body;
    std::int64_t id = 0;
    const nlohmann::json today = test::json_of(queue);
    for (const auto& b : today["bookings"])
        if (b["state"] == "booked" && b["service"] == "vehicle-registration") id = b["id"];
    ASSERT_NE(id, 0) << queue.body;
    auto arrived = clerk.post("/api/v1/bookings/" + std::to_string(id) + "/actions",
                              R"({"action":"arrive"})", test::json_headers(test::bearer(token)));
    ASSERT_EQ(arrived.status, 200) << arrived.body;

    const auto event = recorder.wait_event(
        [id](const ServerEvent& e) {
            if (e.event != "queue") return false;
            auto read = read_queue_event(e.data);
            return read && read->booking == id;
        },
        20s);
    ASSERT_TRUE(event) << "no queue event for booking " << id;
    const auto read = read_queue_event(event->data);
    ASSERT_TRUE(read) << event->data;
    EXPECT_EQ(read->kind, "booking");
    EXPECT_EQ(read->state, core::BookingState::Arrived);
    EXPECT_FALSE(read->ticket.empty());
    EXPECT_GT(read->change, 0);

    // The stream is open and idle (the next keep-alive is 15 s away): closing must not wait.
    const auto before = std::chrono::steady_clock::now();
    connection.reset();
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_LT(took, 5s) << "the destructor waited for the stream";
    // Stopping is not a drop: no "disconnected" was reported.
    EXPECT_EQ(recorder.states(), std::vector<bool>{true});
}

TEST(EventStreamWithServer, AStoppedServerIsReportedAsNotConnected) {
    test::ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    test::HttpClient clerk(server.url());
    const std::string token = test::log_in(clerk, "clerk1", test::kClerk1Password, "w1");
    ASSERT_FALSE(token.empty());

    Recorder recorder;
    EventStreamConnection connection(server.url(), token, "", recorder.callbacks());
    ASSERT_TRUE(recorder.wait_event(is_ready, 20s));
    ASSERT_TRUE(recorder.wait_state(true, 1s));
    const std::string url = server.url();
    server.process().stop();
    EXPECT_TRUE(recorder.wait_state(false, 20s)) << "the drop was not reported";

    // A desk started while the server is down is told so, and keeps trying without crashing.
    Recorder offline;
    {
        EventStreamConnection never(url, token, "", offline.callbacks());
        EXPECT_TRUE(offline.wait_state(false, 20s));
        std::this_thread::sleep_for(3500ms);  // one retry
    }
    EXPECT_EQ(offline.states(), std::vector<bool>{false});
    EXPECT_EQ(offline.event_count(), 0u);
}

TEST(EventStreamWithServer, AWrongTokenIsNotAConnection) {
    test::ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    Recorder recorder;
    {
        EventStreamConnection connection(server.url(), "not-a-session-token", "",
                                         recorder.callbacks());
        EXPECT_TRUE(recorder.wait_state(false, 20s));
    }
    EXPECT_EQ(recorder.states(), std::vector<bool>{false});
    EXPECT_EQ(recorder.event_count(), 0u);
}

// The SHA-256 fingerprint of the PEM certificate in `path`, as hex with colons.
std::string fingerprint_of(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return {};
    X509* certificate = PEM_read_X509(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    if (!certificate) return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    X509_digest(certificate, EVP_sha256(), digest, &length);
    X509_free(certificate);
    std::string text;
    char hex[4];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(hex, sizeof hex, i == 0 ? "%02X" : ":%02X", digest[i]);
        text += hex;
    }
    return text;
}

TEST(EventStreamWithServer, HttpsIsReadOnlyFromThePinnedCertificate) {
    store::testing::TempDir keys;
    const std::string cert = keys.file("cert.pem");
    ASSERT_TRUE(test::make_self_signed(cert, keys.file("key.pem")));
    const std::string pinned = fingerprint_of(cert);
    ASSERT_EQ(pinned.size(), 95u);
    auto config = test::test_config_lines();
    config.push_back("tls_certificate = " + cert);
    config.push_back("tls_key = " + keys.file("key.pem"));
    test::ServerUnderTest server(config);
    ASSERT_TRUE(server.start({"--demo"}));
    ASSERT_EQ(server.url().rfind("https://", 0), 0u);
    ASSERT_TRUE(server.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
    test::HttpClientOptions trusting;
    trusting.ca_file = cert;
    test::HttpClient clerk(server.url(), trusting);
    const std::string token = test::log_in(clerk, "clerk1", test::kClerk1Password, "w1");
    ASSERT_FALSE(token.empty());

    {
        Recorder recorder;
        EventStreamConnection connection(server.url(), token, pinned, recorder.callbacks());
        EXPECT_TRUE(recorder.wait_event(is_ready, 20s)) << "the pinned certificate was refused";
    }
    {
        // Another certificate's fingerprint (one digit changed): no connection, no events.
        std::string other = pinned;
        other[0] = other[0] == 'A' ? 'B' : 'A';
        Recorder recorder;
        EventStreamConnection connection(server.url(), token, other, recorder.callbacks());
        EXPECT_TRUE(recorder.wait_state(false, 20s));
        EXPECT_EQ(recorder.states(), std::vector<bool>{false});
        EXPECT_EQ(recorder.event_count(), 0u);
    }
    {
        // Without a pin the CA check applies, and this certificate is not trusted.
        Recorder recorder;
        EventStreamConnection connection(server.url(), token, "", recorder.callbacks());
        EXPECT_TRUE(recorder.wait_state(false, 20s));
        EXPECT_EQ(recorder.event_count(), 0u);
    }
}

}  // namespace
}  // namespace cherha::desk
