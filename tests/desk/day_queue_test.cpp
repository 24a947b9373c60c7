// The day's queue as the desk shows it: live events applied in the order of their changes,
// filtering and searching, the table's order, and the visitor's name masked for other windows.
// Synthetic bookings only.
#include <gtest/gtest.h>

#include "desk/model/day_queue.h"

namespace cherha::desk {
namespace {

using core::BookingState;
using namespace std::chrono_literals;

constexpr core::Date kDay{date::year{2026}, date::month{11}, date::day{24}};

core::Instant at_minute(int minute) {
    return core::Instant{date::sys_days{kDay}.time_since_epoch()} + 7h +
           std::chrono::minutes(minute);
}

core::Registration person(std::string surname, std::string given, std::string patronymic = "") {
    core::Registration r;
    r.surname = std::move(surname);
    r.given_name = std::move(given);
    if (!patronymic.empty()) r.patronymic = std::move(patronymic);
    r.birth_date = core::Date{date::year{1990}, date::month{1}, date::day{15}};
    r.document_number = "001234567";
    return r;
}

QueueBooking booking(std::int64_t id, int minute, int ticket = 0,
                     BookingState state = BookingState::Arrived, std::string service = "passport") {
    QueueBooking b;
    b.id = id;
    b.code = "WT83-Q4WB";
    b.service_id = std::move(service);
    b.day = kDay;
    b.start = at_minute(minute);
    b.state = state;
    if (ticket > 0) {
        b.ticket = core::Ticket{core::TicketSequence::Regular, ticket, std::nullopt};
        b.ticket_display = std::to_string(ticket);
    }
    return b;
}

QueueEvent booking_event(std::int64_t id, BookingState state, std::int64_t change,
                         std::string window = "", std::string ticket = "") {
    QueueEvent e;
    e.kind = "booking";
    e.booking = id;
    e.state = state;
    e.change = change;
    e.window_id = std::move(window);
    e.ticket = std::move(ticket);
    return e;
}

QueueFilter filter_of(std::optional<BookingState> state, std::string service, std::string search) {
    QueueFilter filter;
    filter.state = state;
    filter.service_id = std::move(service);
    filter.search = std::move(search);
    return filter;
}

std::vector<std::int64_t> ids(const DayQueue& queue, const QueueFilter& filter = {}) {
    std::vector<std::int64_t> out;
    for (std::size_t i : queue.visible(filter)) out.push_back(queue.bookings()[i].id);
    return out;
}

DayQueue queue_of(std::vector<QueueBooking> bookings, bool alert = false) {
    DayQueue queue;
    queue.replace({kDay, alert, std::move(bookings)});
    return queue;
}

TEST(DayQueue, ReplaceKeepsEverythingAndOrdersBySlotThenTicketThenId) {
    auto queue = queue_of({booking(5, 30, 1002), booking(4, 0), booking(3, 30, 1001),
                           booking(2, 30), booking(1, 30)});
    EXPECT_EQ(queue.day(), kDay);
    EXPECT_EQ(queue.bookings().size(), 5u);
    // 09:00 first; at 09:30 ticket 1001 before 1002, then those without a ticket by id.
    EXPECT_EQ(ids(queue), (std::vector<std::int64_t>{4, 3, 5, 1, 2}));
    ASSERT_NE(queue.find(3), nullptr);
    EXPECT_EQ(queue.find(3)->ticket_display, "1001");
    EXPECT_EQ(queue.find(99), nullptr);

    // A second replace drops what the first had.
    queue.replace({kDay, true, {booking(7, 0)}});
    EXPECT_EQ(queue.find(3), nullptr);
    EXPECT_TRUE(queue.alert());
    EXPECT_EQ(ids(queue), (std::vector<std::int64_t>{7}));
}

TEST(DayQueue, AnEventChangesStateTicketAndWindowButAStaleOneIsIgnored) {
    auto queue = queue_of({booking(1, 0), booking(2, 0)});
    ASSERT_TRUE(queue.apply(booking_event(1, BookingState::Arrived, 10, "", "1009")));
    EXPECT_EQ(queue.find(1)->state, BookingState::Arrived);
    EXPECT_EQ(queue.find(1)->ticket_display, "1009");
    ASSERT_TRUE(queue.find(1)->ticket.has_value());
    EXPECT_EQ(queue.find(1)->ticket->number, 1009);

    // The call (change 14) arrives before the start (change 15)... then the start...
    ASSERT_TRUE(queue.apply(booking_event(1, BookingState::Called, 14, "w6", "1009")));
    EXPECT_EQ(queue.find(1)->window_id, "w6");
    ASSERT_TRUE(queue.apply(booking_event(1, BookingState::InService, 15, "w6", "1009")));
    EXPECT_EQ(queue.find(1)->state, BookingState::InService);
    // ...and then a late copy of the call: older than what is shown, so it is ignored.
    EXPECT_TRUE(queue.apply(booking_event(1, BookingState::Called, 14, "w6", "1009")));
    EXPECT_TRUE(queue.apply(booking_event(1, BookingState::Arrived, 12, "", "1009")));
    EXPECT_EQ(queue.find(1)->state, BookingState::InService);
    EXPECT_EQ(queue.find(1)->window_id, "w6");

    // The changes are compared per booking: a lower change of another booking applies.
    ASSERT_TRUE(queue.apply(booking_event(2, BookingState::Arrived, 3, "", "1010")));
    EXPECT_EQ(queue.find(2)->state, BookingState::Arrived);
    EXPECT_EQ(ids(queue), (std::vector<std::int64_t>{1, 2}));  // tickets 1009, 1010
}

TEST(DayQueue, AnEventForAnUnknownBookingAsksForAReload) {
    auto queue = queue_of({booking(1, 0)});
    EXPECT_FALSE(queue.apply(booking_event(42, BookingState::Arrived, 5)));
    EXPECT_EQ(queue.bookings().size(), 1u);
    EXPECT_EQ(queue.find(42), nullptr);
}

TEST(DayQueue, AlertEventsFollowTheirOwnOrder) {
    auto queue = queue_of({booking(1, 0)});
    QueueEvent alert;
    alert.kind = "alert";
    alert.alert = true;
    alert.change = 20;
    EXPECT_TRUE(queue.apply(alert));
    EXPECT_TRUE(queue.alert());
    // An older "alert off" is not shown last.
    alert.alert = false;
    alert.change = 19;
    EXPECT_TRUE(queue.apply(alert));
    EXPECT_TRUE(queue.alert());
    alert.change = 21;
    EXPECT_TRUE(queue.apply(alert));
    EXPECT_FALSE(queue.alert());
    // A booking event's change does not take part in the alerts' order.
    EXPECT_TRUE(queue.apply(booking_event(1, BookingState::Called, 100, "w1")));
    alert.alert = true;
    alert.change = 22;
    EXPECT_TRUE(queue.apply(alert));
    EXPECT_TRUE(queue.alert());
}

TEST(DayQueue, UpdateKeepsTheRegistrationHeldAndAddsNewBookings) {
    QueueBooking held = booking(1, 0, 1001);
    held.registration = person("Шевченко", "Олександр");
    auto queue = queue_of({held});

    QueueBooking answer = booking(1, 0, 1001, BookingState::Called);  // no registration
    answer.window_id = "w1";
    queue.update(answer);
    ASSERT_NE(queue.find(1), nullptr);
    EXPECT_EQ(queue.find(1)->state, BookingState::Called);
    EXPECT_EQ(queue.find(1)->window_id, "w1");
    ASSERT_TRUE(queue.find(1)->registration.has_value());
    EXPECT_EQ(queue.find(1)->registration->surname, "Шевченко");
    // Still found by surname after the update.
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "шевч")), (std::vector<std::int64_t>{1}));

    // An answer telling that the data was erased drops it.
    QueueBooking erased = answer;
    erased.personal_data_erased = true;
    queue.update(erased);
    EXPECT_FALSE(queue.find(1)->registration.has_value());
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "", "шевч")).empty());

    queue.update(booking(2, 0, 1000));
    ASSERT_NE(queue.find(2), nullptr);
    EXPECT_EQ(ids(queue), (std::vector<std::int64_t>{2, 1}));
    // The new booking takes events like the others.
    EXPECT_TRUE(queue.apply(booking_event(2, BookingState::Called, 7, "w2", "1000")));
    EXPECT_EQ(queue.find(2)->state, BookingState::Called);
}

