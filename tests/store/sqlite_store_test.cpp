// SqliteStore: bookings, settings, hostile text and rows edited outside Cherha, against a file
// database and ":memory:".
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/store_fixtures.h"

namespace cherha::store::testing {
namespace {

using namespace std::string_literals;
using core::BookingChannel;
using core::BookingState;

class BookingsTest : public StoreTest {};

INSTANTIATE_TEST_SUITE_P(Stores, BookingsTest, ::testing::Values("file", "memory"),
                         [](const auto& param_info) { return param_info.param; });

const core::Date kDay = day(2025, 3, 14);

BookingFilter filter_of(std::optional<std::string> service,
                        std::optional<BookingState> state = std::nullopt,
                        std::optional<BookingChannel> channel = std::nullopt,
                        std::optional<std::string> window = std::nullopt) {
    BookingFilter filter;
    filter.service_id = std::move(service);
    filter.state = state;
    filter.channel = channel;
    filter.window_id = std::move(window);
    return filter;
}

// A booking with every optional field set.
BookingRecord full_booking() {
    BookingRecord b = sample_booking("ABCDEFG", kDay, 9 * 60 + 20);
    b.channel = BookingChannel::Terminal;
    b.state = BookingState::Refused;
    b.registration =
        core::synthetic::as_representative(*b.registration, 1234567, "ТОВ \"Ромашка\"");
    b.registration->patronymic = ""s;  // empty, not absent
    b.registration->document_type = core::DocumentType::PassportBook;
    b.ticket = core::Ticket{core::TicketSequence::Priority, 7,
                            core::PriorityCategory::FallenDefenderFamily};
    b.window_id = "w3";
    b.result = core::ServiceResult::Failed;
    b.refusal = core::Refusal{core::RefusalReason::Other, "документ пошкоджено"};
    b.transfer = core::TransferTarget{"plates", ""};
    b.recalls = 2;
    b.arrived_at = unix_time(1700000100);
    b.called_at = unix_time(1700000200);
    b.started_at = unix_time(1700000300);
    b.finished_at = unix_time(1700000400);
    b.updated_at = unix_time(1700000400);
    return b;
}

TEST_P(BookingsTest, BookingRoundTripsEveryField) {
    BookingRecord full = full_booking();
    BookingRecord plain = sample_booking("HJKLMNP", kDay, 600, 124);
    plain.registration = core::synthetic::as_without_rnokpp(*plain.registration);
    plain.registration->patronymic.reset();
    plain.identity_keys = {"b", "a", "b"};  // order and repeats are kept
    {
        auto session = writer();
        full = CHERHA_OK(session->insert_booking(full));
        plain = CHERHA_OK(session->insert_booking(plain));
        EXPECT_GT(full.id, 0);
        EXPECT_NE(full.id, plain.id);
        EXPECT_NO_PROBLEM(session->commit());
    }
    auto session = reader();
    for (const BookingRecord& expected : {full, plain}) {
        auto by_id = CHERHA_OK(session->booking(expected.id));
        ASSERT_TRUE(by_id.has_value());
        expect_same_booking(*by_id, expected);
        auto by_code = CHERHA_OK(session->booking_by_code(expected.code));
        ASSERT_TRUE(by_code.has_value());
        expect_same_booking(*by_code, expected);
    }
    EXPECT_FALSE(CHERHA_OK(session->booking(999999)).has_value());
    EXPECT_FALSE(CHERHA_OK(session->booking_by_code("NOSUCH1")).has_value());
    EXPECT_FALSE(CHERHA_OK(session->booking_by_code("")).has_value());
}

TEST_P(BookingsTest, DuplicateCodeIsRefusedAndLeavesNothingBehind) {
    auto session = writer();
    CHERHA_OK(session->insert_booking(sample_booking("SAMECOD", kDay, 600, 1)));
    BookingRecord second = sample_booking("SAMECOD", kDay, 620, 2);
    second.identity_keys = {"only-in-second"};
    auto refused = session->insert_booking(second);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.problem(), core::Problem("store.duplicate", {{"what", "booking_code"}}));

