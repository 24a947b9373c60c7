// Shared pieces of the SqliteStore tests: opening stores, synthetic bookings, and unwrapping
// results with a readable failure.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "store/sqlite_store.h"
#include "store/temp_dir.h"
#include "support/core_printers.h"
#include "support/synthetic_people.h"

namespace cherha::store::testing {

inline std::string describe(const core::Problem& p) {
    std::string out = p.code + " {";
    for (const auto& [k, v] : p.params) out += k + "=" + v + " ";
    return out + "}";
}

// The value of a Result, failing the test (and aborting it by an exception) otherwise.
template <class T>
T unwrap(core::Result<T> result, const char* expression) {
    EXPECT_TRUE(result.ok()) << expression << ": "
                             << (result.ok() ? "" : describe(result.problem()));
    if (!result.ok()) throw std::runtime_error(std::string("failed: ") + expression);
    return std::move(result).value();
}
#define CHERHA_OK(expr) ::cherha::store::testing::unwrap((expr), #expr)

// No problem from an optional<Problem>.
#define EXPECT_NO_PROBLEM(expr)                                                      \
    do {                                                                             \
        auto cherha_problem_ = (expr);                                               \
        EXPECT_FALSE(cherha_problem_.has_value())                                    \
            << #expr << ": " << (cherha_problem_ ? describe(*cherha_problem_) : ""); \
    } while (false)

inline core::Date day(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

inline core::Instant at(core::Date d, int minute) {
    return core::Instant(date::sys_days(d)) + std::chrono::minutes(minute);
}

inline core::Instant unix_time(std::int64_t seconds) {
    return core::Instant(std::chrono::seconds(seconds));
}

// A booking of synthetic person `serial` for `service` on `d` at `minute`, with the person's
// RNOKPP and ID card as identity keys.
inline BookingRecord sample_booking(const std::string& code, core::Date d, int minute,
                                    int serial = 123, const std::string& service = "exam") {
    core::synthetic::Person person;
    person.rnokpp_serial = serial;
    person.id_card_number = "00" + std::to_string(1000000 + serial);
    BookingRecord b;
    b.code = code;
    b.service_id = service;
    b.day = d;
    b.slot_minute = minute;
    b.slot_start = at(d, minute - 120);  // the center is two hours ahead of UTC
    b.channel = core::BookingChannel::Online;
    b.state = core::BookingState::Booked;
    b.registration = core::synthetic::registration_of(person);
    b.identity_keys = {"rnokpp:" + core::synthetic::rnokpp_of(person),
                       "document:" + person.id_card_number};
    b.created_at = unix_time(1700000000);
    b.updated_at = b.created_at;
    return b;
}

inline void expect_same_registration(const std::optional<core::Registration>& a,
                                     const std::optional<core::Registration>& b) {
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a) return;
    EXPECT_EQ(a->kind, b->kind);
    EXPECT_EQ(a->surname, b->surname);
    EXPECT_EQ(a->given_name, b->given_name);
    EXPECT_EQ(a->patronymic, b->patronymic);
    EXPECT_EQ(a->birth_date, b->birth_date);
    EXPECT_EQ(a->rnokpp, b->rnokpp);
    EXPECT_EQ(a->has_no_rnokpp, b->has_no_rnokpp);
    EXPECT_EQ(a->document_type, b->document_type);
    EXPECT_EQ(a->document_number, b->document_number);
    ASSERT_EQ(a->legal_entity.has_value(), b->legal_entity.has_value());
    if (a->legal_entity) {
        EXPECT_EQ(a->legal_entity->edrpou, b->legal_entity->edrpou);
        EXPECT_EQ(a->legal_entity->name, b->legal_entity->name);
    }
}

// Every field of two booking records equal.
inline void expect_same_booking(const BookingRecord& a, const BookingRecord& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.service_id, b.service_id);
    EXPECT_EQ(a.day, b.day);
    EXPECT_EQ(a.slot_minute, b.slot_minute);
    EXPECT_EQ(a.slot_start, b.slot_start);
    EXPECT_EQ(a.channel, b.channel);
    EXPECT_EQ(a.state, b.state);
    expect_same_registration(a.registration, b.registration);
    EXPECT_EQ(a.identity_keys, b.identity_keys);
    EXPECT_EQ(a.ticket, b.ticket);
    EXPECT_EQ(a.window_id, b.window_id);
    EXPECT_EQ(a.result, b.result);
    EXPECT_EQ(a.refusal, b.refusal);
    EXPECT_EQ(a.transfer, b.transfer);
    EXPECT_EQ(a.recalls, b.recalls);
    EXPECT_EQ(a.created_at, b.created_at);
    EXPECT_EQ(a.updated_at, b.updated_at);
    EXPECT_EQ(a.arrived_at, b.arrived_at);
    EXPECT_EQ(a.called_at, b.called_at);
    EXPECT_EQ(a.started_at, b.started_at);
    EXPECT_EQ(a.finished_at, b.finished_at);
    EXPECT_EQ(a.personal_data_erased_at, b.personal_data_erased_at);
}

// Opens a store on "memory" (":memory:") or "file" (a file in `dir`).
inline std::unique_ptr<SqliteStore> open_store(
    const std::string& where, const TempDir& dir,
    std::chrono::milliseconds busy = std::chrono::milliseconds{5000}) {
    const std::string path = where == "memory" ? ":memory:" : dir.file("cherha.db");
    auto opened = SqliteStore::open(path, sqlite::ConnectionOptions{busy});
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : describe(opened.problem()));
    if (!opened) return nullptr;
    return std::move(opened).value();
}

// A test run against both a file database ("file") and ":memory:" ("memory"); instantiate with
// INSTANTIATE_TEST_SUITE_P(Stores, YourTest, ::testing::Values("file", "memory")).
class StoreTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        store = open_store(GetParam(), dir);
        ASSERT_NE(store, nullptr);
    }
    bool on_file() const { return GetParam() == "file"; }
    std::unique_ptr<StoreSession> writer() { return CHERHA_OK(store->write()); }
    std::unique_ptr<StoreSession> reader() { return CHERHA_OK(store->read()); }

    TempDir dir;
    std::unique_ptr<SqliteStore> store;
};

}  // namespace cherha::store::testing
