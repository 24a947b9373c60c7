#include "core/names/transliteration.h"

#include <cstddef>
#include <cstdint>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/names/person_name.h"

namespace cherha::core {

namespace {

// The Latin of one lower-case Ukrainian letter: at the start of a word and elsewhere
// (the same for all but Є Ї Й Ю Я). nullptr when `c` is not a Ukrainian letter.
struct LatinOfLetter {
    const char* word_start;
    const char* elsewhere;
};

const LatinOfLetter* latin_of(UChar32 lower) {
    static constexpr LatinOfLetter kA{"a", "a"}, kB{"b", "b"}, kV{"v", "v"}, kH{"h", "h"},
        kG{"g", "g"}, kD{"d", "d"}, kE{"e", "e"}, kYe{"ye", "ie"}, kZh{"zh", "zh"}, kZ{"z", "z"},
        kY{"y", "y"}, kI{"i", "i"}, kYi{"yi", "i"}, kJ{"y", "i"}, kK{"k", "k"}, kL{"l", "l"},
        kM{"m", "m"}, kN{"n", "n"}, kO{"o", "o"}, kP{"p", "p"}, kR{"r", "r"}, kS{"s", "s"},
        kT{"t", "t"}, kU{"u", "u"}, kF{"f", "f"}, kKh{"kh", "kh"}, kTs{"ts", "ts"}, kCh{"ch", "ch"},
        kSh{"sh", "sh"}, kShch{"shch", "shch"}, kSoft{"", ""}, kYu{"yu", "iu"}, kYa{"ya", "ia"};
    switch (lower) {
        case U'а':
            return &kA;
        case U'б':
            return &kB;
        case U'в':
            return &kV;
        case U'г':
            return &kH;
        case U'ґ':
            return &kG;
        case U'д':
            return &kD;
        case U'е':
            return &kE;
        case U'є':
            return &kYe;
        case U'ж':
            return &kZh;
        case U'з':
            return &kZ;
        case U'и':
            return &kY;
        case U'і':
            return &kI;
        case U'ї':
            return &kYi;
        case U'й':
            return &kJ;
        case U'к':
            return &kK;
        case U'л':
            return &kL;
        case U'м':
            return &kM;
        case U'н':
            return &kN;
        case U'о':
            return &kO;
        case U'п':
            return &kP;
        case U'р':
            return &kR;
        case U'с':
            return &kS;
        case U'т':
            return &kT;
        case U'у':
            return &kU;
        case U'ф':
            return &kF;
        case U'х':
            return &kKh;
        case U'ц':
            return &kTs;
        case U'ч':
            return &kCh;
        case U'ш':
            return &kSh;
        case U'щ':
            return &kShch;
        case U'ь':
            return &kSoft;
        case U'ю':
            return &kYu;
        case U'я':
            return &kYa;
        default:
            return nullptr;
    }
}

icu::UnicodeString decode_utf8(std::string_view utf8) {
    if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) utf8 = utf8.substr(0, INT32_MAX);
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

icu::UnicodeString normalized(const icu::UnicodeString& text, bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* form = compose ? icu::Normalizer2::getNFCInstance(status)
                                           : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || form == nullptr) return text;
    icu::UnicodeString result = form->normalize(text, status);
    return U_FAILURE(status) ? text : result;
}

std::vector<UChar32> code_points(const icu::UnicodeString& text) {
    std::vector<UChar32> result;
    result.reserve(static_cast<std::size_t>(text.length()));
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
        result.push_back(text.char32At(i));
    return result;
}

bool is_apostrophe(UChar32 c) {
    return is_apostrophe_variant(static_cast<char32_t>(c));
}

bool is_mark(UChar32 c) {
    const auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
           type == U_ENCLOSING_MARK;
}

bool is_letter(UChar32 c) {
    return u_isalpha(c) != 0 || is_mark(c);
}

// The nearest letter before index `i`, looking through apostrophes; -1 if none.
UChar32 letter_before(const std::vector<UChar32>& text, std::size_t i) {
    while (i > 0) {
        const UChar32 c = text[--i];
        if (is_apostrophe(c)) continue;
        return is_letter(c) ? c : -1;
    }
    return -1;
}

// The nearest letter after index `i`, looking through apostrophes; -1 if none.
UChar32 letter_after(const std::vector<UChar32>& text, std::size_t i) {
    for (++i; i < text.size(); ++i) {
        const UChar32 c = text[i];
        if (is_apostrophe(c)) continue;
        return is_letter(c) ? c : -1;
    }
    return -1;
}

bool is_capital(UChar32 c) {
    return c >= 0 && u_isupper(c) != 0;
}

// Writes `latin` (lower-case ASCII) in the case of the source letter.
void append_in_case(std::string& out, std::string_view latin, bool capital, bool all_capitals) {
    for (std::size_t k = 0; k < latin.size(); ++k) {
        char ch = latin[k];
        if (capital && (all_capitals || k == 0)) ch = static_cast<char>(ch - 'a' + 'A');
        out += ch;
    }
}

}  // namespace

std::string transliterate_kmu55(std::string_view utf8) {
    const std::vector<UChar32> text = code_points(normalized(decode_utf8(utf8), true));
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const UChar32 c = text[i];
        if (is_apostrophe(c)) continue;
        const UChar32 lower = u_tolower(c);
        const LatinOfLetter* latin = latin_of(lower);
        if (latin == nullptr) {
            icu::UnicodeString(c).toUTF8String(out);
            continue;
        }
        const UChar32 before = letter_before(text, i);
        const bool word_start = before < 0;
        std::string_view piece = word_start ? latin->word_start : latin->elsewhere;
        if (lower == U'г' && i > 0 && u_tolower(text[i - 1]) == U'з') piece = "gh";

        const bool capital = c != lower;
        const UChar32 after = letter_after(text, i);
        const bool all_capitals = after >= 0 ? is_capital(after) : is_capital(before);
        append_in_case(out, piece, capital, all_capitals);
    }
    return out;
}

std::string mrz_name_form(std::string_view utf8) {
    const icu::UnicodeString latin = decode_utf8(transliterate_kmu55(utf8));
    // Decomposed, so Latin letters with diacritics keep their base letter (É -> E).
    const std::vector<UChar32> text = code_points(normalized(latin, false));
    std::string out;
    bool pending_separator = false;
    for (const UChar32 c : text) {
        if (is_apostrophe(c)) continue;
        if (u_isUWhiteSpace(c) || is_hyphen_variant(static_cast<char32_t>(c))) {
            pending_separator = !out.empty();
            continue;
        }
        const UChar32 upper = u_toupper(c);
        if (upper < 'A' || upper > 'Z') continue;
        if (pending_separator) out += '<';
        pending_separator = false;
        out += static_cast<char>(upper);
    }
    return out;
}

}  // namespace cherha::core
