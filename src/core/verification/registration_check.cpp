#include "core/verification/registration_check.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"
#include "core/names/person_name.h"

namespace cherha::core {

namespace {

constexpr char32_t kIllFormed = 0xFFFFFFFF;  // marks an ill-formed UTF-8 subsequence
constexpr int kMaxMinimumAge = 150;

// Decodes one character at text[i], advancing i. An ill-formed subsequence (the maximal
// subpart of a valid sequence, or a single bad byte) gives kIllFormed and counts as one
// character.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
        ++i;
        return kIllFormed;
    }
    std::size_t k = i + 1;
    for (std::size_t n = 1; n < length; ++n, ++k) {
        const bool in_range =
            k < text.size() && byte(k) >= (n == 1 ? lo : 0x80) && byte(k) <= (n == 1 ? hi : 0xBF);
        if (!in_range) {
            i = k;  // the lead byte and the valid continuation bytes so far
            return kIllFormed;
        }
        cp = (cp << 6) | (byte(k) & 0x3Fu);
    }
    i = k;
    return cp;
}

std::vector<char32_t> decode(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
    return out;
}

enum class Script { None, Cyrillic, Latin };

bool is_ukrainian_letter(char32_t c) {
    if (c >= 0x0410 && c <= 0x044F) {
        // Ъ Ы Э and ъ ы э are Russian, not Ukrainian.
        return c != 0x042A && c != 0x042B && c != 0x042D && c != 0x044A && c != 0x044B &&
               c != 0x044D;
    }
    // Є І Ї, Ґ and their small letters.
    return c == 0x0404 || c == 0x0406 || c == 0x0407 || c == 0x0454 || c == 0x0456 || c == 0x0457 ||
           c == 0x0490 || c == 0x0491;
}

bool is_latin_letter(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    if (c >= 0x00C0 && c <= 0x00FF) return c != 0x00D7 && c != 0x00F7;  // not x ÷
    if (c >= 0x0100 && c <= 0x024F) return c < 0x01C0 || c > 0x01C3;    // not ǀ ǁ ǂ ǃ
    return c >= 0x1E00 && c <= 0x1EFF;
}

Script letter_script(char32_t c) {
    if (is_ukrainian_letter(c)) return Script::Cyrillic;
    if (is_latin_letter(c)) return Script::Latin;
    return Script::None;
}

bool is_combining_diacritic(char32_t c) {
    return c >= 0x0300 && c <= 0x036F;
}

// Whether a combining mark may follow the base letter `base` directly: й/ї decomposed in
// Cyrillic (И/и + U+0306, І/і + U+0308).
bool cyrillic_mark_allowed(char32_t mark, char32_t base) {
    if (mark == 0x0306) return base == 0x0418 || base == 0x0438;
    if (mark == 0x0308) return base == 0x0406 || base == 0x0456;
    return false;
}

bool is_separator(char32_t c) {
    return c == U' ' || is_apostrophe_variant(c) || is_hyphen_variant(c);
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char ch) { return ch == ' '; });
}

void check_name(std::string_view field, std::string_view text, bool required,
                std::vector<Problem>& problems) {
    const std::string field_name(field);
    if (required && is_blank(text)) {
        problems.emplace_back(
            "registration.name_required",
            std::vector<std::pair<std::string, std::string>>{{"field", field_name}});
        return;
    }
    const std::vector<char32_t> chars = decode(text);
    if (chars.size() > kMaxNameCharacters) {
        problems.emplace_back(
            "registration.name_too_long",
            std::vector<std::pair<std::string, std::string>>{
                {"field", field_name}, {"max", std::to_string(kMaxNameCharacters)}});
    }

    std::optional<std::size_t> invalid_at;  // 0-based
    // Per script (0 Cyrillic, 1 Latin): letters counted and the first one's index.
    std::size_t letters[2] = {0, 0};
    std::size_t first_letter[2] = {0, 0};
    // What a combining mark at this point would attach to: Latin (after a Latin letter or a
    // mark attached to one), Cyrillic (right after a Cyrillic letter), None (anything else).
    Script mark_base = Script::None;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i];
        const Script s = letter_script(c);
        bool ok = true;
        if (s != Script::None) {
            const std::size_t k = s == Script::Cyrillic ? 0 : 1;
            if (letters[k]++ == 0) first_letter[k] = i;
            mark_base = s;
        } else if (is_combining_diacritic(c)) {
            ok = mark_base == Script::Latin ||
                 (mark_base == Script::Cyrillic && cyrillic_mark_allowed(c, chars[i - 1]));
            if (mark_base == Script::Cyrillic) mark_base = Script::None;  // one mark at most
        } else if (is_separator(c)) {
            const bool first = i == 0;
            const bool last = i + 1 == chars.size();
            ok = !first && !last && !is_separator(chars[i - 1]);
            mark_base = Script::None;
        } else {
            ok = false;  // ill-formed UTF-8, digits, symbols, other white space, NUL...
            mark_base = Script::None;
        }
        if (!ok) {
            if (!invalid_at) invalid_at = i;
            mark_base = Script::None;
        }
    }
    // Mixed scripts: point at the first letter of the minority script (on a tie, of the
    // script that does not start the name), where the stray look-alike most likely is.
    std::optional<std::size_t> mixed_at;
    if (letters[0] > 0 && letters[1] > 0) {
        std::size_t minority = letters[0] < letters[1] ? 0 : 1;
        if (letters[0] == letters[1]) minority = first_letter[0] < first_letter[1] ? 1 : 0;
        mixed_at = first_letter[minority];
    }
    if (invalid_at) {
        problems.emplace_back(
            "registration.name_invalid",
            std::vector<std::pair<std::string, std::string>>{
                {"field", field_name}, {"position", std::to_string(*invalid_at + 1)}});
    }
    if (mixed_at) {
        problems.emplace_back(
            "registration.name_mixed_scripts",
            std::vector<std::pair<std::string, std::string>>{
                {"field", field_name}, {"position", std::to_string(*mixed_at + 1)}});
    }
}

