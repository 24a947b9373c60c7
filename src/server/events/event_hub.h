// Live queue updates for desks and the board: the ServiceCenter's listener publishes each
// center::QueueEvent here, and every server-sent-events stream holds a Subscription with its own
// bounded queue. A slow client never slows the center or the other clients: when its queue is
// full the oldest event is dropped and the subscription remembers it lagged, so the stream sends
// `event: resync` (reload the queue) before the next event.
//
// Order: the center publishes after its commit, outside any lock, so two changes of one booking
// may be published in the other order than committed. Each event carries its change number
// (QueueEvent::change, the audit seq); the hub drops an event of a booking whose change is not
// greater than one already published for that booking, and an alert event likewise among alert
// events, so nobody is shown an older state last. Events with change 0 (no order known) always
// pass and are not remembered. The last change is kept for a bounded number of bookings (the
// least recently changed are forgotten first).
//
// Thread-safety: every method of EventHub and Subscription may be called from any thread.
// No problem codes: publishing never fails.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "center/service_center.h"

namespace cherha::server::events {

// What a subscriber receives next.
struct Delivery {
    enum class Kind {
        Event,    // `event` holds the next queue event
        Resync,   // events were dropped: the client should reload the queue
        Timeout,  // nothing arrived within the wait
        Closed,   // the hub was closed (server stopping): end the stream
    } kind = Kind::Timeout;
    center::QueueEvent event;
    std::uint64_t sequence = 0;  // the event's number in the hub (1, 2, ...), for `id:` lines
};

class EventHub;

// One subscriber's queue. Unsubscribes itself when destroyed (the stream ended).
class Subscription {
  public:
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    // Waits at most `wait` for the next delivery. Resync comes first after a drop, then the
    // remaining events in order. Closed once the hub is closed.
    Delivery next(std::chrono::milliseconds wait);

  private:
    friend class EventHub;
    Subscription(std::shared_ptr<EventHub> hub, std::size_t capacity);
    void push(const center::QueueEvent& event, std::uint64_t sequence);
    void close();

    std::weak_ptr<EventHub> hub_;
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::pair<center::QueueEvent, std::uint64_t>> queue_;
    bool lagged_ = false;
    bool closed_ = false;
};

class EventHub : public std::enable_shared_from_this<EventHub> {
  public:
    // Needs: capacity >= 1 (events each subscriber may hold before the oldest is dropped);
    // tracked_bookings >= 1 (bookings whose last change is remembered; far more than a day's
    // bookings, so only a booking untouched for long is forgotten).
    static std::shared_ptr<EventHub> create(std::size_t capacity_per_subscriber = 256,
                                            std::size_t tracked_bookings = 20000);

    // Delivers `event` to every current subscriber, unless it is older than one already
    // published (see "Order" above); returns whether it was delivered. Never blocks on a
    // subscriber.
    bool publish(const center::QueueEvent& event);
    // A new subscription receiving the events published from now on; nullptr after close().
    std::shared_ptr<Subscription> subscribe();
    // Ends every subscription (their next() returns Closed) and refuses new ones.
    void close();
    std::size_t subscriber_count() const;

  private:
    EventHub(std::size_t capacity, std::size_t tracked_bookings)
        : capacity_(capacity), tracked_bookings_(tracked_bookings) {}
    friend class Subscription;
    void unsubscribe(Subscription* subscription);
    // Whether `event` is newer than what was published before (and remembers it). Needs mutex_.
    bool newest(const center::QueueEvent& event);

    std::size_t capacity_;
    std::size_t tracked_bookings_;
    mutable std::mutex mutex_;
    std::vector<Subscription*> subscribers_;
    std::uint64_t sequence_ = 0;
    bool closed_ = false;
    // The last change published per booking, most recently changed first (an LRU of
    // tracked_bookings_ entries), and the last change of an alert event.
    struct LastChange {
        std::int64_t change = 0;
        std::list<std::int64_t>::iterator recency;
    };
    std::list<std::int64_t> recency_;  // booking ids
    std::unordered_map<std::int64_t, LastChange> last_change_;
    std::int64_t last_alert_change_ = 0;
};

}  // namespace cherha::server::events
