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

TEST(CenterSettings, TheAddressMakesTheRoundTripAndIsOptional) {
    CenterSettings settings = CenterTest::default_settings();
    settings.address_uk = "вул. Прикладна, 1, Київ";
    settings.address_en = "1 Prykladna St, Kyiv";
    const std::string text = settings_to_json(settings);
    EXPECT_NE(text.find("\"address\""), std::string::npos) << text;
    auto back = settings_from_json(text);
    ASSERT_TRUE(back) << back.problem().code << " " << back.problem().param("pointer");
    EXPECT_EQ(back->address_uk, "вул. Прикладна, 1, Київ");
    EXPECT_EQ(back->address_en, "1 Prykladna St, Kyiv");

    // Settings stored before there was an address read as no address, and are written so.
    const CenterSettings plain = CenterTest::default_settings();
    const std::string without = settings_to_json(plain);
    EXPECT_EQ(without.find("\"address\""), std::string::npos) << without;
    auto read = settings_from_json(without);
    ASSERT_TRUE(read);
    EXPECT_TRUE(read->address_uk.empty());
    EXPECT_TRUE(read->address_en.empty());

    // Only one language given: the other stays empty.
    settings.address_en.clear();
    auto one = settings_from_json(settings_to_json(settings));
    ASSERT_TRUE(one);
    EXPECT_EQ(one->address_uk, "вул. Прикладна, 1, Київ");
    EXPECT_TRUE(one->address_en.empty());
}

TEST(CenterSettings, ABadAddressOrNameIsRefusedWithItsPointer) {
    struct Case {
        std::string address;
        std::string pointer;
        std::string reason;
    };
    const auto with = [](const std::string& member) {
        std::string text = settings_to_json(CenterTest::default_settings());
        const auto at = text.find("\"schedule\"");
        return text.insert(at, member + ", ");
    };
    const Case cases[] = {
        {R"("address": {"uk": "вул. Прикладна,\n1"})", "/address/uk", "control character"},
        {R"("address": {"en": "Street\u0000"})", "/address/en", "control character"},
        {R"("address": {"en": "Street\u0085"})", "/address/en", "control character"},
        {R"("address": {"uk": "Tab\there"})", "/address/uk", "control character"},
        {"\"address\": {\"uk\": \"" + std::string(kMaxAddressBytes + 1, 'a') + "\"}", "/address/uk",
         "at most 300 bytes"},
        {R"("address": {"uk": 5})", "/address/uk", "string expected"},
        {R"("address": {"de": "Strasse"})", "/address/de", "unknown member"},
        {R"("address": "вул. Прикладна, 1")", "/address", "object expected"},
    };
    for (const auto& c : cases) {
        auto refused = settings_from_json(with(c.address));
        ASSERT_FALSE(refused) << c.address;
        EXPECT_EQ(refused.problem().code, "center.settings_invalid");
        EXPECT_EQ(refused.problem().param("pointer"), c.pointer) << c.address;
        EXPECT_EQ(refused.problem().param("reason"), c.reason) << c.address;
    }
    // The longest address is kept whole.
    auto longest = settings_from_json(
        with("\"address\": {\"uk\": \"" + std::string(kMaxAddressBytes, 'a') + "\"}"));
    ASSERT_TRUE(longest);
    EXPECT_EQ(longest->address_uk.size(), kMaxAddressBytes);
    // The name refuses control characters the same way.
    CenterSettings named = CenterTest::default_settings();
    named.name_en = "MIA\rService Center";
    auto name = settings_from_json(settings_to_json(named));
    ASSERT_FALSE(name);
    EXPECT_EQ(name.problem().param("pointer"), "/name/en");
}

class SettingsStoreTest : public CenterTest {};

TEST_F(SettingsStoreTest, AnAddressWithAControlCharacterIsNeverStored) {
    CenterSettings bad = default_settings();
    bad.address_uk = std::string("вул. Прикладна\x1b[2J, 1");
    auto session = store_->write();
    ASSERT_TRUE(session);
    auto refused = save_settings(*session.value(), bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->param("pointer"), "/address/uk");
    auto loaded = load_settings(*session.value());
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->address_uk.empty());
}

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
