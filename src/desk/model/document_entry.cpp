#include "desk/model/document_entry.h"

#include <charconv>
#include <cstdio>

#include "core/common/utf8.h"
#include "core/identity/document_number.h"

namespace cherha::desk {
namespace {

constexpr std::size_t kMaxFieldBytes = 200;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// `max_digits` digits at most: a day or month of 3 digits would wrap in date::day/month
// (8 bits), so "257.01.1990" read as 1 January.
bool parse_number(std::string_view text, std::size_t max_digits, int& out) {
    if (text.empty() || text.size() > max_digits) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc{} && end == text.data() + text.size();
}

core::Problem field_problem(const char* field, const char* reason) {
    return core::Problem("desk.document_field", {{"field", field}, {"reason", reason}});
}

std::string two_digits(unsigned value) {
    char out[8];
    std::snprintf(out, sizeof out, "%02u", value % 100);
    return out;
}

}  // namespace

std::optional<core::Date> parse_typed_date(std::string_view text) {
    text = trim(text);
    if (text.find('-') != std::string_view::npos) {
        if (text.size() != 10) return std::nullopt;
        return core::parse_iso_date(text);
    }
    const auto first = text.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = text.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    int day = 0;
    int month = 0;
    int year = 0;
    if (!parse_number(text.substr(0, first), 2, day) ||
        !parse_number(text.substr(first + 1, second - first - 1), 2, month) ||
        text.size() - second - 1 != 4 || !parse_number(text.substr(second + 1), 4, year))
        return std::nullopt;
    const core::Date date{date::year{year}, date::month{static_cast<unsigned>(month)},
                          date::day{static_cast<unsigned>(day)}};
    if (!date.ok() || month < 1 || day < 1) return std::nullopt;
    return date;
}

core::Result<core::PresentedDocument> presented_document(const DocumentFields& fields) {
    core::PresentedDocument out;
    const auto text_field = [](const char* name, const std::string& value, bool required,
                               std::string& target) -> std::optional<core::Problem> {
        const auto trimmed = trim(value);
        if (trimmed.size() > kMaxFieldBytes) return field_problem(name, "too_long");
        if (!core::is_valid_utf8(trimmed)) return field_problem(name, "invalid_utf8");
        if (required && trimmed.empty()) return field_problem(name, "empty");
        target = std::string(trimmed);
        return std::nullopt;
    };
    const auto type = core::document_type_from_id(fields.document_type);
    if (!type) return field_problem("document_type", "unknown");
    out.document_type = *type;
    if (auto p = text_field("document_number", fields.document_number, true, out.document_number))
        return *p;
    if (auto p = text_field("surname", fields.surname, true, out.surname)) return *p;
    if (auto p = text_field("given_name", fields.given_name, true, out.given_name)) return *p;
    std::string patronymic;
    if (auto p = text_field("patronymic", fields.patronymic, false, patronymic)) return *p;
    if (!patronymic.empty()) out.patronymic = patronymic;
    if (trim(fields.birth_date).empty()) return field_problem("birth_date", "empty");
    const auto birth = parse_typed_date(fields.birth_date);
    if (!birth) return field_problem("birth_date", "date");
    out.birth_date = *birth;
    if (!trim(fields.expiry_date).empty()) {
        const auto expiry = parse_typed_date(fields.expiry_date);
        if (!expiry) return field_problem("expiry_date", "date");
        out.expiry_date = *expiry;
    }
    std::string rnokpp;
    if (auto p = text_field("rnokpp", fields.rnokpp, false, rnokpp)) return *p;
    if (!rnokpp.empty()) out.rnokpp = rnokpp;
    out.latin_names = fields.latin_names;
    return out;
}

DocumentFields document_fields(const core::PresentedDocument& document) {
    const auto typed = [](core::Date d) {
        char year[16];
        std::snprintf(year, sizeof year, "%04d", static_cast<int>(d.year()));
        return two_digits(static_cast<unsigned>(d.day())) + "." +
               two_digits(static_cast<unsigned>(d.month())) + "." + year;
    };
    DocumentFields fields;
    fields.document_type = std::string(core::document_type_id(document.document_type));
    fields.document_number = document.document_number;
    fields.surname = document.surname;
    fields.given_name = document.given_name;
    fields.patronymic = document.patronymic.value_or("");
    fields.birth_date = typed(document.birth_date);
    if (document.expiry_date) fields.expiry_date = typed(*document.expiry_date);
    fields.rnokpp = document.rnokpp.value_or("");
    fields.latin_names = document.latin_names;
    return fields;
}

}  // namespace cherha::desk