TEST(DayQueue, FiltersByStateAndByTheServiceWaitedFor) {
    QueueBooking transferred = booking(3, 20, 1003, BookingState::Arrived, "passport");
    transferred.transfer = core::TransferTarget{"driving-exam", ""};
    auto queue = queue_of({booking(1, 0, 1001, BookingState::Arrived, "passport"),
                           booking(2, 10, 1002, BookingState::Served, "passport"), transferred,
                           booking(4, 30, 1004, BookingState::Arrived, "driving-exam")});
    EXPECT_EQ(ids(queue, filter_of(BookingState::Arrived, "", "")),
              (std::vector<std::int64_t>{1, 3, 4}));
    EXPECT_EQ(ids(queue, filter_of(BookingState::Served, "", "")), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "driving-exam", "")),
              (std::vector<std::int64_t>{3, 4}));
    EXPECT_EQ(ids(queue, filter_of(BookingState::Arrived, "passport", "")),
              (std::vector<std::int64_t>{1}));
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "nothing", "")).empty());
}

TEST(DayQueue, SearchesByTicketCodeAndSurname) {
    QueueBooking a = booking(1, 0, 1009);
    a.code = "WT83-Q4WB";
    a.registration = person("Шевченко", "Олександр", "Петрович");
    QueueBooking b = booking(2, 10, 1010);
    b.code = "7KQM-X3PB";
    b.registration = person("Шевчук", "Марія");
    QueueBooking c = booking(3, 20, 1100);
    c.code = "23AB-CDEF";
    c.registration = person("Єрмоленко", "Іван");
    auto queue = queue_of({a, b, c});

    // Tickets: exactly or by their start.
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "1009")), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "101")), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "10")), (std::vector<std::int64_t>{1, 2}));
    // Codes: with or without the dash, in any case.
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "7KQM-X3PB")), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "7kqmx3pb")), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "wt83q4wb")), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", " wt83-q4 ")), (std::vector<std::int64_t>{1}));
    // Surnames: by their start, in another case, Cyrillic included.
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "шевч")), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "ШЕВЧЕ")), (std::vector<std::int64_t>{1}));
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "єрм")), (std::vector<std::int64_t>{3}));
    // Not inside a surname, not by a given name.
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "", "ченко")).empty());
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "", "Марія")).empty());
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "", "Ковал")).empty());
    // The search combines with the filters.
    EXPECT_TRUE(ids(queue, filter_of(BookingState::Served, "", "шевч")).empty());
    // Nothing typed: everything.
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "  ")), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(DayQueue, TheNameIsShownInFullOnlyToTheServingWindowOrASupervisor) {
    QueueBooking b = booking(1, 0, 1009, BookingState::Called);
    b.window_id = "w1";
    b.registration = person("Шевченко", "Олександр", "Петрович");
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", false), "Шевченко Олександр Петрович");
    EXPECT_EQ(DayQueue::visitor_name(b, "w2", false), "Ш. О.");
    EXPECT_EQ(DayQueue::visitor_name(b, "", false), "Ш. О.");
    EXPECT_EQ(DayQueue::visitor_name(b, "w2", true), "Шевченко Олександр Петрович");
    b.state = BookingState::InService;
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", false), "Шевченко Олександр Петрович");
    // Still waiting (sent to w1 by a transfer, not yet called): masked even for w1.
    b.state = BookingState::Arrived;
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", false), "Ш. О.");
    // Without a patronymic; a first letter that takes two bytes or more in UTF-8.
    b.state = BookingState::Called;
    b.registration = person("Їжакевич", "Ґабріела");
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", false), "Їжакевич Ґабріела");
    EXPECT_EQ(DayQueue::visitor_name(b, "w3", false), "Ї. Ґ.");
}