// The day a person born on `birth` reaches `years` years: the birthday in that year, or
// 1 March when the birthday is 29 February of a common year.
Date anniversary(Date birth, int years) {
    const date::year y = birth.year() + date::years{years};
    Date d = y / birth.month() / birth.day();
    if (!d.ok()) d = y / date::March / date::day{1};
    return d;
}

void check_birth_date(Date birth, Date today, int minimum_age, std::vector<Problem>& problems) {
    const auto reason = [&](std::string r) {
        problems.emplace_back(
            "registration.birth_date",
            std::vector<std::pair<std::string, std::string>>{{"reason", std::move(r)}});
    };
    if (!birth.ok()) return reason("invalid");
    if (today.ok() && birth > today) return reason("future");
    if (birth < date::year{1900} / date::January / date::day{1}) return reason("too_old");
    if (!today.ok()) return;
    const int age = std::clamp(minimum_age, 0, kMaxMinimumAge);
    if (today < anniversary(birth, age)) {
        problems.emplace_back("registration.birth_date",
                              std::vector<std::pair<std::string, std::string>>{
                                  {"reason", "too_young"}, {"min_age", std::to_string(age)}});
    }
}

void check_rnokpp(const Registration& r, std::vector<Problem>& problems) {
    const bool given = r.rnokpp.has_value() && !r.rnokpp->empty();
    if (!given && !r.has_no_rnokpp) problems.emplace_back("registration.rnokpp_required");
    if (given && r.has_no_rnokpp) problems.emplace_back("registration.rnokpp_conflict");
    if (!given) return;
    const Result<Rnokpp> parsed = parse_rnokpp(*r.rnokpp);
    if (!parsed) {
        problems.push_back(parsed.problem());
        return;
    }
    if (!r.birth_date.ok()) return;  // already reported as registration.birth_date
    if (auto mismatch = check_rnokpp_birth_date(*parsed, r.birth_date))
        problems.push_back(std::move(*mismatch));
}

void check_document(const Registration& r, std::vector<Problem>& problems) {
    if (document_type_id(r.document_type) == "unknown") {
        problems.emplace_back("registration.document_type_invalid");
        return;
    }
    const Result<DocumentNumber> parsed = parse_document_number(r.document_type, r.document_number);
    if (!parsed) problems.push_back(parsed.problem());
}

void check_entity_name(std::string_view name, std::vector<Problem>& problems) {
    if (is_blank(name)) {
        problems.emplace_back("registration.entity_name_required");
        return;
    }
    const std::vector<char32_t> chars = decode(name);
    if (chars.size() > kMaxEntityNameCharacters) {
        problems.emplace_back("registration.entity_name_too_long",
                              std::vector<std::pair<std::string, std::string>>{
                                  {"max", std::to_string(kMaxEntityNameCharacters)}});
    }
    const auto bad = std::find_if(chars.begin(), chars.end(), [](char32_t c) {
        return c == kIllFormed || c < 0x20 || (c >= 0x7F && c <= 0x9F);
    });
    if (bad != chars.end()) {
        problems.emplace_back(
            "registration.entity_name_invalid",
            std::vector<std::pair<std::string, std::string>>{
                {"position", std::to_string(static_cast<std::size_t>(bad - chars.begin()) + 1)}});
    }
}

void check_entity(const Registration& r, std::vector<Problem>& problems) {
    if (r.kind != RegistrantKind::LegalEntityRepresentative) {
        if (r.legal_entity) problems.emplace_back("registration.entity_not_allowed");
        return;
    }
    if (!r.legal_entity) {
        problems.emplace_back("registration.entity_required");
        return;
    }
    const Result<Edrpou> edrpou = parse_edrpou(r.legal_entity->edrpou);
    if (!edrpou) problems.push_back(edrpou.problem());
    check_entity_name(r.legal_entity->name, problems);
}

}  // namespace

std::vector<Problem> check_registration(const Registration& registration, Date today,
                                        int minimum_age) {
    std::vector<Problem> problems;
    check_name("surname", registration.surname, true, problems);
    check_name("given_name", registration.given_name, true, problems);
    if (registration.patronymic && !registration.patronymic->empty())
        check_name("patronymic", *registration.patronymic, false, problems);
    check_birth_date(registration.birth_date, today, minimum_age, problems);
    check_rnokpp(registration, problems);
    check_document(registration, problems);
    check_entity(registration, problems);
    return problems;
}

}  // namespace cherha::core
