#include "core/verification/presented_document.h"

#include <string_view>
#include <vector>

#include "core/identity/rnokpp.h"

namespace cherha::core {

namespace {

std::vector<std::string_view> filler_separated_words(std::string_view field) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    while (start <= field.size()) {
        std::size_t end = field.find('<', start);
        if (end == std::string_view::npos) end = field.size();
        if (end > start) words.push_back(field.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

bool is_ten_digits(std::string_view word) {
    if (word.size() != 10) return false;
    for (char c : word)
        if (c < '0' || c > '9') return false;
    return true;
}

// The RNOKPP a Ukrainian ID card carries in its optional data, when one is there.
std::optional<std::string> rnokpp_in_optional_data(const Mrz& mrz) {
    for (const std::string* field : {&mrz.optional_data, &mrz.optional_data_2}) {
        for (std::string_view word : filler_separated_words(*field)) {
            if (is_ten_digits(word) && parse_rnokpp(word).ok()) return std::string(word);
        }
    }
    return std::nullopt;
}

}  // namespace

Result<PresentedDocument> presented_document_from_mrz(const Mrz& mrz) {
    if (!mrz.birth_date) return Problem("mrz.date", {{"line", "2"}, {"field", "birth_date"}});
    PresentedDocument document;
    document.document_type =
        mrz.format == MrzFormat::Td3 ? DocumentType::ForeignPassport : DocumentType::IdCard;
    document.document_number = mrz.document_number;
    document.surname = mrz.surname;
    document.given_name = mrz.given_names;
    document.birth_date = *mrz.birth_date;
    document.expiry_date = mrz.expiry_date;
    document.latin_names = true;
    if (mrz.format == MrzFormat::Td1 && mrz.issuing_state == "UKR")
        document.rnokpp = rnokpp_in_optional_data(mrz);
    return document;
}

}  // namespace cherha::core
