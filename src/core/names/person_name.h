// Comparing names as the rules say: after Unicode normalisation (NFC), case folding,
// collapsing whitespace, and treating apostrophe variants (' ’ ʼ `) and hyphen variants
// (- ‐ ‑ – —) as one. Anything else that differs is a mismatch ("Олександр" ≠ "Олександра").
#pragma once

#include <string>
#include <string_view>

namespace cherha::core {

// The comparison key of a name: NFC, case-folded, trimmed, inner whitespace collapsed to
// one space, every apostrophe variant as U+2019 (’), every hyphen variant as '-'.
// Invalid UTF-8 sequences are replaced with U+FFFD (so they never match a valid name).
// Thread-safe.
std::string normalize_name(std::string_view utf8);

enum class NameMatch {
    Exact,                   // byte-for-byte equal
    EqualAfterNormalization, // equal keys, different bytes (case, spaces, apostrophes...)
    Different,
};

NameMatch compare_names(std::string_view registered, std::string_view presented);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace cherha::core