TEST(DayQueue, ErasedOrUnknownDataShowsNoName) {
    QueueBooking b = booking(1, 0, 1009, BookingState::Called);
    b.window_id = "w1";
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", true), "");  // not in this answer
    b.registration = person("Шевченко", "Олександр");
    b.personal_data_erased = true;
    EXPECT_EQ(DayQueue::visitor_name(b, "w1", true), "");
    EXPECT_EQ(DayQueue::visitor_name(b, "w2", false), "");
    // An erased booking is not found by the surname it had.
    auto queue = queue_of({b});
    EXPECT_TRUE(ids(queue, filter_of(std::nullopt, "", "Шевч")).empty());
    EXPECT_EQ(ids(queue, filter_of(std::nullopt, "", "1009")), (std::vector<std::int64_t>{1}));
}

TEST(DayQueue, FiveThousandBookings) {
    std::vector<QueueBooking> many;
    for (int i = 0; i < 5000; ++i) {
        QueueBooking b = booking(i + 1, (i % 40) * 15, 1000 + (4999 - i),
                                 i % 3 == 0 ? BookingState::Arrived : BookingState::Booked,
                                 i % 2 == 0 ? "passport" : "driving-exam");
        b.registration = person(i % 7 == 0 ? "Шевченко" : "Коваленко", "Олена");
        many.push_back(std::move(b));
    }
    auto queue = queue_of(std::move(many));
    const auto all = queue.visible({});
    ASSERT_EQ(all.size(), 5000u);
    for (std::size_t k = 1; k < all.size(); ++k) {
        const auto& before = queue.bookings()[all[k - 1]];
        const auto& after = queue.bookings()[all[k]];
        ASSERT_TRUE(before.start < after.start ||
                    (before.start == after.start && before.ticket->number < after.ticket->number));
    }
    const auto arrived = queue.visible(filter_of(BookingState::Arrived, "", ""));
    EXPECT_EQ(arrived.size(), 1667u);
    const auto found = queue.visible(filter_of(std::nullopt, "", "шевч"));
    EXPECT_EQ(found.size(), 715u);  // i % 7 == 0 for i < 5000
    EXPECT_TRUE(queue.apply(booking_event(2500, BookingState::Called, 1, "w1")));
    EXPECT_EQ(queue.visible(filter_of(BookingState::Arrived, "", "")).size(),
              arrived.size() - (2499 % 3 == 0 ? 1 : 0));
}

