// UTF-8 decoding and encoding shared by the core's parsers, and the way a message names a
// character it refuses. RFC 3629 throughout: no overlong forms, no surrogates, nothing above
// U+10FFFF; a NUL byte is a well-formed character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cherha::core {

// One character decoded from UTF-8 text.
struct DecodedChar {
    char32_t code_point = 0;  // the code point; 0 when !valid
    std::size_t bytes = 1;    // bytes taken: the sequence length, or 1 when !valid
    bool valid = false;       // false for an ill-formed or truncated sequence
};

// Decodes the character that starts at text[at].
// Needs: at < text.size().
// Guarantees: a valid result takes 1 to 4 bytes, all inside `text`; an ill-formed sequence
// (bad lead byte, missing or bad continuation byte, overlong form, surrogate, above
// U+10FFFF, truncated at the end) gives {0, 1, false}, so a caller that advances by `bytes`
// steps over exactly one bad byte and always makes progress. Thread-safe.
DecodedChar decode_utf8_char(std::string_view text, std::size_t at);

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF; NUL bytes are well-formed). Thread-safe.
bool is_valid_utf8(std::string_view text);

// Appends the UTF-8 form of `code_point` (1 to 4 bytes) to `out`.
// Guarantees: returns false and appends nothing for a surrogate (U+D800..U+DFFF) or a value
// above U+10FFFF. Thread-safe.
bool append_utf8(std::string& out, char32_t code_point);

// "U+" and the code point in upper-case hexadecimal, at least 4 digits ("U+0009",
// "U+1F600"). Thread-safe.
std::string code_point_label(char32_t code_point);

// "0x" and the byte in two upper-case hexadecimal digits ("0xC3"). Thread-safe.
std::string byte_label(unsigned char byte);

// True for the C0 controls, DEL and the C1 controls (U+0000..U+001F, U+007F..U+009F).
// Thread-safe.
bool is_control_code_point(char32_t code_point);

// How a Problem param names the character that starts at text[at] (e.g. the "character"
// param of booking_code.character or mrz.character): the byte as "0xNN" when the sequence
// there is ill-formed, "U+XXXX" when `spell_out(code point)` is true (characters a reader
// could not see or tell apart), otherwise the character's own UTF-8 bytes.
// Needs: at < text.size(); spell_out not null. Thread-safe when spell_out is.
std::string describe_char(std::string_view text, std::size_t at,
                          bool (*spell_out)(char32_t) = is_control_code_point);

}  // namespace cherha::core
