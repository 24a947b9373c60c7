#include <gtest/gtest.h>

#include "cli_fixture.h"

using namespace cherha::test;

namespace {

TEST(Translit, OfficialTransliterationAndMrzForm) {
    auto r = cli({"translit", "Згурський", "Олексій"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "Zghurskyi Oleksii\n");
    auto doc = cli_json({"translit", "Мар'яна Коваль-Іванова"}, 0);
    EXPECT_EQ(doc["latin"], "Mariana Koval-Ivanova");
    EXPECT_EQ(doc["mrz"], "MARIANA<KOVAL<IVANOVA");
}

TEST(Translit, RejectsInvalidUtf8AndMissingText) {
    EXPECT_EQ(cli({"translit", std::string("\xD0\x9F\xFF", 3)}).exit_code, 2);
    EXPECT_EQ(cli({"translit"}).exit_code, 2);
}

}  // namespace
