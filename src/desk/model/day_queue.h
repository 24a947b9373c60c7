// The day's queue as the desk shows it: the bookings of GET /queue, kept up to date by the
// server's live events, filtered and searched for the table, with the visitor's name shown in
// full only to the window serving the visitor. The table (a virtual wxDataViewCtrl model)
// asks this for its rows; nothing here knows of windows.
//
// Thread-safety: none; the UI thread owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/booking/booking_state.h"
#include "desk/model/desk_records.h"

namespace cherha::desk {

// One `event: queue` of GET /events (docs/api.md "Live updates").
struct QueueEvent {
    std::string kind;  // "booking" or "alert"
    std::int64_t booking = 0;
    std::optional<core::BookingState> state;
    std::string ticket;  // display form, "" = none
    std::string window_id;
    std::string service_id;
    bool alert = false;
    std::int64_t change = 0;  // 0 = not known
};

// Reads the data line of a queue event; desk.bad_answer {what = "event"} when it is not one.
core::Result<QueueEvent> read_queue_event(std::string_view data);

// What the table filters by; empty = everything.
struct QueueFilter {
    std::optional<core::BookingState> state;
    std::string service_id;
    std::string search;  // a ticket ("1009"), a booking code (with or without the dash, any
                         // case) or the start of a surname (case-insensitive, Cyrillic too)
};

// The colour group of a state, for the table's colours.
enum class StatusTone { Waiting, Called, InService, Done, Refused, Missed };
StatusTone status_tone(core::BookingState state);

class DayQueue {
  public:
    // Replaces everything with a fresh GET /queue (after login, a resync, or from the cache).
    void replace(DayQueueSnapshot snapshot);
    // Applies one live event. Guarantees: a "booking" event changes the booking's state,
    // ticket and window unless its change is not greater than the last one applied to that
    // booking (an older state never overwrites a newer one); an "alert" event sets alert()
    // under the same rule among alert events. An event without a change (0) is applied (there
    // is nothing to compare it with) and moves no order. Returns false when the event names a
    // booking the desk does not have (a new booking): the caller reloads GET /queue.
    bool apply(const QueueEvent& event);
    // Replaces one booking with a fresher copy (an action's answer: it has no registration,
    // the one held is kept); adds it when new.
    void update(const QueueBooking& booking);

    const std::vector<QueueBooking>& bookings() const { return bookings_; }
    const QueueBooking* find(std::int64_t id) const;
    core::Date day() const { return day_; }
    bool alert() const { return alert_; }

    // The indexes into bookings() that pass `filter`, in the table's order (slot time, then
    // ticket, then id). Recomputed on every call; 5,000 bookings take well under a millisecond.
    std::vector<std::size_t> visible(const QueueFilter& filter) const;

    // The visitor's name as `window_id` may see it: in full ("Шевченко Олександр Петрович")
    // to the window the booking is called to or served at, or to a supervisor; else masked:
    // the surname's first letter and the given name's ("Ш. О."). "" when erased or unknown.
    static std::string visitor_name(const QueueBooking& booking, const std::string& window_id,
                                    bool supervisor);

  private:
    // What a search compares, per booking (parallel to bookings_): folded, without hyphens.
    struct SearchKeys {
        std::string ticket;
        std::string code;
        std::string surname;
    };
    static SearchKeys keys_of(const QueueBooking& booking);
    // `wanted`: the search's forms (code: the canonical code when the search is a whole one).
    bool matches(std::size_t index, const QueueFilter& filter, const SearchKeys& wanted) const;

    core::Date day_{};
    bool alert_ = false;
    std::int64_t alert_change_ = 0;
    std::vector<QueueBooking> bookings_;
    std::vector<std::int64_t> changes_;  // parallel to bookings_: the last change applied
    std::vector<SearchKeys> keys_;       // parallel to bookings_
    std::unordered_map<std::int64_t, std::size_t> index_;  // booking id -> index
};

}  // namespace cherha::desk
