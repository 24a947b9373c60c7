// cherha schedule import|export and cherha purge.
#include <gtest/gtest.h>

#include <chrono>

#include <date/date.h>

#include "center/demo_center.h"
#include "cli/center_cli_fixture.h"
#include "store/sqlite_store.h"

namespace cherha::test {
namespace {

class ScheduleCommands : public CenterCliTest {
  protected:
    void SetUp() override { init(); }
};

TEST_F(ScheduleCommands, ExportThenImportRoundTrips) {
    const std::string exported = file("schedule.json");
    ASSERT_EQ(run({"schedule", "export", exported}).exit_code, 0);
    const std::string text = read(exported);
    // A file is never overwritten.
    EXPECT_EQ(run({"schedule", "export", exported}).exit_code, 2);
    EXPECT_EQ(read(exported), text);
    // Standard output carries the same file.
    EXPECT_EQ(run({"schedule", "export"}).out, text);
    EXPECT_EQ(json({"schedule", "import", exported}, 0)["services"], 5);
    EXPECT_EQ(run({"schedule", "export"}).out, text);
}

TEST_F(ScheduleCommands, ImportReplacesTheSchedule) {
    auto schedule = json({"schedule", "export"}, 0)["schedule"];
    schedule["services"].erase(schedule["services"].size() - 1);
    schedule["closed_days"].push_back("2027-05-01");
    const std::string edited = file("edited.json");
    write(edited, schedule.dump(2));
    ASSERT_EQ(run({"schedule", "import", edited}).exit_code, 0);
    auto now = json({"schedule", "export"}, 0)["schedule"];
    EXPECT_EQ(now, schedule);
}

TEST_F(ScheduleCommands, ABadFileIsRefusedWithNothingChanged) {
    const std::string before = run({"schedule", "export"}).out;
    auto schedule = json({"schedule", "export"}, 0)["schedule"];
    schedule["services"][0]["windows"] = {"w99"};
    schedule["services"][1]["duration_minutes"] = 0;
    const std::string bad = file("bad.json");
    write(bad, schedule.dump());
    auto doc = json({"schedule", "import", bad}, 1);
    EXPECT_EQ(doc["error"], "schedule_file.invalid");
    ASSERT_EQ(doc["problems"].size(), 2u);
    // In the order of the services: the first one's window, the second one's duration.
    EXPECT_EQ(doc["problems"][0]["code"], "schedule.unknown_window");
    EXPECT_EQ(doc["problems"][1]["code"], "schedule.service_duration");
    EXPECT_EQ(run({"schedule", "export"}).out, before);

    for (const std::string& text :
         {std::string("not json"), std::string(""), std::string("{\"version\": 2}"),
          std::string("\xFF\xFE"), std::string(2 * 1024 * 1024, ' ')}) {
        write(bad, text);
        auto r = run({"schedule", "import", bad});
        EXPECT_NE(r.exit_code, 0) << text.substr(0, 20);
        EXPECT_EQ(r.signal, 0);
    }
    EXPECT_EQ(run({"schedule", "import", file("missing.json")}).exit_code, 2);
    EXPECT_EQ(run({"schedule", "export"}).out, before);
    // Nothing was audited for the refused imports.
    EXPECT_EQ(json({"audit", "verify"}, 0)["entries"], 1);
}

class PurgeCommand : public CenterCliTest {
  protected:
    // Fills the demo into the data directory (cheap passwords).
    center::DemoLogins fill_demo(core::Instant now) {
        auto store = store::SqliteStore::open(db());
        EXPECT_TRUE(store);
        if (!store) return {};
        auto logins =
            center::fill_demo(**store, now, core::PasswordHashCost::insecure_for_tests(1000));
        EXPECT_TRUE(logins) << (logins ? "" : logins.problem().code);
        return logins ? *logins : center::DemoLogins{};
    }

    int bookings_with_personal_data(core::Date from, int days) {
        auto store = store::SqliteStore::open(db());
        auto session = (*store)->read();
        int count = 0;
        for (int i = 0; i < days; ++i) {
            auto day =
                (*session)->day_bookings(core::Date{date::sys_days{from} + date::days{i}}, {});
            for (const auto& b : *day) count += b.registration.has_value() ? 1 : 0;
        }
        return count;
    }
};

TEST_F(PurgeCommand, ErasesOnlyPersonalDataOlderThanTheRetention) {
    init();
    // Noon in Kyiv, so that "today" is the same day in UTC and in the center's zone.
    const core::Date today{date::floor<date::days>(std::chrono::system_clock::now())};
    const core::Instant now = date::sys_days{today} + std::chrono::hours{9};
    const auto demo = fill_demo(now);
    ASSERT_GT(demo.bookings_today, 0);
    ASSERT_GT(demo.bookings_later, 0);
    const int bookings = demo.bookings_today + demo.bookings_later;
    const auto later = [&](int days) {
        return date::format("%Y-%m-%dT%H:%M:%SZ", now + date::days{days});
    };

    // Nothing is old yet, and on the 90th day after today today's bookings are still kept.
    EXPECT_EQ(json({"purge"}, 0)["erased"], 0);
    EXPECT_EQ(json({"purge", "--now", later(90)}, 0)["erased"], 0);
    EXPECT_EQ(bookings_with_personal_data(today, 30), bookings);

    // A day later today's bookings are past the 90 days of retention, the later ones not.
    EXPECT_EQ(json({"purge", "--now", later(91)}, 0)["erased"], demo.bookings_today);
    EXPECT_EQ(bookings_with_personal_data(today, 30), demo.bookings_later);

    // Far later all personal data goes; the bookings themselves stay for the statistics.
    auto doc = json({"purge", "--now", later(200)}, 0);
    EXPECT_EQ(doc["erased"], demo.bookings_later);
    EXPECT_EQ(doc["retention_days"], 90);
    EXPECT_EQ(bookings_with_personal_data(today, 30), 0);
    EXPECT_EQ(json({"purge", "--now", later(201)}, 0)["erased"], 0);
    auto store = store::SqliteStore::open(db());
    auto session = (*store)->read();
    EXPECT_EQ(static_cast<int>((*session)->day_bookings(today, {})->size()), demo.bookings_today);
}

TEST_F(PurgeCommand, ABadMomentIsAUsageError) {
    init();
    for (const char* bad : {"yesterday", "2026-13-01T00:00Z", "2026-01-01", "2026-01-01T25:00Z"})
        EXPECT_EQ(run({"purge", "--now", bad}).exit_code, 2) << bad;
}

}  // namespace
}  // namespace cherha::test
