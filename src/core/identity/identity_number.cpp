#include "core/identity/identity_number.h"

#include <algorithm>
#include <cstddef>
#include <string>

namespace cherha::core {

namespace {

bool all_ascii_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when `text` holds a character of the Cyrillic block U+0400..U+04FF, whose UTF-8
// lead bytes are 0xD0..0xD3.
bool typed_in_cyrillic(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0xD0U && byte <= 0xD3U;
    });
}

IdentityGuess document_guess(DocumentType type) {
    return IdentityGuess{IdentityKind::Document, type};
}

}  // namespace

std::optional<IdentityGuess> guess_identity_kind(std::string_view text) {
    // The key drops spaces and hyphens exactly as document numbers do.
    const std::string key = document_number_key(text);
    if (all_ascii_digits(key)) {
        switch (key.size()) {
            case 10:
                return IdentityGuess{IdentityKind::Rnokpp, std::nullopt};
            case 8:
                return IdentityGuess{IdentityKind::Edrpou, std::nullopt};
            case 9:
                return document_guess(DocumentType::IdCard);
            default:
                return std::nullopt;
        }
    }
    if (parse_document_number(DocumentType::DrivingLicence, text).ok())
        return document_guess(DocumentType::DrivingLicence);

    const bool book = parse_document_number(DocumentType::PassportBook, text).ok();
    const bool foreign = parse_document_number(DocumentType::ForeignPassport, text).ok();
    if (book && foreign) {
        // Only look-alike letters: the script they were typed in decides.
        return document_guess(typed_in_cyrillic(text) ? DocumentType::PassportBook
                                                      : DocumentType::ForeignPassport);
    }
    if (book) return document_guess(DocumentType::PassportBook);
    if (foreign) return document_guess(DocumentType::ForeignPassport);
    return std::nullopt;
}

}  // namespace cherha::core
