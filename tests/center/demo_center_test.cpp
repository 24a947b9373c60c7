// The demo center: every state of the day is there, every identity is valid, and it is filled
// once only.
#include "center/demo_center.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "center/service_center.h"
#include "core/auth/session_token.h"
#include "core/calendar/center_time.h"
#include "core/calendar/slot_calendar.h"
#include "core/quota/identity_key.h"
#include "core/token/booking_code.h"
#include "core/verification/registration_check.h"
#include "store/sqlite_store.h"
#include "store/store_fixtures.h"

namespace cherha::center {
namespace {

using namespace std::chrono_literals;
using store::testing::TempDir;

const auto kCheap = core::PasswordHashCost::insecure_for_tests(1000);
// Monday 7 December 2026, 11:30 in Kyiv (09:30 UTC).
const core::Instant kMonday = date::sys_days{date::year{2026} / 12 / 7} + 9h + 30min;
const core::Date kMondayDate = date::year{2026} / 12 / 7;

class DemoTest : public ::testing::Test {
  protected:
    void SetUp() override { store_ = CHERHA_OK(store::SqliteStore::open(dir_.file("cherha.db"))); }

    std::vector<store::BookingRecord> day(core::Date d) {
        auto session = CHERHA_OK(store_->read());
        return CHERHA_OK(session->day_bookings(d, {}));
    }

    CenterSettings settings() {
        auto session = CHERHA_OK(store_->read());
        return CHERHA_OK(load_settings(*session));
    }