    // The session goes on: the caller draws another code.
    second.code = "OTHERCO";
    second = CHERHA_OK(session->insert_booking(second));
    EXPECT_NO_PROBLEM(session->commit());

    auto read = reader();
    EXPECT_EQ(CHERHA_OK(read->day_bookings(kDay, {})).size(), 2u);
    auto keyed = CHERHA_OK(read->identity_bookings({"only-in-second"}, kDay, kDay));
    ASSERT_EQ(keyed.size(), 1u);  // the refused insert left no key rows
    EXPECT_EQ(keyed[0].booking_id, second.id);
}

TEST_P(BookingsTest, UpdateWritesOnlyTheMutableFields) {
    auto session = writer();
    BookingRecord stored = CHERHA_OK(session->insert_booking(sample_booking("UPDATE1", kDay, 600)));

    BookingRecord changed = full_booking();  // every field different...
    changed.id = stored.id;
    EXPECT_NO_PROBLEM(session->update_booking(changed));
    auto read = CHERHA_OK(session->booking(stored.id));
    ASSERT_TRUE(read.has_value());

    BookingRecord expected = stored;  // ...but only the mutable ones move
    expected.state = changed.state;
    expected.ticket = changed.ticket;
    expected.window_id = changed.window_id;
    expected.result = changed.result;
    expected.refusal = changed.refusal;
    expected.transfer = changed.transfer;
    expected.recalls = changed.recalls;
    expected.updated_at = changed.updated_at;
    expected.arrived_at = changed.arrived_at;
    expected.called_at = changed.called_at;
    expected.started_at = changed.started_at;
    expected.finished_at = changed.finished_at;
    expect_same_booking(*read, expected);

    // And back to empty optionals.
    EXPECT_NO_PROBLEM(session->update_booking(stored));
    expect_same_booking(*CHERHA_OK(session->booking(stored.id)), stored);

    BookingRecord ghost = stored;
    ghost.id = stored.id + 100;
    EXPECT_EQ(
        session->update_booking(ghost),
        core::Problem("store.not_found", {{"what", "booking"}, {"id", std::to_string(ghost.id)}}));
}

TEST_P(BookingsTest, DayBookingsFilterAndOrder) {
    auto session = writer();
    BookingRecord late = sample_booking("LATE001", kDay, 700, 1, "exam");
    BookingRecord early = sample_booking("EARLY01", kDay, 540, 2, "plates");
    BookingRecord twin = sample_booking("TWIN001", kDay, 540, 3, "exam");  // same slot, later id
    twin.channel = BookingChannel::Terminal;
    twin.state = BookingState::Arrived;
    twin.window_id = "w1";
    BookingRecord other_day = sample_booking("OTHERDY", day(2025, 3, 15), 540, 4);
    for (BookingRecord* b : {&late, &early, &twin, &other_day})
        *b = CHERHA_OK(session->insert_booking(*b));

    auto codes = [&](const BookingFilter& filter) {
        std::vector<std::string> out;
        for (const auto& b : CHERHA_OK(session->day_bookings(kDay, filter))) out.push_back(b.code);
        return out;
    };
    EXPECT_EQ(codes({}), (std::vector<std::string>{"EARLY01", "TWIN001", "LATE001"}));
    EXPECT_EQ(codes(filter_of("exam")), (std::vector<std::string>{"TWIN001", "LATE001"}));
    EXPECT_EQ(codes(filter_of({}, BookingState::Booked)),
              (std::vector<std::string>{"EARLY01", "LATE001"}));
    EXPECT_EQ(codes(filter_of({}, {}, BookingChannel::Terminal)),
              (std::vector<std::string>{"TWIN001"}));
    EXPECT_EQ(codes(filter_of({}, {}, {}, "w1")), (std::vector<std::string>{"TWIN001"}));
    EXPECT_EQ(codes(filter_of({}, {}, {}, "")), (std::vector<std::string>{"EARLY01", "LATE001"}));
    EXPECT_EQ(codes(filter_of("exam", BookingState::Cancelled)), std::vector<std::string>{});
    EXPECT_TRUE(CHERHA_OK(session->day_bookings(day(2025, 3, 13), {})).empty());
}

TEST_P(BookingsTest, SlotOccupancyCountsEveryStateButCancelled) {
    auto session = writer();
    int serial = 1;
    auto add = [&](int minute, BookingState state, const std::string& service = "exam") {
        BookingRecord b =
            sample_booking("C" + std::to_string(1000000 + serial), kDay, minute, serial, service);
        ++serial;
        b.state = state;
        return CHERHA_OK(session->insert_booking(b));
    };
    BookingRecord booked = add(540, BookingState::Booked);
    add(540, BookingState::NoShow);
    BookingRecord cancelled = add(540, BookingState::Cancelled);
    add(560, BookingState::Served);
    add(580, BookingState::Cancelled);
    add(540, BookingState::Booked, "plates");
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "exam")),
              (std::map<int, int>{{540, 2}, {560, 1}}));
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "plates")), (std::map<int, int>{{540, 1}}));
    EXPECT_TRUE(CHERHA_OK(session->slot_occupancy(kDay, "nothing")).empty());
    EXPECT_TRUE(CHERHA_OK(session->slot_occupancy(day(2025, 3, 15), "exam")).empty());

    // State changes move the counts: a cancellation frees the place, other changes do not.
    booked.state = BookingState::Arrived;
    EXPECT_NO_PROBLEM(session->update_booking(booked));
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "exam")).at(540), 2);
    booked.state = BookingState::Cancelled;
    EXPECT_NO_PROBLEM(session->update_booking(booked));
    EXPECT_NO_PROBLEM(session->update_booking(booked));  // cancelled twice frees one place
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "exam")),
              (std::map<int, int>{{540, 1}, {560, 1}}));
    cancelled.state = BookingState::Booked;  // not a legal transition, but counted right
    EXPECT_NO_PROBLEM(session->update_booking(cancelled));
    booked.state = BookingState::Booked;
    EXPECT_NO_PROBLEM(session->update_booking(booked));
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "exam")),
              (std::map<int, int>{{540, 3}, {560, 1}}));

    // The counts agree with the bookings themselves.
    std::map<int, int> counted;
    for (const auto& b : CHERHA_OK(session->day_bookings(kDay, filter_of("exam"))))
        if (b.state != BookingState::Cancelled) ++counted[b.slot_minute];
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(kDay, "exam")), counted);
}

