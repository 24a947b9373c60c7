#include "server/events/event_hub.h"

#include <algorithm>

namespace cherha::server::events {

Subscription::Subscription(std::shared_ptr<EventHub> hub, std::size_t capacity)
    : hub_(hub), capacity_(std::max<std::size_t>(1, capacity)) {}

Subscription::~Subscription() {
    if (auto hub = hub_.lock()) hub->unsubscribe(this);
}

void Subscription::push(const center::QueueEvent& event, std::uint64_t sequence) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        if (queue_.size() >= capacity_) {
            queue_.pop_front();
            lagged_ = true;
        }
        queue_.emplace_back(event, sequence);
    }
    ready_.notify_one();
}

void Subscription::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    ready_.notify_all();
}

Delivery Subscription::next(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, wait, [&] { return closed_ || lagged_ || !queue_.empty(); });
    Delivery delivery;
    if (closed_) {
        delivery.kind = Delivery::Kind::Closed;
    } else if (lagged_) {
        lagged_ = false;
        delivery.kind = Delivery::Kind::Resync;
    } else if (!queue_.empty()) {
        delivery.kind = Delivery::Kind::Event;
        delivery.event = std::move(queue_.front().first);
        delivery.sequence = queue_.front().second;
        queue_.pop_front();
    }
    return delivery;
}

std::shared_ptr<EventHub> EventHub::create(std::size_t capacity_per_subscriber,
                                           std::size_t tracked_bookings) {
    return std::shared_ptr<EventHub>(new EventHub(std::max<std::size_t>(1, capacity_per_subscriber),
                                                  std::max<std::size_t>(1, tracked_bookings)));
}

bool EventHub::newest(const center::QueueEvent& event) {
    if (event.change <= 0) return true;  // no order known
    if (event.kind == "alert") {
        if (event.change <= last_alert_change_) return false;
        last_alert_change_ = event.change;
        return true;
    }
    auto found = last_change_.find(event.booking_id);
    if (found != last_change_.end()) {
        if (event.change <= found->second.change) return false;
        found->second.change = event.change;
        recency_.splice(recency_.begin(), recency_, found->second.recency);
        return true;
    }
    recency_.push_front(event.booking_id);
    last_change_.emplace(event.booking_id, LastChange{event.change, recency_.begin()});
    if (last_change_.size() > tracked_bookings_) {
        last_change_.erase(recency_.back());
        recency_.pop_back();
    }
    return true;
}

bool EventHub::publish(const center::QueueEvent& event) {
    // Deciding and delivering under one lock: concurrent publishers cannot both pass the check
    // and then deliver in the wrong order.
    std::lock_guard lock(mutex_);
    if (closed_ || !newest(event)) return false;
    ++sequence_;
    for (Subscription* subscriber : subscribers_) subscriber->push(event, sequence_);
    return true;
}

std::shared_ptr<Subscription> EventHub::subscribe() {
    std::lock_guard lock(mutex_);
    if (closed_) return nullptr;
    std::shared_ptr<Subscription> subscription(new Subscription(shared_from_this(), capacity_));
    subscribers_.push_back(subscription.get());
    return subscription;
}

void EventHub::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (Subscription* subscriber : subscribers_) subscriber->close();
}

std::size_t EventHub::subscriber_count() const {
    std::lock_guard lock(mutex_);
    return subscribers_.size();
}

void EventHub::unsubscribe(Subscription* subscription) {
    std::lock_guard lock(mutex_);
    subscribers_.erase(std::remove(subscribers_.begin(), subscribers_.end(), subscription),
                       subscribers_.end());
}

}  // namespace cherha::server::events
