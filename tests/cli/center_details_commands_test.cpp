// cherha center show / center set, and init's --address-uk/--address-en: the administrator
// gives the center's address, which the citizens' pages and GET /api/v1/services show.
#include <gtest/gtest.h>

#include <string>

#include "cli/center_cli_fixture.h"

namespace cherha::test {
namespace {

using CenterDetailsCommands = CenterCliTest;

TEST_F(CenterDetailsCommands, InitTakesTheAddressInBothLanguages) {
    json({"init", "--name-uk", "Тестовий центр", "--name-en", "Test center", "--address-uk",
          "вул. Прикладна, 1, Київ", "--address-en", "1 Prykladna St, Kyiv"},
         0);
    auto shown = json({"center", "show"}, 0);
    EXPECT_EQ(shown["ok"], true);
    EXPECT_EQ(shown["center_id"], 1);
    EXPECT_EQ(shown["name_uk"], "Тестовий центр");
    EXPECT_EQ(shown["name_en"], "Test center");
    EXPECT_EQ(shown["address_uk"], "вул. Прикладна, 1, Київ");
    EXPECT_EQ(shown["address_en"], "1 Prykladna St, Kyiv");
}

TEST_F(CenterDetailsCommands, ACenterWithoutAnAddressShowsNone) {
    init();
    auto shown = json({"center", "show"}, 0);
    EXPECT_EQ(shown["address_uk"], "");
    EXPECT_EQ(shown["address_en"], "");
    auto text = run({"center", "show"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Address (Ukrainian):"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("(none)"), std::string::npos) << text.out;
}

TEST_F(CenterDetailsCommands, SetChangesOnlyTheGivenValues) {
    init();
    auto set = json({"center", "set", "--address-uk", "вул. Прикладна, 1, Київ"}, 0);
    EXPECT_EQ(set["address_uk"], "вул. Прикладна, 1, Київ");
    EXPECT_EQ(set["address_en"], "");
    EXPECT_EQ(set["name_uk"], "Сервісний центр МВС");
    json({"center", "set", "--address-en", "1 Prykladna St, Kyiv", "--name-en", "Center No. 1"}, 0);
    auto shown = json({"center", "show"}, 0);
    EXPECT_EQ(shown["address_uk"], "вул. Прикладна, 1, Київ");
    EXPECT_EQ(shown["address_en"], "1 Prykladna St, Kyiv");
    EXPECT_EQ(shown["name_en"], "Center No. 1");
    // An empty text removes the address.
    json({"center", "set", "--address-uk", ""}, 0);
    EXPECT_EQ(json({"center", "show"}, 0)["address_uk"], "");
    // The schedule is untouched.
    auto exported = json({"schedule", "export"}, 0);
    EXPECT_FALSE(exported["schedule"]["services"].empty());
}

TEST_F(CenterDetailsCommands, SetPrintsWhatIsSaved) {
    init();
    auto text = run({"center", "set", "--address-en", "1 Prykladna St, Kyiv"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("saved"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1 Prykladna St, Kyiv"), std::string::npos) << text.out;
}

TEST_F(CenterDetailsCommands, ABadAddressIsRefusedAndChangesNothing) {
    init();
    for (const std::string& bad :
         {std::string("line one\nline two"), std::string("bell\a"), std::string(301, 'a')}) {
        auto refused = json({"center", "set", "--address-uk", bad, "--name-uk", "Інша назва"}, 1);
        EXPECT_EQ(refused["ok"], false);
        EXPECT_EQ(refused["problem"]["code"], "center.settings_invalid");
        EXPECT_EQ(refused["problem"]["params"]["pointer"], "/address/uk");
    }
    auto shown = json({"center", "show"}, 0);
    EXPECT_EQ(shown["address_uk"], "");
    EXPECT_EQ(shown["name_uk"], "Сервісний центр МВС");
    auto init_refused = cli_json({"init", "--address-en", "a\tb", "--data", file("other")}, 1);
    EXPECT_EQ(init_refused["problem"]["params"]["pointer"], "/address/en");
}

TEST_F(CenterDetailsCommands, UsageErrors) {
    init();
    EXPECT_EQ(run({"center", "set"}).exit_code, 2);  // nothing to change
    EXPECT_EQ(run({"center", "set", "extra", "--address-uk", "x"}).exit_code, 2);
    EXPECT_EQ(run({"center", "show", "extra"}).exit_code, 2);
    EXPECT_EQ(run({"center", "set", "--address-de", "x"}).exit_code, 2);
    auto help = cli({"center", "set", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--address-uk"), std::string::npos) << help.out;
}

TEST_F(CenterDetailsCommands, WithoutACenterTheyAreRefused) {
    auto refused = json({"center", "show"}, 1);
    EXPECT_EQ(refused["problem"]["code"], "center.not_initialised");
    EXPECT_EQ(json({"center", "set", "--address-uk", "x"}, 1)["problem"]["code"],
              "center.not_initialised");
}

}  // namespace
}  // namespace cherha::test
