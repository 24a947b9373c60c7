#include "core/identity/document_number.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/names/person_name.h"

namespace cherha::core {

namespace {

// Latin letter and its Cyrillic look-alike.
struct LookAlike {
    UChar32 latin;
    UChar32 cyrillic;
};

constexpr std::array<LookAlike, 12> kLookAlikes{{
    {'A', 0x0410},  // А
    {'B', 0x0412},  // В
    {'E', 0x0415},  // Е
    {'I', 0x0406},  // І
    {'K', 0x041A},  // К
    {'M', 0x041C},  // М
    {'H', 0x041D},  // Н
    {'O', 0x041E},  // О
    {'P', 0x0420},  // Р
    {'C', 0x0421},  // С
    {'T', 0x0422},  // Т
    {'X', 0x0425},  // Х
}};

enum class Alphabet { Latin, Cyrillic };

// One character of the typed text that is not a separator, upper-cased.
struct TypedCharacter {
    UChar32 upper;         // upper case
    UChar32 as_typed;      // as typed
    std::size_t position;  // 1-based character position in the typed text
};

bool is_separator(UChar32 c) {
    return u_isUWhiteSpace(c) != 0 || is_hyphen_variant(static_cast<char32_t>(c));
}

bool is_latin_capital(UChar32 c) {
    return c >= 'A' && c <= 'Z';
}

// Capital letters of the Ukrainian alphabet.
bool is_ukrainian_capital(UChar32 c) {
    if (c == 0x0404 || c == 0x0406 || c == 0x0407 || c == 0x0490) return true;  // Є І Ї Ґ
    if (c < 0x0410 || c > 0x042F) return false;
    return c != 0x042A && c != 0x042B && c != 0x042D;  // not Ъ Ы Э
}

bool is_ascii_digit(UChar32 c) {
    return c >= '0' && c <= '9';
}

// `c` (upper case) in `alphabet`, folding a look-alike of the other alphabet; -1 when the
// letter has no counterpart there.
UChar32 fold_into(UChar32 c, Alphabet alphabet) {
    if (alphabet == Alphabet::Cyrillic) {
        if (is_ukrainian_capital(c)) return c;
        for (const auto& pair : kLookAlikes)
            if (pair.latin == c) return pair.cyrillic;
    } else {
        if (is_latin_capital(c)) return c;
        for (const auto& pair : kLookAlikes)
            if (pair.cyrillic == c) return pair.latin;
    }
    return -1;
}

std::vector<TypedCharacter> typed_characters(std::string_view text) {
    // ICU lengths are int32_t: beyond that nothing is a document number anyway.
    if (text.size() > static_cast<std::size_t>(INT32_MAX)) text = text.substr(0, INT32_MAX);
    // fromUTF8 replaces invalid sequences with U+FFFD, so the text below is well-formed.
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    std::vector<TypedCharacter> result;
    std::size_t position = 0;
    for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
        const UChar32 c = unicode.char32At(i);
        ++position;
        if (is_separator(c)) continue;
        result.push_back({u_toupper(c), c, position});
    }
    return result;
}

void append_utf8(std::string& out, UChar32 c) {
    icu::UnicodeString(c).toUTF8String(out);
}

// Pattern of a document: count of letters, then digits; the code a face words.
struct Shape {
    std::size_t letters;
    std::size_t digits;
    Alphabet alphabet;
    std::string_view code;  // "9d", "2C6d", "2L6d", "3C6d"
};

constexpr Shape kNineDigits{0, 9, Alphabet::Cyrillic, "9d"};
constexpr Shape kCyrillicBook{2, 6, Alphabet::Cyrillic, "2C6d"};
constexpr Shape kLatinBook{2, 6, Alphabet::Latin, "2L6d"};
constexpr Shape kLicence{3, 6, Alphabet::Cyrillic, "3C6d"};

Problem length_problem(std::size_t length, std::string_view expected) {
    return Problem("document.length",
                   {{"length", std::to_string(length)}, {"expected", std::string(expected)}});
}

}  // namespace

std::string_view document_type_id(DocumentType type) {
    switch (type) {
        case DocumentType::IdCard:
            return "id_card";
        case DocumentType::PassportBook:
            return "passport_book";
        case DocumentType::ForeignPassport:
            return "foreign_passport";
        case DocumentType::DrivingLicence:
            return "driving_licence";
        case DocumentType::ResidencePermit:
            return "residence_permit";
    }
    return "unknown";
}

std::optional<DocumentType> document_type_from_id(std::string_view id) {
    for (DocumentType type :
         {DocumentType::IdCard, DocumentType::PassportBook, DocumentType::ForeignPassport,
          DocumentType::DrivingLicence, DocumentType::ResidencePermit}) {
        if (document_type_id(type) == id) return type;
    }
    return std::nullopt;
}

Result<DocumentNumber> parse_document_number(DocumentType type, std::string_view text) {
    const std::vector<TypedCharacter> chars = typed_characters(text);
    if (chars.empty()) return Problem("document.empty");

    const std::size_t length = chars.size();
    Shape shape = kNineDigits;
    switch (type) {
        case DocumentType::IdCard:
            if (length != 9) return length_problem(length, "9");
            shape = kNineDigits;
            break;
        case DocumentType::PassportBook:
            if (length != 8) return length_problem(length, "8");
            shape = kCyrillicBook;
            break;
        case DocumentType::ForeignPassport:
            if (length != 8) return length_problem(length, "8");
            shape = kLatinBook;
            break;
        case DocumentType::DrivingLicence:
            if (length != 9) return length_problem(length, "9");
            shape = kLicence;
            break;
        case DocumentType::ResidencePermit:
            if (length != 8 && length != 9) return length_problem(length, "8|9");
            shape = length == 9 ? kNineDigits : kCyrillicBook;
            break;
    }

    for (std::size_t i = 0; i < length; ++i) {
        const UChar32 c = chars[i].upper;
        const bool fits = i < shape.letters ? u_isalpha(c) != 0 : is_ascii_digit(c);
        if (!fits) {
            return Problem("document.format", {{"type", std::string(document_type_id(type))},
                                               {"expected", std::string(shape.code)}});
        }
    }

    std::string canonical;
    for (std::size_t i = 0; i < length; ++i) {
        UChar32 c = chars[i].upper;
        if (i < shape.letters) {
            c = fold_into(c, shape.alphabet);
            if (c < 0) {
                std::string letter;
                append_utf8(letter, chars[i].as_typed);
                return Problem("document.letter", {{"position", std::to_string(chars[i].position)},
                                                   {"letter", letter}});
            }
        }
        append_utf8(canonical, c);
    }
    return DocumentNumber{type, canonical};
}

std::string document_number_key(std::string_view text) {
    std::string key;
    for (const TypedCharacter& typed : typed_characters(text)) {
        const UChar32 cyrillic = fold_into(typed.upper, Alphabet::Cyrillic);
        append_utf8(key, cyrillic >= 0 ? cyrillic : typed.upper);
    }
    return key;
}

}  // namespace cherha::core
