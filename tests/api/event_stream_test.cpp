// Live updates: the event hub's bounded queues and the server-sent-event stream of
// GET /api/v1/events.
#include <string>

#include "api/api_fixture.h"

namespace cherha::server::api::testing {
namespace {

using events::Delivery;
using events::EventHub;

center::QueueEvent booking_event(std::int64_t id) {
    center::QueueEvent e;
    e.kind = "booking";
    e.booking_id = id;
    e.state = "arrived";
    return e;
}

TEST(EventHub, DeliversInOrderToEverySubscriber) {
    auto hub = EventHub::create(8);
    auto a = hub->subscribe();
    auto b = hub->subscribe();
    EXPECT_EQ(hub->subscriber_count(), 2u);
    hub->publish(booking_event(1));
    hub->publish(booking_event(2));
    for (auto* s : {a.get(), b.get()}) {
        Delivery first = s->next(std::chrono::milliseconds(0));
        Delivery second = s->next(std::chrono::milliseconds(0));
        EXPECT_EQ(first.kind, Delivery::Kind::Event);
        EXPECT_EQ(first.event.booking_id, 1);
        EXPECT_EQ(second.event.booking_id, 2);
        EXPECT_LT(first.sequence, second.sequence);
        EXPECT_EQ(s->next(std::chrono::milliseconds(0)).kind, Delivery::Kind::Timeout);
    }
}

TEST(EventHub, ASlowSubscriberLosesTheOldestAndIsToldToResync) {
    auto hub = EventHub::create(3);
    auto slow = hub->subscribe();
    for (int i = 1; i <= 5; ++i) hub->publish(booking_event(i));
    EXPECT_EQ(slow->next(std::chrono::milliseconds(0)).kind, Delivery::Kind::Resync);
    // The newest three remain.
    for (int id : {3, 4, 5}) {
        Delivery d = slow->next(std::chrono::milliseconds(0));
        ASSERT_EQ(d.kind, Delivery::Kind::Event);
        EXPECT_EQ(d.event.booking_id, id);
    }
}

TEST(EventHub, EndedSubscriptionsLeaveAndCloseEndsTheRest) {
    auto hub = EventHub::create(4);
    auto kept = hub->subscribe();
    { auto gone = hub->subscribe(); }
    EXPECT_EQ(hub->subscriber_count(), 1u);
    hub->close();
    EXPECT_EQ(kept->next(std::chrono::milliseconds(0)).kind, Delivery::Kind::Closed);
    EXPECT_EQ(hub->subscribe(), nullptr);
    hub->publish(booking_event(1));  // after close: ignored, no crash
}

center::QueueEvent change_of(std::int64_t booking, std::int64_t change, std::string state) {
    center::QueueEvent e = booking_event(booking);
    e.change = change;
    e.state = std::move(state);
    return e;
}

// Takes every event waiting in `s` (none wait: the hub delivers synchronously).
std::vector<center::QueueEvent> drain(events::Subscription& s) {
    std::vector<center::QueueEvent> out;
    for (;;) {
        Delivery d = s.next(std::chrono::milliseconds(0));
        if (d.kind != Delivery::Kind::Event) return out;
        out.push_back(d.event);
    }
}

TEST(EventHub, AnOlderChangeOfABookingPublishedLateIsNotDelivered) {
    auto hub = EventHub::create(16);
    auto desk = hub->subscribe();
    // Booking 1 was called (change 10) after it arrived (change 9), but the threads that
    // committed them published in the other order.
    EXPECT_TRUE(hub->publish(change_of(1, 10, "called")));
    EXPECT_FALSE(hub->publish(change_of(1, 9, "arrived")));
    EXPECT_FALSE(hub->publish(change_of(1, 10, "called")));  // the same change again
    // Other bookings keep their own order: a lower number of another booking passes.
    EXPECT_TRUE(hub->publish(change_of(2, 5, "arrived")));
    // No order known (0): always delivered, and it changes nothing remembered.
    EXPECT_TRUE(hub->publish(change_of(1, 0, "booked")));
    EXPECT_FALSE(hub->publish(change_of(1, 9, "arrived")));
    EXPECT_TRUE(hub->publish(change_of(1, 11, "in_service")));

    const auto got = drain(*desk);
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(got[0].state, "called");
    EXPECT_EQ(got[1].booking_id, 2);
    EXPECT_EQ(got[2].change, 0);
    EXPECT_EQ(got[3].state, "in_service");
    EXPECT_EQ(got[3].change, 11);
}

TEST(EventHub, AlertEventsAreOrderedAmongThemselves) {
    auto hub = EventHub::create(16);
    auto board = hub->subscribe();
    center::QueueEvent on;
    on.kind = "alert";
    on.alert_active = true;
    on.change = 20;
    center::QueueEvent off = on;
    off.alert_active = false;
    off.change = 21;
    EXPECT_TRUE(hub->publish(off));
    EXPECT_FALSE(hub->publish(on));  // the older switch, published late
    // Booking changes are not compared with alert changes.
    EXPECT_TRUE(hub->publish(change_of(1, 3, "arrived")));
    const auto got = drain(*board);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_FALSE(got[0].alert_active);
    EXPECT_EQ(got[1].booking_id, 1);
}

TEST(EventHub, RemembersABoundedNumberOfBookingsLeastRecentlyChangedFirstOut) {
    auto hub = EventHub::create(16, 2);
    auto desk = hub->subscribe();
    EXPECT_TRUE(hub->publish(change_of(1, 1, "arrived")));
    EXPECT_TRUE(hub->publish(change_of(2, 2, "arrived")));
    EXPECT_TRUE(hub->publish(change_of(1, 3, "called")));   // 1 is now the most recent
    EXPECT_TRUE(hub->publish(change_of(3, 4, "arrived")));  // forgets 2, not 1
    EXPECT_FALSE(hub->publish(change_of(1, 2, "arrived")));
    EXPECT_TRUE(hub->publish(change_of(2, 1, "booked")));  // forgotten: cannot be judged
    EXPECT_EQ(drain(*desk).size(), 5u);
}

TEST(EventHub, ASubscriptionMayOutliveItsHub) {
    std::shared_ptr<events::Subscription> subscription;
    {
        auto hub = EventHub::create(4);
        subscription = hub->subscribe();
    }
    EXPECT_EQ(subscription->next(std::chrono::milliseconds(0)).kind, Delivery::Kind::Timeout);
}

class EventStream : public ApiFixture {
  protected:
    // The next non-empty chunk of `stream` (it waits ~10 ms per round in the fixture).
    static std::optional<std::string> next_chunk(const http::Response& response) {
        for (int i = 0; i < 50; ++i) {
            auto chunk = response.stream->next();
            if (!chunk || !chunk->empty()) return chunk;
        }
        return std::string();
    }
};

TEST_F(EventStream, BoardsHearQueueChangesWithoutPersonalData) {
    auto response = as_device(board_token_, "GET", "/api/v1/events");
    ASSERT_EQ(response.status, 200);
    ASSERT_TRUE(response.stream.has_value());
    EXPECT_EQ(response.content_type, "text/event-stream");
    auto greeting = next_chunk(response);
    ASSERT_TRUE(greeting);
    EXPECT_NE(greeting->find("event: ready"), std::string::npos);

    const json visitor = register_at_kiosk();
    auto chunk = next_chunk(response);
    ASSERT_TRUE(chunk);
    EXPECT_EQ(chunk->rfind("event: queue\nid: ", 0), 0u) << *chunk;
    const auto data = chunk->find("data: ");
    ASSERT_NE(data, std::string::npos);
    const json event = json::parse(chunk->substr(data + 6));
    EXPECT_EQ(event.value("kind", ""), "booking");
    EXPECT_EQ(event.value("booking", 0), visitor.value("id", -1));
    EXPECT_EQ(event.value("state", ""), "arrived");
    EXPECT_EQ(event.value("ticket", ""), "1000");
    EXPECT_EQ(chunk->find("Шевченко"), std::string::npos);
    EXPECT_EQ(chunk->find(visitor.value("code", "")), std::string::npos);
}

TEST_F(EventStream, AQueueEventCarriesTheAuditNumberOfItsChange) {
    const json visitor = register_at_kiosk();
    auto response = as(clerk(), "GET", "/api/v1/events");
    ASSERT_TRUE(response.stream.has_value());
    ASSERT_TRUE(next_chunk(response));  // ready
    const std::string token = clerk("w1");
    auto called = as(token, "POST", "/api/v1/desk/call-next", "", {{"Idempotency-Key", "c-1"}});
    ASSERT_EQ(called.status, 200) << called.body;

    auto chunk = next_chunk(response);
    ASSERT_TRUE(chunk);
    const auto data = chunk->find("data: ");
    ASSERT_NE(data, std::string::npos) << *chunk;
    const json event = json::parse(chunk->substr(data + 6));
    EXPECT_EQ(event.value("state", ""), "called");
    auto audit = center_->audit(0, 100, visitor.value("id", 0));
    ASSERT_TRUE(audit);
    ASSERT_FALSE(audit->empty());
    EXPECT_EQ(audit->back().event.action, "booking.call");
    ASSERT_TRUE(event["change"].is_number_integer()) << *chunk;
    EXPECT_EQ(event["change"].get<std::int64_t>(), audit->back().seq);

    // An older change of the booking, published late, does not reach the stream.
    center::QueueEvent stale;
    stale.kind = "booking";
    stale.booking_id = visitor.value("id", 0);
    stale.state = "arrived";
    stale.change = audit->back().seq - 1;
    EXPECT_FALSE(hub_->publish(stale));
}

TEST_F(EventStream, ALaggingStreamGetsResyncAndTheStreamEndsWithTheHub) {
    auto response = as(clerk(), "GET", "/api/v1/events");
    ASSERT_TRUE(response.stream.has_value());
    ASSERT_TRUE(next_chunk(response));  // ready
    // The fixture's hub keeps 4 events per subscriber: six registrations overflow it.
    for (int i = 0; i < 6; ++i)
        register_at_kiosk(registration(person(700 + i, "00700000" + std::to_string(i))));
    auto chunk = next_chunk(response);
    ASSERT_TRUE(chunk);
    EXPECT_EQ(chunk->rfind("event: resync", 0), 0u) << *chunk;
    hub_->close();
    EXPECT_EQ(response.stream->next(), std::nullopt);
}

TEST_F(EventStream, KeepAliveCommentsWhenNothingHappens) {
    shared_->options.keep_alive = std::chrono::seconds(0);
    auto response = as_device(board_token_, "GET", "/api/v1/events");
    ASSERT_TRUE(next_chunk(response));  // ready
    auto chunk = next_chunk(response);
    ASSERT_TRUE(chunk);
    EXPECT_EQ(*chunk, ": keep-alive\n\n");
}

}  // namespace
}  // namespace cherha::server::api::testing