TEST(DayQueue, ReadsTheServersEvent) {
    auto event = read_queue_event(
        R"({"kind":"booking","booking":36,"state":"called","ticket":"1009",)"
        R"("window":{"id":"w6","number":6},"service":"consultation","alert":false,"change":412})");
    ASSERT_TRUE(event) << event.problem().code;
    EXPECT_EQ(event->kind, "booking");
    EXPECT_EQ(event->booking, 36);
    EXPECT_EQ(event->state, BookingState::Called);
    EXPECT_EQ(event->ticket, "1009");
    EXPECT_EQ(event->window_id, "w6");
    EXPECT_EQ(event->service_id, "consultation");
    EXPECT_FALSE(event->alert);
    EXPECT_EQ(event->change, 412);

    // Nulls: no ticket, no window, order unknown.
    event = read_queue_event(
        R"({"kind":"booking","booking":7,"state":"booked","ticket":null,"window":null,)"
        R"("service":"passport","alert":false,"change":null})");
    ASSERT_TRUE(event) << event.problem().code;
    EXPECT_EQ(event->ticket, "");
    EXPECT_EQ(event->window_id, "");
    EXPECT_EQ(event->change, 0);

    event = read_queue_event(R"({"kind":"alert","booking":0,"state":"","alert":true,"change":9})");
    ASSERT_TRUE(event) << event.problem().code;
    EXPECT_EQ(event->kind, "alert");
    EXPECT_TRUE(event->alert);
    EXPECT_EQ(event->change, 9);
}

TEST(DayQueue, HostileEventsAreProblemsNotCrashes) {
    const std::string deep_open(60000, '[');  // under the size limit: the JSON reader sees it
    const std::string deep_closed = std::string(30000, '[') + std::string(30000, ']');
    const std::string huge = R"({"kind":"booking","booking":1,"state":"called","ticket":")" +
                             std::string(1 << 20, '9') + R"("})";
    const std::string cases[] = {
        "",
        " ",
        "null",
        "[]",
        "\"booking\"",
        "{",
        deep_open,
        deep_closed,
        huge,
        R"({"kind":"booking"})",                                                  // no booking
        R"({"kind":"booking","booking":1})",                                      // no state
        R"({"kind":"booking","booking":1,"state":"flying"})",                     // unknown state
        R"({"kind":"booking","booking":"1","state":"called"})",                   // id as text
        R"({"kind":"booking","booking":-1,"state":"called"})",                    // negative
        R"({"kind":"booking","booking":1.5,"state":"called"})",                   // fraction
        R"({"kind":"booking","booking":18446744073709551615,"state":"called"})",  // > int64
        R"({"kind":"booking","booking":1,"state":"called","ticket":1009})",       // ticket number
        R"({"kind":"booking","booking":1,"state":"called","window":"w1"})",       // window as text
        R"({"kind":"booking","booking":1,"state":"called","window":{"id":6}})",
        R"({"kind":"booking","booking":1,"state":"called","alert":"yes"})",
        R"({"kind":"booking","booking":1,"state":"called","change":"12"})",
        R"({"kind":"booking","booking":1,"state":"called","change":-3})",
        R"({"kind":"teleport","booking":1,"state":"called"})",
        R"({"kind":["booking"],"booking":1,"state":"called"})",
        "{\"kind\":\"booking\",\"booking\":1,\"state\":\"called\",\"ticket\":\"\xff\"}",
    };
    for (const std::string& data : cases) {
        const auto event = read_queue_event(data);
        ASSERT_FALSE(event) << data.substr(0, 80);
        EXPECT_EQ(event.problem().code, "desk.bad_answer");
        EXPECT_EQ(event.problem().param("what"), "event");
    }
}

TEST(DayQueue, StatusTonesGroupTheStates) {
    EXPECT_EQ(status_tone(BookingState::Booked), StatusTone::Waiting);
    EXPECT_EQ(status_tone(BookingState::Arrived), StatusTone::Waiting);
    EXPECT_EQ(status_tone(BookingState::Called), StatusTone::Called);
    EXPECT_EQ(status_tone(BookingState::InService), StatusTone::InService);
    EXPECT_EQ(status_tone(BookingState::Served), StatusTone::Done);
    EXPECT_EQ(status_tone(BookingState::Refused), StatusTone::Refused);
    EXPECT_EQ(status_tone(BookingState::NoShow), StatusTone::Missed);
    EXPECT_EQ(status_tone(BookingState::Cancelled), StatusTone::Missed);
}

}  // namespace
}  // namespace cherha::desk