TEST_P(BookingsTest, IdentityBookingsMatchAnyKeyOnceWithinTheDays) {
    auto session = writer();
    BookingRecord a = sample_booking("IDENT01", day(2025, 3, 1), 600, 1);
    a.identity_keys = {"k1", "k2"};
    a.result = core::ServiceResult::Passed;
    BookingRecord b = sample_booking("IDENT02", day(2025, 3, 31), 600, 2);
    b.identity_keys = {"k2"};
    b.transfer = core::TransferTarget{"plates", "w2"};  // served for another service than booked
    BookingRecord c = sample_booking("IDENT03", day(2025, 4, 1), 600, 3);
    c.identity_keys = {"k1"};
    BookingRecord d = sample_booking("IDENT04", day(2025, 3, 10), 600, 4);
    d.identity_keys = {"someone-else"};
    for (BookingRecord* r : {&a, &b, &c, &d}) *r = CHERHA_OK(session->insert_booking(*r));

    auto march = CHERHA_OK(
        session->identity_bookings({"k1", "k2", "k1"}, day(2025, 3, 1), day(2025, 3, 31)));
    ASSERT_EQ(march.size(), 2u);  // a once although both of its keys match; c is in April
    EXPECT_EQ(march[0].booking_id, a.id);
    EXPECT_EQ(march[0].service_id, "exam");
    EXPECT_EQ(march[0].taken_service_id, "exam");  // no transfer: the booked service
    EXPECT_EQ(march[0].day, a.day);
    EXPECT_EQ(march[0].slot_start, a.slot_start);
    EXPECT_EQ(march[0].channel, a.channel);
    EXPECT_EQ(march[0].state, a.state);
    EXPECT_EQ(march[0].result, core::ServiceResult::Passed);
    EXPECT_EQ(march[1].booking_id, b.id);
    EXPECT_EQ(march[1].service_id, "exam");
    EXPECT_EQ(march[1].taken_service_id, "plates");
    EXPECT_FALSE(march[1].result.has_value());

    EXPECT_TRUE(
        CHERHA_OK(session->identity_bookings({}, day(2025, 1, 1), day(2025, 12, 31))).empty());
    EXPECT_TRUE(
        CHERHA_OK(session->identity_bookings({"k1"}, day(2025, 4, 2), day(2025, 4, 1))).empty());

    // Many keys (more than one statement's chunk) still find each booking once.
    std::vector<std::string> many;
    for (int i = 0; i < 450; ++i) many.push_back("unused-" + std::to_string(i));
    many.push_back("k1");
    many.push_back("someone-else");
    auto found = CHERHA_OK(session->identity_bookings(many, day(2025, 1, 1), day(2025, 12, 31)));
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].booking_id, a.id);
    EXPECT_EQ(found[1].booking_id, d.id);
    EXPECT_EQ(found[2].booking_id, c.id);
}

