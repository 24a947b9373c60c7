// ServiceCenter::reload(): settings and signing keys changed in the store by another process
// (`cherha schedule import`, `cherha key rotate`) come into force without a restart; a reload
// that finds bad data keeps the old ones.
#include <algorithm>

#include "center/center_fixture.h"
#include "center/provisioning.h"
#include "core/token/booking_token.h"

namespace cherha::center::testing {
namespace {

constexpr int k0900 = 9 * 60;

std::string key_id_of(const std::string& token) {
    auto inspected = core::inspect_booking_token(token);
    EXPECT_TRUE(inspected) << inspected.problem().code;
    return inspected ? inspected->key_id.hex() : "";
}

TEST_F(CenterTest, ReloadWithNothingChangedKeepsTheSnapshot) {
    const auto before = center_->settings();
    auto reloaded = center_->reload();
    ASSERT_TRUE(reloaded) << reloaded.problem().code;
    EXPECT_FALSE(*reloaded);
    EXPECT_EQ(center_->settings().get(), before.get());
}

TEST_F(CenterTest, ImportedScheduleComesIntoForceAndOldSnapshotsStayWhole) {
    const auto before = center_->settings();
    ASSERT_TRUE(center_->free_slots("consultation", day_after(1), core::BookingChannel::Online));

    core::CenterSchedule schedule = before->schedule;
    schedule.services.erase(
        std::remove_if(schedule.services.begin(), schedule.services.end(),
                       [](const core::Service& s) { return s.id == "consultation"; }),
        schedule.services.end());
    ASSERT_FALSE(import_schedule(*store_, schedule, now_));

    // Not yet reloaded: the old schedule is still in force.
    EXPECT_TRUE(center_->free_slots("consultation", day_after(1), core::BookingChannel::Online));

    auto reloaded = center_->reload();
    ASSERT_TRUE(reloaded) << reloaded.problem().code;
    EXPECT_TRUE(*reloaded);
    auto gone = center_->free_slots("consultation", day_after(1), core::BookingChannel::Online);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.problem().code, "center.unknown_service");
    EXPECT_EQ(center_->services().size(), schedule.services.size());

    // A snapshot taken before the reload is unchanged (an operation in flight sees one config).
    EXPECT_TRUE(std::any_of(before->schedule.services.begin(), before->schedule.services.end(),
                            [](const core::Service& s) { return s.id == "consultation"; }));
    // Bookings of the remaining services go on.
    EXPECT_TRUE(book(1, day_after(1), k0900));
}

// The slots are cached per settings snapshot (SlotCache): a new slot length must be served after
// the reload, not the slots computed under the old schedule.
TEST_F(CenterTest, ChangedSlotLengthIsServedAfterReload) {
    const auto before =
        center_->free_slots("consultation", day_after(1), core::BookingChannel::Online);
    ASSERT_TRUE(before) << before.problem().code;
    ASSERT_FALSE(before->empty());
    const auto old_length = std::chrono::duration_cast<std::chrono::minutes>(
        before->front().slot.end - before->front().slot.start);

    core::CenterSchedule schedule = center_->settings()->schedule;
    for (auto& service : schedule.services)
        if (service.id == "consultation") service.duration = old_length * 2;
    ASSERT_FALSE(import_schedule(*store_, schedule, now_));
    auto reloaded = center_->reload();
    ASSERT_TRUE(reloaded) << reloaded.problem().code;
    ASSERT_TRUE(*reloaded);

    const auto after =
        center_->free_slots("consultation", day_after(1), core::BookingChannel::Online);
    ASSERT_TRUE(after) << after.problem().code;
    ASSERT_FALSE(after->empty());
    EXPECT_EQ(after->front().slot.end - after->front().slot.start, old_length * 2);
    EXPECT_LT(after->size(), before->size());
}

TEST_F(CenterTest, RotatedKeySignsAfterReloadAndOldTokensStillVerify) {
    auto old_booking = book(1, day_after(1), k0900);
    ASSERT_TRUE(old_booking) << old_booking.problem().code;
    const std::string old_key = key_id_of(old_booking->token);

    auto rotation = rotate_signing_key(*store_, now_);
    ASSERT_TRUE(rotation) << rotation.problem().code;
    ASSERT_NE(rotation->new_key_id, old_key);

    // Before the reload the old key still signs.
    auto before_reload = book(2, day_after(1), k0900);
    ASSERT_TRUE(before_reload);
    EXPECT_EQ(key_id_of(before_reload->token), old_key);

    auto reloaded = center_->reload();
    ASSERT_TRUE(reloaded) << reloaded.problem().code;
    EXPECT_TRUE(*reloaded);
    auto after_reload = book(3, day_after(2), k0900);
    ASSERT_TRUE(after_reload) << after_reload.problem().code;
    EXPECT_EQ(key_id_of(after_reload->token), rotation->new_key_id);
    EXPECT_EQ(center_->public_keys().size(), 2u);

    // Both tokens still draw as QR images: the old key verifies after the rotation.
    EXPECT_FALSE(center_->check_token_for_image(old_booking->token));
    EXPECT_FALSE(center_->check_token_for_image(after_reload->token));
}

TEST_F(CenterTest, ReloadOfBadStoredSettingsKeepsTheOldOnes) {
    const auto before = center_->settings();
    {
        auto session = store_->write();
        ASSERT_TRUE(session);
        ASSERT_FALSE(session.value()->put_setting("center", "{\"center_id\": \"not a number\""));
        ASSERT_FALSE(session.value()->commit());
    }
    auto reloaded = center_->reload();
    ASSERT_FALSE(reloaded);
    EXPECT_EQ(reloaded.problem().code, "center.settings_invalid");
    EXPECT_EQ(center_->settings().get(), before.get());
    EXPECT_TRUE(book(1, day_after(1), k0900));
}

TEST_F(CenterTest, ReloadWithoutAnySigningKeyIsRefused) {
    {
        auto session = store_->write();
        ASSERT_TRUE(session);
        auto keys = session.value()->signing_keys();
        ASSERT_TRUE(keys);
        for (const auto& key : *keys) ASSERT_FALSE(session.value()->retire_signing_key(key.key_id));
        ASSERT_FALSE(session.value()->commit());
    }
    auto reloaded = center_->reload();
    ASSERT_FALSE(reloaded);
    EXPECT_EQ(reloaded.problem().code, "center.not_initialised");
    auto booked = book(1, day_after(1), k0900);  // the old key ring stays in force
    EXPECT_TRUE(booked) << booked.problem().code;
}

}  // namespace
}  // namespace cherha::center::testing
