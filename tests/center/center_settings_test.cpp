// The center's settings document: round trip, strictness, and that nothing unusable is stored.
#include "center/center_fixture.h"

namespace cherha::center::testing {
namespace {

TEST(CenterSettings, RoundTripKeepsEveryValue) {
    CenterSettings settings = CenterTest::default_settings();
    settings.center_id = 4242;
    settings.rules.online_window_days = 14;
    settings.quotas.entity_terminal_per_day = 9;
    settings.no_shows.no_shows_per_month = 3;
    settings.retention_days = 75;
    settings.works_during_alert = true;
    auto back = settings_from_json(settings_to_json(settings));
    ASSERT_TRUE(back) << back.problem().code << " " << back.problem().param("pointer");
    EXPECT_EQ(back->center_id, 4242u);
    EXPECT_EQ(back->name_uk, settings.name_uk);
    EXPECT_EQ(back->schedule, settings.schedule);
    EXPECT_EQ(back->rules, settings.rules);
    EXPECT_EQ(back->quotas.entity_terminal_per_day, 9);
    EXPECT_EQ(back->no_shows.no_shows_per_month, 3);
    EXPECT_EQ(back->retention_days, 75);
    EXPECT_TRUE(back->works_during_alert);
}

TEST(CenterSettings, WrongDocumentsNameTheBadValue) {
    const std::string good = settings_to_json(CenterTest::default_settings());
    struct Case {
        std::string from, to, pointer;
    };
    const Case cases[] = {
        {"\"retention_days\": 90", "\"retention_days\": 61", "/retention_days"},
        {"\"retention_days\": 90", "\"retention_days\": \"90\"", "/retention_days"},
        {"\"retention_days\": 90", "\"retention_days\": 90, \"extra\": 1", "/extra"},
        {"\"center_id\": 1", "\"center_id\": -5", "/center_id"},
        {"\"online_window_days\": 21", "\"online_window_days\": 100000",
         "/rules/online_window_days"},
    };
    for (const auto& c : cases) {
        std::string text = good;
        const auto at = text.find(c.from);
        ASSERT_NE(at, std::string::npos) << c.from;
        text.replace(at, c.from.size(), c.to);
        auto parsed = settings_from_json(text);
        ASSERT_FALSE(parsed) << c.to;
        EXPECT_EQ(parsed.problem().code, "center.settings_invalid");
        EXPECT_EQ(parsed.problem().param("pointer"), c.pointer) << c.to;
    }
    for (const char* junk : {"", "{", "[]", "null", "{\"schedule\": 5}", "{}"})
        EXPECT_FALSE(settings_from_json(junk)) << junk;
}

class SettingsStoreTest : public CenterTest {};

TEST_F(SettingsStoreTest, AScheduleNamingAnUnknownWindowIsNeverStored) {
    CenterSettings bad = default_settings();
    bad.schedule.services.front().window_ids.push_back("w99");
    auto session = store_->write();
    ASSERT_TRUE(session);
    auto refused = save_settings(*session.value(), bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code, "center.settings_invalid");
    auto loaded = load_settings(*session.value());
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->schedule, default_settings().schedule);  // the old settings stay
}

}  // namespace
}  // namespace cherha::center::testing
