// UTF-8 decoding, encoding and the naming of refused characters (core/common/utf8.h):
// every sequence length on both sides of its boundaries, every kind of ill-formed input.
#include "core/common/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cherha::core {
namespace {

struct Decoded {
    char32_t code_point;
    std::size_t bytes;
    bool valid;
};

Decoded decode_at(std::string_view text, std::size_t at = 0) {
    const DecodedChar c = decode_utf8_char(text, at);
    return {c.code_point, c.bytes, c.valid};
}

void expect_decoded(std::string_view text, char32_t code_point, std::size_t bytes) {
    const Decoded d = decode_at(text);
    EXPECT_TRUE(d.valid) << text;
    EXPECT_EQ(d.code_point, code_point) << text;
    EXPECT_EQ(d.bytes, bytes) << text;
}

void expect_ill_formed(std::string_view text) {
    const Decoded d = decode_at(text);
    EXPECT_FALSE(d.valid) << ::testing::PrintToString(std::string(text));
    EXPECT_EQ(d.code_point, 0u);
    EXPECT_EQ(d.bytes, 1u);  // one bad byte at a time
}

TEST(Utf8Decode, EveryLengthAtItsBoundaries) {
    expect_decoded(std::string("\0", 1), 0x0, 1);
    expect_decoded("A", 0x41, 1);
    expect_decoded("\x7F", 0x7F, 1);
    expect_decoded("\xC2\x80", 0x80, 2);
    expect_decoded("\xDF\xBF", 0x7FF, 2);
    expect_decoded("\xE0\xA0\x80", 0x800, 3);
    expect_decoded("\xED\x9F\xBF", 0xD7FF, 3);
    expect_decoded("\xEE\x80\x80", 0xE000, 3);
    expect_decoded("\xEF\xBF\xBF", 0xFFFF, 3);
    expect_decoded("\xF0\x90\x80\x80", 0x10000, 4);
    expect_decoded("\xF4\x8F\xBF\xBF", 0x10FFFF, 4);
    expect_decoded("Ї", 0x0407, 2);
    expect_decoded("€", 0x20AC, 3);
    expect_decoded("\U0001F600", 0x1F600, 4);
}

TEST(Utf8Decode, IllFormedSequencesTakeOneByte) {
    expect_ill_formed("\x80");  // lone continuation
    expect_ill_formed("\xBF");
    expect_ill_formed("\xC0\xAF");          // overlong '/'
    expect_ill_formed("\xC1\xBF");          // overlong
    expect_ill_formed("\xE0\x9F\xBF");      // overlong U+07FF
    expect_ill_formed("\xF0\x8F\xBF\xBF");  // overlong U+FFFF
    expect_ill_formed("\xED\xA0\x80");      // surrogate U+D800
    expect_ill_formed("\xED\xBF\xBF");      // surrogate U+DFFF
    expect_ill_formed("\xF4\x90\x80\x80");  // U+110000
    expect_ill_formed("\xF5\x80\x80\x80");
    expect_ill_formed("\xF8\x88\x80\x80\x80");
    expect_ill_formed("\xFE");
    expect_ill_formed("\xFF");
    expect_ill_formed("\xD0");          // truncated at the end
    expect_ill_formed("\xE2\x82");      // truncated
    expect_ill_formed("\xF0\x9F\x98");  // truncated
    expect_ill_formed("\xD0\x41");      // continuation missing ("A" follows)
    expect_ill_formed("\xE2\x82\x41");  // third byte not a continuation
    expect_ill_formed("\xE2\xC2\xAC");  // second byte a lead
}

TEST(Utf8Decode, DecodesInsideTheTextOnlyAndStepsThroughEverything) {
    const std::string text = std::string("a\xD0\x87\xFF\0€", 8);
    std::vector<char32_t> seen;
    std::vector<bool> valid;
    for (std::size_t at = 0; at < text.size();) {
        const DecodedChar c = decode_utf8_char(text, at);
        seen.push_back(c.code_point);
        valid.push_back(c.valid);
        at += c.bytes;
    }
    EXPECT_EQ(seen, (std::vector<char32_t>{U'a', 0x0407, 0, 0, 0x20AC}));
    EXPECT_EQ(valid, (std::vector<bool>{true, true, false, true, true}));
    // A sequence cut by the end of the view is not read past it.
    const std::string_view cut = std::string_view(text).substr(0, 2);
    EXPECT_FALSE(decode_utf8_char(cut, 1).valid);
}

TEST(Utf8Valid, WellFormedAndIllFormedText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Шевченко Тарас"));
    EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
    EXPECT_TRUE(is_valid_utf8("\U0010FFFF\uD7FF\uE000"));
    EXPECT_FALSE(is_valid_utf8("Шевченко\xD0"));
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
    EXPECT_FALSE(is_valid_utf8("ok\xC0\xAF"));
    EXPECT_FALSE(is_valid_utf8(std::string(1000, 'a') + "\x80"));
}

TEST(Utf8Encode, EveryLengthAndRoundTrip) {
    for (char32_t cp : {0x0u, 0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFFu,
                        0x10000u, 0x1F600u, 0x10FFFFu}) {
        std::string out = "x";
        ASSERT_TRUE(append_utf8(out, cp)) << static_cast<unsigned>(cp);
        const DecodedChar c = decode_utf8_char(out, 1);
        EXPECT_TRUE(c.valid) << static_cast<unsigned>(cp);
        EXPECT_EQ(c.code_point, cp);
        EXPECT_EQ(c.bytes, out.size() - 1);
        EXPECT_EQ(out.size() - 1, cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u);
    }
    std::string out;
    EXPECT_TRUE(append_utf8(out, 0x0407));
    EXPECT_EQ(out, "Ї");
}

TEST(Utf8Encode, RefusesSurrogatesAndValuesAboveTheRange) {
    for (char32_t cp : {0xD800u, 0xDBFFu, 0xDC00u, 0xDFFFu, 0x110000u, 0xFFFFFFFFu}) {
        std::string out = "keep";
        EXPECT_FALSE(append_utf8(out, cp)) << static_cast<unsigned>(cp);
        EXPECT_EQ(out, "keep");
    }
}

TEST(Utf8Labels, CodePointAndByte) {
    EXPECT_EQ(code_point_label(0x0), "U+0000");
    EXPECT_EQ(code_point_label(0x9), "U+0009");
    EXPECT_EQ(code_point_label(0x20AC), "U+20AC");
    EXPECT_EQ(code_point_label(0x1F600), "U+1F600");
    EXPECT_EQ(code_point_label(0x10FFFF), "U+10FFFF");
    EXPECT_EQ(byte_label(0x00), "0x00");
    EXPECT_EQ(byte_label(0x0A), "0x0A");
    EXPECT_EQ(byte_label(0xC3), "0xC3");
    EXPECT_EQ(byte_label(0xFF), "0xFF");
}

TEST(Utf8Labels, ControlCodePointsAreC0DelAndC1) {
    EXPECT_TRUE(is_control_code_point(0x00));
    EXPECT_TRUE(is_control_code_point(0x1F));
    EXPECT_FALSE(is_control_code_point(0x20));
    EXPECT_FALSE(is_control_code_point(0x7E));
    EXPECT_TRUE(is_control_code_point(0x7F));
    EXPECT_TRUE(is_control_code_point(0x9F));
    EXPECT_FALSE(is_control_code_point(0xA0));
    EXPECT_FALSE(is_control_code_point(0x0407));
}

bool spell_out_spaces(char32_t cp) {
    return cp == U' ' || cp == 0x00A0;
}

TEST(Utf8Describe, NamesTheCharacterAsAMessageParam) {
    EXPECT_EQ(describe_char("Z", 0), "Z");
    EXPECT_EQ(describe_char("aЇb", 1), "Ї");
    EXPECT_EQ(describe_char("a\U0001F600", 1), "\U0001F600");
    EXPECT_EQ(describe_char("\t", 0), "U+0009");
    EXPECT_EQ(describe_char(std::string("\0", 1), 0), "U+0000");
    EXPECT_EQ(describe_char("\x7F", 0), "U+007F");
    EXPECT_EQ(describe_char("\xC2\x85", 0), "U+0085");
    EXPECT_EQ(describe_char("\xC2\xA0", 0), "\xC2\xA0");  // not a control by default
    EXPECT_EQ(describe_char(" ", 0), " ");
    EXPECT_EQ(describe_char("\xFF", 0), "0xFF");
    EXPECT_EQ(describe_char("x\xD0", 1), "0xD0");         // truncated: the lead byte
    EXPECT_EQ(describe_char("\xED\xA0\x80", 0), "0xED");  // surrogate
    EXPECT_EQ(describe_char("\x80", 0), "0x80");
    // With another choice of characters to spell out.
    EXPECT_EQ(describe_char("\xC2\xA0", 0, spell_out_spaces), "U+00A0");
    EXPECT_EQ(describe_char(" ", 0, spell_out_spaces), "U+0020");
    EXPECT_EQ(describe_char("\t", 0, spell_out_spaces), "\t");
    EXPECT_EQ(describe_char("\xFF", 0, spell_out_spaces), "0xFF");
}

}  // namespace
}  // namespace cherha::core