    TempDir dir_;
    std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(DemoTest, TodayHasABookingInEveryState) {
    auto logins = CHERHA_OK(fill_demo(*store_, kMonday, kCheap));
    const auto today = day(kMondayDate);
    EXPECT_EQ(static_cast<int>(today.size()), logins.bookings_today);
    std::map<core::BookingState, int> states;
    std::set<core::BookingChannel> channels;
    for (const auto& b : today) {
        states[b.state]++;
        channels.insert(b.channel);
    }
    for (auto state : core::kAllBookingStates)
        EXPECT_GT(states[state], 0) << core::booking_state_id(state);
    EXPECT_EQ(channels.size(), 2u);
}

TEST_F(DemoTest, EachStateCarriesWhatItNeeds) {
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    const auto center = settings();
    std::set<std::pair<int, int>> tickets;
    bool priority = false, exam_result = false;
    for (const auto& b : day(kMondayDate)) {
        using S = core::BookingState;
        const bool at_center = b.state == S::Arrived || b.state == S::Called ||
                               b.state == S::InService || b.state == S::Served ||
                               b.state == S::Refused;
        EXPECT_EQ(b.ticket.has_value(), at_center) << core::booking_state_id(b.state);
        if (b.ticket) {
            EXPECT_TRUE(
                tickets.insert({static_cast<int>(b.ticket->sequence), b.ticket->number}).second)
                << "ticket issued twice: " << b.ticket->number;
            priority = priority || b.ticket->sequence == core::TicketSequence::Priority;
            ASSERT_TRUE(b.arrived_at.has_value());
        }
        if (b.channel == core::BookingChannel::Terminal) {
            EXPECT_TRUE(b.ticket.has_value());
        }
        const bool at_window = b.state == S::Called || b.state == S::InService ||
                               b.state == S::Served || b.state == S::Refused;
        if (at_window) {
            const auto* service = core::find_service(center.schedule, b.service_id);
            ASSERT_NE(service, nullptr);
            EXPECT_NE(
                std::find(service->window_ids.begin(), service->window_ids.end(), b.window_id),
                service->window_ids.end())
                << b.window_id;
            EXPECT_TRUE(b.called_at.has_value());
        }
        if (b.state == S::Refused) {
            EXPECT_TRUE(b.refusal.has_value());
        }
        if (b.state == S::Served) {
            const auto* service = core::find_service(center.schedule, b.service_id);
            EXPECT_EQ(b.result.has_value(), service->retake_pause_days.has_value());
            exam_result = exam_result || b.result.has_value();
        }
        if (core::is_final_state(b.state)) {
            EXPECT_TRUE(b.finished_at.has_value());
        }
        // Times never run backwards and never lie after `now`.
        const std::optional<core::Instant> steps[] = {b.arrived_at, b.called_at, b.started_at,
                                                      b.finished_at};
        core::Instant last = b.created_at;
        for (const auto& step : steps) {
            if (!step) continue;
            EXPECT_LE(last, *step);
            EXPECT_LE(*step, kMonday);
            last = *step;
        }
    }
    EXPECT_TRUE(priority);
    EXPECT_TRUE(exam_result);
}

TEST_F(DemoTest, EveryIdentityIsValidAndKeyed) {
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    std::vector<store::BookingRecord> all = day(kMondayDate);
    for (int ahead = 1; ahead <= 20; ++ahead) {
        auto more = day(core::Date{date::sys_days{kMondayDate} + date::days{ahead}});
        all.insert(all.end(), more.begin(), more.end());
    }
    std::set<core::RegistrantKind> kinds;
    bool without_rnokpp = false;
    std::set<std::string> codes;
    for (const auto& b : all) {
        ASSERT_TRUE(b.registration.has_value());
        const auto problems = core::check_registration(*b.registration, kMondayDate);
        EXPECT_TRUE(problems.empty()) << problems.front().code;
        EXPECT_EQ(b.identity_keys, core::quota_identity_keys(*b.registration));
        kinds.insert(b.registration->kind);
        without_rnokpp = without_rnokpp || b.registration->has_no_rnokpp;
        EXPECT_TRUE(core::parse_booking_code(b.code)) << b.code;
        EXPECT_TRUE(codes.insert(b.code).second);
    }
    EXPECT_EQ(kinds.size(), 2u);
    EXPECT_TRUE(without_rnokpp);
}

TEST_F(DemoTest, NoSlotIsOverCapacity) {
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    const auto center = settings();
    for (const auto& service : center.schedule.services) {
        auto session = CHERHA_OK(store_->read());
        auto occupancy = CHERHA_OK(session->slot_occupancy(kMondayDate, service.id));
        auto slots = CHERHA_OK(core::generate_slots(center.schedule, service, kMondayDate));
        for (const auto& [minute, taken] : occupancy) {
            const auto slot = std::find_if(slots.begin(), slots.end(), [&](const core::Slot& s) {
                return date::floor<std::chrono::minutes>(s.local_start -
                                                         date::local_days{kMondayDate})
                           .count() == minute;
            });
            ASSERT_NE(slot, slots.end()) << service.id << " " << minute;
            EXPECT_LE(taken, slot->capacity);
        }
    }
}

TEST_F(DemoTest, LaterDaysHaveOnlineBookings) {
    auto logins = CHERHA_OK(fill_demo(*store_, kMonday, kCheap));
    EXPECT_GT(logins.bookings_later, 0);
    int found = 0;
    for (int ahead = 1; ahead <= 20; ++ahead) {
        for (const auto& b : day(core::Date{date::sys_days{kMondayDate} + date::days{ahead}})) {
            EXPECT_EQ(b.state, core::BookingState::Booked);
            EXPECT_EQ(b.channel, core::BookingChannel::Online);
            EXPECT_GT(b.slot_start, kMonday);
            ++found;
        }
    }
    EXPECT_EQ(found, logins.bookings_later);
}

TEST_F(DemoTest, StaffOfEveryRoleWithTheirPasswordsAndDevicesWithTokens) {
    auto logins = CHERHA_OK(fill_demo(*store_, kMonday, kCheap));
    ASSERT_EQ(logins.staff.size(), 4u);
    std::set<store::StaffRole> roles;
    auto session = CHERHA_OK(store_->read());
    for (const auto& account : logins.staff) {
        auto stored = CHERHA_OK(session->staff_by_login(account.login));
        ASSERT_TRUE(stored.has_value()) << account.login;
        EXPECT_TRUE(core::verify_password(account.password, stored->password_hash));
        EXPECT_EQ(stored->role, account.role);
        roles.insert(account.role);
    }
    EXPECT_EQ(roles.size(), 3u);
    auto kiosk =
        CHERHA_OK(session->device_by_token(core::session_token_digest(logins.kiosk_token)));
    ASSERT_TRUE(kiosk.has_value());
    EXPECT_EQ(kiosk->kind, store::DeviceKind::Kiosk);
    auto board =
        CHERHA_OK(session->device_by_token(core::session_token_digest(logins.board_token)));
    ASSERT_TRUE(board.has_value());
    EXPECT_EQ(board->kind, store::DeviceKind::Board);
    EXPECT_FALSE(CHERHA_OK(session->verify_audit_chain()).first_broken.has_value());
}

TEST_F(DemoTest, FillingTwiceIsRefusedAndChangesNothing) {
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    const auto before = day(kMondayDate).size();
    auto again = fill_demo(*store_, kMonday + 1h, kCheap);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.problem().code, "center.demo_exists");
    EXPECT_EQ(day(kMondayDate).size(), before);
}

TEST_F(DemoTest, AStoreWithADemoLoginTakenIsRefusedUntouched) {
    auto defaults = CHERHA_OK(default_center_settings());
    ASSERT_FALSE(initialise_center(*store_, defaults, kMonday));
    ASSERT_TRUE(add_staff(*store_, "clerk1", "", store::StaffRole::Clerk, "real-password-1", kCheap,
                          kMonday));
    auto filled = fill_demo(*store_, kMonday, kCheap);
    ASSERT_FALSE(filled);
    EXPECT_EQ(filled.problem().code, "center.demo_exists");
    EXPECT_TRUE(day(kMondayDate).empty());
}

TEST_F(DemoTest, AnInitialisedCenterKeepsItsSettings) {
    auto defaults = CHERHA_OK(default_center_settings());
    defaults.center_id = 77;
    ASSERT_FALSE(initialise_center(*store_, defaults, kMonday));
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    EXPECT_EQ(settings().center_id, 77u);
    auto session = CHERHA_OK(store_->read());
    EXPECT_EQ(CHERHA_OK(session->signing_keys()).size(), 1u);
}

TEST_F(DemoTest, OnASundayTheDemoOpensToday) {
    const core::Date sunday = date::year{2026} / 12 / 13;
    const core::Instant noon = date::sys_days{sunday} + 10h;
    auto logins = CHERHA_OK(fill_demo(*store_, noon, kCheap));
    const auto center = settings();
    EXPECT_FALSE(core::hours_on(center.schedule, sunday).opening.empty());
    // Only today: the next Sunday stays closed.
    EXPECT_TRUE(core::hours_on(center.schedule, core::Date{date::sys_days{sunday} + date::days{7}})
                    .opening.empty());
    std::set<core::BookingState> states;
    for (const auto& b : day(sunday)) states.insert(b.state);
    EXPECT_EQ(states.size(), core::kAllBookingStates.size());
    EXPECT_GT(logins.bookings_later, 0);
}

TEST_F(DemoTest, OnAHolidayTheDemoOpensToday) {
    const core::Date christmas = date::year{2026} / 12 / 25;  // a closed day of the demo schedule
    ASSERT_TRUE(fill_demo(*store_, date::sys_days{christmas} + 8h, kCheap));
    const auto center = settings();
    EXPECT_FALSE(core::hours_on(center.schedule, christmas).opening.empty());
    EXPECT_TRUE(core::validate_schedule(center.schedule).empty());
    EXPECT_FALSE(day(christmas).empty());
}

TEST_F(DemoTest, TheServiceCenterOpensOnTheDemoAndKnowsItsDevices) {
    auto logins = CHERHA_OK(fill_demo(*store_, kMonday, kCheap));
    CenterOptions options;
    options.password_cost = kCheap;
    auto center = CHERHA_OK(ServiceCenter::open(*store_, options, [] { return kMonday; }));
    auto kiosk = CHERHA_OK(center->authenticate_device(logins.kiosk_token));
    EXPECT_EQ(kiosk.name, logins.kiosk_name);
    auto queue = CHERHA_OK(center->queue(kMondayDate, {}));
    EXPECT_EQ(static_cast<int>(queue.size()), logins.bookings_today);
    auto login = center->log_in("clerk1", "demo-clerk1-pass", "w1");
    EXPECT_TRUE(login) << (login ? "" : login.problem().code);
}

TEST_F(DemoTest, TheDemoCenterHasASyntheticAddress) {
    ASSERT_TRUE(fill_demo(*store_, kMonday, kCheap));
    const CenterSettings stored = settings();
    EXPECT_EQ(stored.address_uk, "вул. Прикладна, 1, Київ");
    EXPECT_EQ(stored.address_en, "1 Prykladna St, Kyiv");
}

}  // namespace
}  // namespace cherha::center
