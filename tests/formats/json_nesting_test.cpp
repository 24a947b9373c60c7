// The JSON nesting limit counted before parsing (src/formats/json_nesting.h).
#include "formats/json_nesting.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::formats {
namespace {

TEST(JsonNesting, DepthAtTheLimitPassesOneMoreIsFoundWhereItOpens) {
    EXPECT_FALSE(first_too_deep("", 2));
    EXPECT_FALSE(first_too_deep("[{}]", 2));
    EXPECT_FALSE(first_too_deep("[{}][{\"a\":[]}]", 3));
    auto at = first_too_deep("[{\"a\": [1]}]", 2);
    ASSERT_TRUE(at);
    EXPECT_EQ(*at, 7u);  // the '[' of the third level
    EXPECT_EQ(first_too_deep(std::string(100000, '['), 64).value_or(0), 64u);
}

TEST(JsonNesting, BracketsInStringsAndEscapesDoNotCount) {
    EXPECT_FALSE(first_too_deep("[\"[[[[{{{{\"]", 1));
    EXPECT_FALSE(first_too_deep("[\"\\\"[[[[\"]", 1));  // an escaped quote keeps the string open
    EXPECT_FALSE(first_too_deep("[\"\\\\\", \"[[\"]", 1));  // an escaped backslash does not
    EXPECT_TRUE(first_too_deep("[\"\\\\\"[]]", 1));         // after "\\" the string has ended
}

TEST(JsonNesting, AnyBytesAreSafe) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    EXPECT_FALSE(first_too_deep(bytes, 8));        // one '[' and one '{' at most, never deeper
    EXPECT_FALSE(first_too_deep("]]]]}}}}[", 1));  // closing first never goes negative-deep
}

}  // namespace
}  // namespace cherha::formats