TEST_P(BookingsTest, ErasingPersonalDataKeepsTheRowsAndTheCounts) {
    BookingRecord old1 = sample_booking("OLD0001", day(2025, 1, 10), 600, 1);
    old1.state = BookingState::Refused;
    old1.refusal = core::Refusal{core::RefusalReason::DataMismatch, "прізвище не збігається"};
    BookingRecord old2 = sample_booking("OLD0002", day(2025, 1, 10), 600, 2);
    BookingRecord recent = sample_booking("RECENT1", day(2025, 2, 1), 600, 3);
    const core::Instant erased_at = unix_time(1738400000);
    {
        auto session = writer();
        for (BookingRecord* b : {&old1, &old2, &recent})
            *b = CHERHA_OK(session->insert_booking(*b));
        EXPECT_EQ(CHERHA_OK(session->erase_personal_data(day(2025, 2, 1), erased_at)), 2);
        EXPECT_NO_PROBLEM(session->commit());
    }
    auto session = writer();
    auto erased = *CHERHA_OK(session->booking(old1.id));
    EXPECT_FALSE(erased.registration.has_value());
    EXPECT_TRUE(erased.identity_keys.empty());
    EXPECT_EQ(erased.personal_data_erased_at, erased_at);
    EXPECT_EQ(erased.state, BookingState::Refused);  // statistics stay
    EXPECT_EQ(erased.code, old1.code);
    EXPECT_EQ(erased.service_id, old1.service_id);
    ASSERT_TRUE(erased.refusal.has_value());
    EXPECT_EQ(erased.refusal->reason, core::RefusalReason::DataMismatch);
    EXPECT_EQ(erased.refusal->note, "");  // free text may name the person
    EXPECT_EQ(CHERHA_OK(session->slot_occupancy(day(2025, 1, 10), "exam")),
              (std::map<int, int>{{600, 2}}));
    EXPECT_EQ(CHERHA_OK(session->day_bookings(day(2025, 1, 10), {})).size(), 2u);
    EXPECT_TRUE(
        CHERHA_OK(session->identity_bookings(old1.identity_keys, day(2025, 1, 1), day(2025, 1, 31)))
            .empty());

    auto kept = *CHERHA_OK(session->booking(recent.id));
    expect_same_booking(kept, recent);
    // Nothing more to erase: already erased bookings are not counted again.
    EXPECT_EQ(CHERHA_OK(session->erase_personal_data(day(2025, 2, 1), unix_time(1738500000))), 0);
    EXPECT_EQ(CHERHA_OK(session->booking(old2.id))->personal_data_erased_at, erased_at);
}

