#include "core/names/person_name.h"

#include <cstddef>
#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace cherha::core {

namespace {

icu::UnicodeString decode_utf8(std::string_view utf8) {
    if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) utf8 = utf8.substr(0, INT32_MAX);
    // Replaces every ill-formed sequence with U+FFFD.
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

// Canonical caseless form (Unicode 3.13, D145): NFD, full case folding, then NFC.
icu::UnicodeString fold_and_compose(const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || nfd == nullptr || nfc == nullptr) {
        icu::UnicodeString folded(text);
        return folded.foldCase(U_FOLD_CASE_DEFAULT);
    }
    icu::UnicodeString decomposed = nfd->normalize(text, status);
    decomposed.foldCase(U_FOLD_CASE_DEFAULT);
    icu::UnicodeString composed = nfc->normalize(decomposed, status);
    if (U_FAILURE(status)) return decomposed;
    return composed;
}

}  // namespace

bool is_apostrophe_variant(char32_t c) {
    switch (c) {
        case U'\u0027':  // ' apostrophe
        case U'\u0060':  // ` grave accent
        case U'\u00B4':  // ´ acute accent
        case U'\u02B9':  // ʹ modifier letter prime
        case U'\u02BB':  // ʻ modifier letter turned comma
        case U'\u02BC':  // ʼ modifier letter apostrophe (the Ukrainian standard)
        case U'\u02BD':  // ʽ modifier letter reversed comma
        case U'\u2018':  // ‘ left single quotation mark
        case U'\u2019':  // ’ right single quotation mark
        case U'\u201B':  // ‛ single high-reversed-9 quotation mark
        case U'\u2032':  // ′ prime
        case U'\uFF07':  // ＇ full-width apostrophe
            return true;
        default:
            return false;
    }
}

bool is_hyphen_variant(char32_t c) {
    switch (c) {
        case U'\u002D':  // - hyphen-minus
        case U'\u2010':  // ‐ hyphen
        case U'\u2011':  // ‑ non-breaking hyphen
        case U'\u2012':  // ‒ figure dash
        case U'\u2013':  // – en dash
        case U'\u2014':  // — em dash
        case U'\u2015':  // ― horizontal bar
        case U'\u2212':  // − minus sign
        case U'\uFE58':  // ﹘ small em dash
        case U'\uFE63':  // ﹣ small hyphen-minus
        case U'\uFF0D':  // － full-width hyphen-minus
            return true;
        default:
            return false;
    }
}

std::string normalize_name(std::string_view utf8) {
    const icu::UnicodeString folded = fold_and_compose(decode_utf8(utf8));

    icu::UnicodeString key;
    bool pending_space = false;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 c = folded.char32At(i);
        if (u_isUWhiteSpace(c)) {
            pending_space = !key.isEmpty();
            continue;
        }
        if (pending_space) key.append(static_cast<UChar32>(U' '));
        pending_space = false;
        const auto code_point = static_cast<char32_t>(c);
        if (is_apostrophe_variant(code_point))
            key.append(static_cast<UChar32>(U'\u2019'));
        else if (is_hyphen_variant(code_point))
            key.append(static_cast<UChar32>(U'-'));
        else
            key.append(c);
    }
    std::string out;
    key.toUTF8String(out);
    return out;
}

NameMatch compare_names(std::string_view registered, std::string_view presented) {
    if (!is_valid_utf8(registered) || !is_valid_utf8(presented)) return NameMatch::Different;
    if (registered == presented) return NameMatch::Exact;
    return normalize_name(registered) == normalize_name(presented)
               ? NameMatch::EqualAfterNormalization
               : NameMatch::Different;
}

}  // namespace cherha::core
