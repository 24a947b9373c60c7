// SqliteStore sessions: the unit of work (commit, rollback, read-only, finished), snapshots,
// serialised writers and racing bookings, against a file database and ":memory:".
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "store/store_fixtures.h"

namespace cherha::store::testing {
namespace {

using core::BookingState;

class SessionTest : public StoreTest {};

INSTANTIATE_TEST_SUITE_P(Stores, SessionTest, ::testing::Values("file", "memory"),
                         [](const auto& param_info) { return param_info.param; });

const core::Date kDay = day(2025, 3, 14);

TEST_P(SessionTest, WriteSessionWithoutCommitRollsBack) {
    {
        auto session = writer();
        CHERHA_OK(session->insert_booking(sample_booking("GONE001", kDay, 600)));
        EXPECT_NO_PROBLEM(session->put_setting("k", "v"));
        CHERHA_OK(session->append_audit({unix_time(1), "system", "", "test", {}, "ok", "{}"}));
    }  // destroyed without commit
    auto session = reader();
    EXPECT_TRUE(CHERHA_OK(session->day_bookings(kDay, {})).empty());
    EXPECT_EQ(CHERHA_OK(session->setting("k")), std::nullopt);
    EXPECT_EQ(CHERHA_OK(session->verify_audit_chain()).entries, 0);
}

TEST_P(SessionTest, ReadSessionRefusesEveryWrite) {
    auto session = reader();
    const core::Problem read_only("store.read_only");
    const BookingRecord b = sample_booking("READONL", kDay, 600);
    EXPECT_EQ(session->put_setting("k", "v"), read_only);
    EXPECT_EQ(session->insert_booking(b).problem(), read_only);
    EXPECT_EQ(session->update_booking(b), read_only);
    EXPECT_EQ(session->add_unblock({"k"}, unix_time(1), 1), read_only);
    EXPECT_EQ(session->insert_staff({}).problem(), read_only);
    EXPECT_EQ(session->update_staff({}), read_only);
    EXPECT_EQ(session->insert_session({}), read_only);
    EXPECT_EQ(session->touch_session("d", unix_time(1)), read_only);
    EXPECT_EQ(session->delete_session("d"), read_only);
    EXPECT_EQ(session->delete_staff_sessions(1), read_only);
    EXPECT_EQ(session->delete_expired_sessions(unix_time(1), unix_time(1)).problem(), read_only);
    EXPECT_EQ(session->insert_device({}).problem(), read_only);
    EXPECT_EQ(session->revoke_device("kiosk", unix_time(1)), read_only);
    EXPECT_EQ(session->insert_signing_key({}), read_only);
    EXPECT_EQ(session->retire_signing_key("k"), read_only);
    EXPECT_EQ(session->append_audit({}).problem(), read_only);
    EXPECT_EQ(session->save_idempotent_response(1, "k", {}, unix_time(1)), read_only);
    EXPECT_EQ(session->spend_pow("p", unix_time(1)).problem(), read_only);
    EXPECT_EQ(session->purge_spent_pow(unix_time(1)), read_only);
    EXPECT_EQ(session->count_abuse(kDay, "honeypot"), read_only);
    EXPECT_EQ(session->start_alert(unix_time(1), "s"), read_only);
    EXPECT_EQ(session->end_alert(unix_time(1), "s"), read_only);
    EXPECT_EQ(session->erase_personal_data(kDay, unix_time(1)).problem(), read_only);
    // Reads work, and commit ends the read session.
    EXPECT_TRUE(CHERHA_OK(session->day_bookings(kDay, {})).empty());
    EXPECT_NO_PROBLEM(session->commit());
}

TEST_P(SessionTest, AFinishedSessionRefusesEverything) {
    auto session = writer();
    CHERHA_OK(session->insert_booking(sample_booking("KEPT001", kDay, 600)));
    EXPECT_NO_PROBLEM(session->commit());
    const core::Problem finished("store.finished");
    EXPECT_EQ(session->commit(), finished);
    EXPECT_EQ(session->day_bookings(kDay, {}).problem(), finished);
    EXPECT_EQ(session->booking(1).problem(), finished);
    EXPECT_EQ(session->setting("k").problem(), finished);
    EXPECT_EQ(session->put_setting("k", "v"), finished);
    EXPECT_EQ(session->verify_audit_chain().problem(), finished);

    // The commit held: another session sees the booking.
    EXPECT_EQ(CHERHA_OK(reader()->day_bookings(kDay, {})).size(), 1u);
}

TEST_P(SessionTest, SessionsReturnTheirConnectionForTheNext) {
    // Many sessions one after another, committed, abandoned or read, never exhaust anything.
    for (int i = 0; i < 100; ++i) {
        auto session = i % 3 == 0 ? reader() : writer();
        if (i % 3 == 1) {
            EXPECT_NO_PROBLEM(session->count_abuse(kDay, "honeypot"));
            EXPECT_NO_PROBLEM(session->commit());
        }
    }
    EXPECT_EQ(CHERHA_OK(reader()->abuse_counts(kDay)).at("honeypot"), 33);
}

TEST_P(SessionTest, TwoWriteSessionsAreSerialised) {
    auto first = writer();
    CHERHA_OK(first->insert_booking(sample_booking("FIRST01", kDay, 600, 1)));

    std::atomic<bool> second_began{false};
    auto second = std::async(std::launch::async, [&] {
        auto session = CHERHA_OK(store->write());  // waits for `first`
        second_began = true;
        auto seen = CHERHA_OK(session->slot_occupancy(kDay, "exam"));
        CHERHA_OK(session->insert_booking(sample_booking("SECOND1", kDay, 600, 2)));
        EXPECT_NO_PROBLEM(session->commit());
        return seen;
    });
    // Give the second thread every chance to get in; it must not while `first` is open.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(second_began.load());
    EXPECT_NO_PROBLEM(first->commit());

    EXPECT_EQ(second.get(), (std::map<int, int>{{600, 1}}));  // it saw the first booking
    EXPECT_EQ(CHERHA_OK(reader()->slot_occupancy(kDay, "exam")), (std::map<int, int>{{600, 2}}));
}

TEST_P(SessionTest, RacingBookingsNeverOverfillASlot) {
    constexpr int kCapacity = 3;
    constexpr int kThreads = 8;
    std::atomic<int> booked{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto opened = store->write();
            ASSERT_TRUE(opened.ok()) << describe(opened.problem());
            auto& session = *opened.value();
            auto occupancy = session.slot_occupancy(kDay, "exam");
            ASSERT_TRUE(occupancy.ok());
            if (occupancy->count(600) != 0 && occupancy->at(600) >= kCapacity) return;
            auto inserted = session.insert_booking(
                sample_booking("RACE" + std::to_string(100 + t), kDay, 600, t));
            ASSERT_TRUE(inserted.ok());
            ASSERT_FALSE(session.commit().has_value());
            ++booked;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(booked.load(), kCapacity);
    EXPECT_EQ(CHERHA_OK(reader()->slot_occupancy(kDay, "exam")),
              (std::map<int, int>{{600, kCapacity}}));
}

TEST_P(SessionTest, BusyWriterGivesStoreBusyAfterTheTimeout) {
    auto quick = open_store(GetParam(), dir, std::chrono::milliseconds{50});
    ASSERT_NE(quick, nullptr);
    if (on_file()) {
        // A second store on the same file, as another process would be.
        auto holder = CHERHA_OK(quick->write());
        auto other = SqliteStore::open(dir.file("cherha.db"), {std::chrono::milliseconds{50}});
        ASSERT_TRUE(other.ok());
        EXPECT_EQ(other.value()->write().problem().code, "store.busy");
        auto reading = other.value()->read();  // WAL: readers are never blocked
        EXPECT_TRUE(reading.ok());
    } else {
        auto holder = CHERHA_OK(quick->write());
        EXPECT_EQ(quick->write().problem().code, "store.busy");
        EXPECT_EQ(quick->read().problem().code, "store.busy");
        holder.reset();
        EXPECT_TRUE(quick->write().ok());  // free again
    }
}

TEST_P(SessionTest, ReadSessionSeesItsSnapshot) {
    if (!on_file()) GTEST_SKIP() << ":memory: lends its one connection to one session at a time";
    auto before = reader();
    {
        auto session = writer();
        CHERHA_OK(session->insert_booking(sample_booking("LATER01", kDay, 600)));
        EXPECT_NO_PROBLEM(session->commit());
    }
    EXPECT_TRUE(CHERHA_OK(before->day_bookings(kDay, {})).empty());  // as of read()
    EXPECT_EQ(CHERHA_OK(reader()->day_bookings(kDay, {})).size(), 1u);
}

TEST_P(SessionTest, SessionsMayOutliveTheStore) {
    auto session = writer();
    store.reset();
    EXPECT_NO_PROBLEM(session->put_setting("k", "v"));
    EXPECT_NO_PROBLEM(session->commit());
}

}  // namespace
}  // namespace cherha::store::testing