TEST_P(BookingsTest, DatesOutsideTheStorableRangeAreRefused) {
    auto session = writer();
    BookingRecord b = sample_booking("BADDATE", day(2025, 2, 28), 600);
    b.day = date::year{2025} / date::month{2} / date::day{30};
    EXPECT_EQ(session->insert_booking(b).problem(),
              core::Problem("store.invalid", {{"what", "day"}}));
    b.day = day(10000, 1, 1);
    EXPECT_EQ(session->insert_booking(b).problem().code, "store.invalid");
    b.day = kDay;
    b.registration->birth_date = day(-1, 1, 1);
    EXPECT_EQ(session->insert_booking(b).problem(),
              core::Problem("store.invalid", {{"what", "birth_date"}}));
    EXPECT_TRUE(CHERHA_OK(session->day_bookings(kDay, {})).empty());
}

TEST_P(BookingsTest, SettingsAreKeyValueTexts) {
    auto session = writer();
    EXPECT_EQ(CHERHA_OK(session->setting("center")), std::nullopt);
    EXPECT_NO_PROBLEM(session->put_setting("center", R"({"name":"ТСЦ 8041"})"));
    EXPECT_NO_PROBLEM(session->put_setting("empty", ""));
    EXPECT_EQ(CHERHA_OK(session->setting("center")), R"({"name":"ТСЦ 8041"})");
    EXPECT_NO_PROBLEM(session->put_setting("center", "{}"));
    EXPECT_EQ(CHERHA_OK(session->setting("center")), "{}");
    EXPECT_EQ(CHERHA_OK(session->setting("empty")), ""s);  // empty, not absent
    EXPECT_EQ(CHERHA_OK(session->setting("CENTER")), std::nullopt);
}

// ---- Hostile text ---------------------------------------------------------------------------

TEST_P(BookingsTest, HostileTextRoundTripsExactly) {
    const std::vector<std::string> hostile = {
        "O'Brien \"quoted\" `back`",
        "'); DROP TABLE bookings; --",
        "Robert'); DELETE FROM audit_log WHERE ('1'='1",
        "nul\0inside\0"s,
        std::string("\0", 1),
        "% _ \\ [x] * ? ; -- /* */",
        "𝕏😀 𐍈 emoji 🇺🇦 four-byte",
        "\xff\xfe not UTF-8 \xc3",
        "  leading and trailing spaces  ",
        std::string(100000, 'x'),
    };
    std::vector<BookingRecord> stored;
    {
        auto session = writer();
        for (std::size_t i = 0; i < hostile.size(); ++i) {
            const std::string& text = hostile[i];
            BookingRecord b =
                sample_booking("H" + std::to_string(i) + text, kDay, 600, static_cast<int>(i));
            b.service_id = text;
            b.window_id = text;
            b.registration->surname = text;
            b.registration->patronymic = text;
            b.registration->document_number = text;
            b.registration->legal_entity = core::LegalEntity{text, text};
            b.identity_keys = {text, "plain"};
            b.refusal = core::Refusal{core::RefusalReason::Other, text};
            b.transfer = core::TransferTarget{text, text};
            stored.push_back(CHERHA_OK(session->insert_booking(b)));
            EXPECT_NO_PROBLEM(session->put_setting(text, text));
            CHERHA_OK(session->append_audit(
                {unix_time(1), text, text, text, stored.back().id, text, text}));
        }
        EXPECT_NO_PROBLEM(session->commit());
    }
    auto session = reader();
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        const std::string& text = hostile[i];
        SCOPED_TRACE(i);
        auto by_code = CHERHA_OK(session->booking_by_code(stored[i].code));
        ASSERT_TRUE(by_code.has_value());
        expect_same_booking(*by_code, stored[i]);
        EXPECT_EQ(CHERHA_OK(session->setting(text)), text);
        auto of_service = CHERHA_OK(session->day_bookings(kDay, filter_of(text)));
        ASSERT_EQ(of_service.size(), 1u);
        EXPECT_EQ(of_service[0].id, stored[i].id);
        auto keyed = CHERHA_OK(session->identity_bookings({text}, kDay, kDay));
        ASSERT_EQ(keyed.size(), 1u);
        EXPECT_EQ(keyed[0].booking_id, stored[i].id);
        auto audit = CHERHA_OK(session->audit_entries(0, 10, stored[i].id));
        ASSERT_EQ(audit.size(), 1u);
        EXPECT_EQ(audit[0].event.actor, text);
        EXPECT_EQ(audit[0].event.details, text);
    }
    EXPECT_EQ(CHERHA_OK(session->day_bookings(kDay, {})).size(), hostile.size());
    EXPECT_FALSE(CHERHA_OK(session->verify_audit_chain()).first_broken.has_value());
}

