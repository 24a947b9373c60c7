#include "cli/arguments.h"

#include <gtest/gtest.h>

using cherha::cli::ArgumentError;
using cherha::cli::ArgumentSpec;
using cherha::cli::parse_arguments;

namespace {

const ArgumentSpec kSpec{{"out", "type"}, {"mrz", "verbose"}};

TEST(Arguments, PositionalOptionsAndFlags) {
    ArgumentError error;
    auto a =
        parse_arguments({"one", "--out", "x.png", "--mrz", "two", "--type=rnokpp"}, kSpec, error);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->positional, (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(a->option("out"), "x.png");
    EXPECT_EQ(a->option("type"), "rnokpp");
    EXPECT_TRUE(a->flag("mrz"));
    EXPECT_FALSE(a->flag("verbose"));
}

TEST(Arguments, UnknownOptionIsAnError) {
    ArgumentError error;
    EXPECT_FALSE(parse_arguments({"--bogus"}, kSpec, error));
    EXPECT_EQ(error.code, "usage.unknown_option");
    EXPECT_EQ(error.option, "--bogus");
    EXPECT_FALSE(parse_arguments({"-x"}, kSpec, error));
    EXPECT_EQ(error.option, "-x");
}

TEST(Arguments, OptionWithoutValueIsAnError) {
    ArgumentError error;
    EXPECT_FALSE(parse_arguments({"a", "--out"}, kSpec, error));
    EXPECT_EQ(error.code, "usage.missing_value");
    EXPECT_EQ(error.option, "--out");
}

TEST(Arguments, FlagGivenAValueIsAnError) {
    ArgumentError error;
    EXPECT_FALSE(parse_arguments({"--mrz=yes"}, kSpec, error));
    EXPECT_EQ(error.code, "usage.unknown_option");
}

TEST(Arguments, DoubleDashEndsOptions) {
    ArgumentError error;
    auto a = parse_arguments({"--", "--out", "-x", "--"}, kSpec, error);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->positional, (std::vector<std::string>{"--out", "-x", "--"}));
    EXPECT_TRUE(a->options.empty());
}

TEST(Arguments, NegativeNumbersAndLoneDashArePositional) {
    ArgumentError error;
    auto a = parse_arguments({"-5", "-"}, kSpec, error);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->positional, (std::vector<std::string>{"-5", "-"}));
}

}  // namespace
