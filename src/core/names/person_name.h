// Comparing names as the rules say: after Unicode normalisation (NFC), case folding,
// collapsing whitespace, and treating apostrophe variants (' ’ ʼ `) and hyphen variants
// (- ‐ ‑ – —) as one. Anything else that differs is a mismatch ("Олександр" ≠ "Олександра").
#pragma once

#include <string>
#include <string_view>

#include "core/common/utf8.h"

namespace cherha::core {

// The comparison key of a name: NFC, case-folded, trimmed, inner whitespace collapsed to
// one space, every apostrophe variant as U+2019 (’), every hyphen variant as '-'.
// Invalid UTF-8 sequences are replaced with U+FFFD (so they never match a valid name).
// Case folding is Unicode full folding done as canonical caseless matching
// (NFC(fold(NFD(x)))); whitespace is the Unicode White_Space property (NBSP, tabs,
// line breaks, ideographic space...). Spaces around hyphens are kept ("А - Б" ≠ "А-Б").
// Always returns well-formed UTF-8. Thread-safe.
std::string normalize_name(std::string_view utf8);

// The apostrophe variants taken as one: ' ` ´ ʹ ʻ ʼ ʽ ‘ ’ ‛ ′ ＇
// (U+0027 U+0060 U+00B4 U+02B9 U+02BB U+02BC U+02BD U+2018 U+2019 U+201B U+2032 U+FF07).
// Thread-safe.
bool is_apostrophe_variant(char32_t code_point);

// The hyphen variants taken as one: - ‐ ‑ ‒ – — ― − ﹘ ﹣ －
// (U+002D U+2010 U+2011 U+2012 U+2013 U+2014 U+2015 U+2212 U+FE58 U+FE63 U+FF0D).
// Thread-safe.
bool is_hyphen_variant(char32_t code_point);

enum class NameMatch {
    Exact,                    // byte-for-byte equal
    EqualAfterNormalization,  // equal keys, different bytes (case, spaces, apostrophes...)
    Different,
};

// Compares the name registered with a booking and the one on the presented document.
// Exact when the bytes are equal, EqualAfterNormalization when normalize_name gives equal
// keys, Different otherwise and whenever either side is not well-formed UTF-8 (an
// ill-formed name can never be verified, not even against the same bytes). Thread-safe.
NameMatch compare_names(std::string_view registered, std::string_view presented);

// is_valid_utf8(text), the well-formedness check compare_names applies, is declared in
// core/common/utf8.h (included above).

}  // namespace cherha::core