// ---- Rows edited outside Cherha -------------------------------------------------------------

TEST(StoreCorruption, UnreadableEnumsAndDatesAreReportedAsCorrupt) {
    TempDir dir;
    auto store = open_store("file", dir);
    ASSERT_NE(store, nullptr);
    // One booking per edit, each edited behind the store's back (CHECKs switched off).
    const std::vector<std::pair<std::string, std::string>> edits = {
        {"state = 'lost'", "booking.state"},
        {"channel = 'fax'", "booking.channel"},
        {"day = '2025-02-30'", "booking.day"},
        {"document_type = 'scroll'", "booking.document_type"},
        {"kind = 'robot'", "booking.kind"},
        {"birth_date = 'yesterday'", "booking.birth_date"},
        {"ticket_sequence = 'vip', ticket_number = 1", "booking.ticket_sequence"},
        {"ticket_sequence = 'regular', ticket_number = 99999999999", "booking.ticket_number"},
        {"result = 'maybe'", "booking.result"},
        {"refusal_reason = 'mood', refusal_note = ''", "booking.refusal_reason"},
    };
    std::vector<std::int64_t> ids;
    {
        auto session = CHERHA_OK(store->write());
        for (std::size_t i = 0; i < edits.size(); ++i)
            ids.push_back(
                CHERHA_OK(session->insert_booking(sample_booking("CORRUP" + std::to_string(i), kDay,
                                                                 600, static_cast<int>(i))))
                    .id);
        CHERHA_OK(session->insert_staff(
            {0, "anna", "Anna", StaffRole::Clerk, "h", false, 0, {}, unix_time(1)}));
        CHERHA_OK(
            session->insert_device({0, "kiosk-1", DeviceKind::Kiosk, "digest", unix_time(1), {}}));
        EXPECT_NO_PROBLEM(session->commit());
    }
    auto raw = std::move(sqlite::Connection::open(dir.file("cherha.db"))).value();
    ASSERT_EQ(raw.execute("PRAGMA ignore_check_constraints = 1"), std::nullopt);
    for (std::size_t i = 0; i < edits.size(); ++i)
        ASSERT_EQ(raw.execute("UPDATE bookings SET " + edits[i].first +
                              " WHERE id = " + std::to_string(ids[i])),
                  std::nullopt);
    ASSERT_EQ(raw.execute("UPDATE staff SET role = 'boss'"), std::nullopt);
    ASSERT_EQ(raw.execute("UPDATE devices SET kind = 'toaster'"), std::nullopt);

    auto session = CHERHA_OK(store->read());
    for (std::size_t i = 0; i < edits.size(); ++i) {
        SCOPED_TRACE(edits[i].first);
        EXPECT_EQ(session->booking(ids[i]).problem(),
                  core::Problem("store.corrupt",
                                {{"what", edits[i].second}, {"id", std::to_string(ids[i])}}));
    }
    EXPECT_EQ(session->day_bookings(kDay, {}).problem().code, "store.corrupt");
    EXPECT_EQ(session->staff_by_login("anna").problem().code, "store.corrupt");
    EXPECT_EQ(session->all_staff().problem().param("what"), "staff.role");
    EXPECT_EQ(session->device_by_token("digest").problem().param("what"), "device.kind");
}

}  // namespace
}  // namespace cherha::store::testing
