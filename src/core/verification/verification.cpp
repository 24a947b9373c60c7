#include "core/verification/verification.h"

#include <iterator>
#include <utility>

#include "core/identity/rnokpp.h"
#include "core/names/person_name.h"
#include "core/names/transliteration.h"

namespace cherha::core {

namespace {

std::string_view trim_spaces(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_blank(std::string_view s) {
    return trim_spaces(s).empty();
}

std::string iso_or_empty(Date d) {
    return d.ok() ? format_iso_date(d) : std::string();
}

Problem field_problem(std::string code, VerifiedField field) {
    return Problem(std::move(code), {{"field", std::string(verified_field_id(field))}});
}

Problem missing(VerifiedField field, std::string_view side) {
    return field_problem("verification.missing", field).with("side", std::string(side));
}

FieldCheck check_of(VerifiedField field, FieldStatus status, std::string registered,
                    std::string presented, std::optional<Problem> reason = std::nullopt) {
    return FieldCheck{field, status, std::move(registered), std::move(presented),
                      std::move(reason)};
}

// A Latin name as a comparison key: ASCII letters upper-cased, every run of spaces, tabs,
// hyphens and '<' one '<', none at the ends. Other bytes are kept, so they never match
// the A-Z of a transliteration.
std::string latin_key(std::string_view name) {
    std::string key;
    bool pending_separator = false;
    for (char c : name) {
        if (c == ' ' || c == '\t' || c == '-' || c == '<') {
            pending_separator = !key.empty();
            continue;
        }
        if (pending_separator) key += '<';
        pending_separator = false;
        key += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return key;
}

// Compares two present names (surname, given name or patronymic).
FieldCheck compare_name(VerifiedField field, const std::string& registered,
                        const std::string& presented, bool presented_in_latin) {
    if (is_blank(registered) || is_blank(presented)) {
        const char* side = is_blank(registered) && is_blank(presented) ? "both"
                           : is_blank(registered)                      ? "registered"
                                                                       : "presented";
        return check_of(field, FieldStatus::Mismatch, registered, presented, missing(field, side));
    }
    if (!is_valid_utf8(registered) || !is_valid_utf8(presented)) {
        return check_of(field, FieldStatus::Mismatch, registered, presented,
                        field_problem("verification.different", field));
    }
    if (presented_in_latin) {
        if (registered == presented) {
            return check_of(field, FieldStatus::Match, registered, presented);
        }
        const std::string transliteration = mrz_name_form(registered);
        const std::string expected = latin_key(transliteration);
        const bool same = !expected.empty() && expected == latin_key(presented);
        Problem reason = field_problem(same ? "verification.transliterated"
                                            : "verification.transliteration_different",
                                       field)
                             .with("transliteration", transliteration);
        return check_of(field, same ? FieldStatus::MatchAfterNormalization : FieldStatus::Mismatch,
                        registered, presented, std::move(reason));
    }
    switch (compare_names(registered, presented)) {
        case NameMatch::Exact:
            return check_of(field, FieldStatus::Match, registered, presented);
        case NameMatch::EqualAfterNormalization:
            return check_of(field, FieldStatus::MatchAfterNormalization, registered, presented,
                            field_problem("verification.normalized", field));
        case NameMatch::Different:
            break;
    }
    return check_of(field, FieldStatus::Mismatch, registered, presented,
                    field_problem("verification.different", field));
}

FieldCheck compare_patronymic(const Registration& r, const PresentedDocument& p) {
    const VerifiedField field = VerifiedField::Patronymic;
    const std::string registered = r.patronymic.value_or("");
    const std::string presented = p.patronymic.value_or("");
    const bool has_registered = !is_blank(registered);
    const bool has_presented = !is_blank(presented);
    if (has_registered && has_presented)
        return compare_name(field, registered, presented, p.latin_names);
    if (!has_registered && !has_presented)  // a person with no patronymic
        return check_of(field, FieldStatus::NotComparable, registered, presented,
                        missing(field, "both"));
    const char* side = has_registered ? "presented" : "registered";
    // A Latin document (passport, MRZ) never shows a patronymic, so its absence there says
    // nothing. A Cyrillic document does show it, and the booking holds the visitor's exact
    // data (PRODUCT.md rule 6): a patronymic on one side only is a difference.
    const FieldStatus status = p.latin_names ? FieldStatus::NotComparable : FieldStatus::Mismatch;
    return check_of(field, status, registered, presented, missing(field, side));
}

FieldCheck compare_document_type(const Registration& r, const PresentedDocument& p) {
    const VerifiedField field = VerifiedField::DocumentType;
    std::string registered(document_type_id(r.document_type));
    std::string presented(document_type_id(p.document_type));
    if (r.document_type == p.document_type)
        return check_of(field, FieldStatus::Match, std::move(registered), std::move(presented));
    return check_of(field, FieldStatus::Mismatch, std::move(registered), std::move(presented),
                    field_problem("verification.different", field));
}

FieldCheck compare_document_number(const Registration& r, const PresentedDocument& p) {
    const VerifiedField field = VerifiedField::DocumentNumber;
    const std::string& registered = r.document_number;
    const std::string& presented = p.document_number;
    const std::string registered_key = document_number_key(registered);
    const std::string presented_key = document_number_key(presented);
    if (registered_key.empty() || presented_key.empty()) {
        const char* side = registered_key.empty() && presented_key.empty() ? "both"
                           : registered_key.empty()                        ? "registered"
                                                                           : "presented";
        return check_of(field, FieldStatus::Mismatch, registered, presented, missing(field, side));
    }
    if (registered == presented) return check_of(field, FieldStatus::Match, registered, presented);
    if (registered_key == presented_key)
        return check_of(field, FieldStatus::MatchAfterNormalization, registered, presented,
                        field_problem("verification.normalized", field));
    return check_of(field, FieldStatus::Mismatch, registered, presented,
                    field_problem("verification.different", field));
}

FieldCheck compare_birth_date(const Registration& r, const PresentedDocument& p) {
    const VerifiedField field = VerifiedField::BirthDate;
    std::string registered = iso_or_empty(r.birth_date);
    std::string presented = iso_or_empty(p.birth_date);
    if (registered.empty() || presented.empty()) {
        const char* side = registered.empty() && presented.empty() ? "both"
                           : registered.empty()                    ? "registered"
                                                                   : "presented";
        return check_of(field, FieldStatus::Mismatch, std::move(registered), std::move(presented),
                        missing(field, side));
    }
    if (r.birth_date == p.birth_date)
        return check_of(field, FieldStatus::Match, std::move(registered), std::move(presented));
    return check_of(field, FieldStatus::Mismatch, std::move(registered), std::move(presented),
                    field_problem("verification.different", field));
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

FieldCheck compare_rnokpp(const Registration& r, const PresentedDocument& p) {
    const VerifiedField field = VerifiedField::Rnokpp;
    const std::string registered = r.rnokpp.value_or("");
    const std::string presented = p.rnokpp.value_or("");
    const bool has_registered = !is_blank(registered);
    const bool has_presented = !is_blank(presented);
    if (has_registered && has_presented) {
        if (registered == presented)
            return check_of(field, FieldStatus::Match, registered, presented);
        if (without_spaces(registered) == without_spaces(presented))
            return check_of(field, FieldStatus::MatchAfterNormalization, registered, presented,
                            field_problem("verification.normalized", field));
        return check_of(field, FieldStatus::Mismatch, registered, presented,
                        field_problem("verification.different", field));
    }
    if (!has_registered && has_presented && r.has_no_rnokpp)
        return check_of(field, FieldStatus::Mismatch, registered, presented,
                        field_problem("verification.rnokpp_declared_absent", field));
    const char* side = !has_registered && !has_presented ? "both"
                       : !has_registered                 ? "registered"
                                                         : "presented";
    return check_of(field, FieldStatus::NotComparable, registered, presented, missing(field, side));
}

FieldCheck check_expiry(const PresentedDocument& p, Date today,
                        std::vector<Problem>& verdict_problems) {
    const VerifiedField field = VerifiedField::Expiry;
    if (!p.expiry_date)
        return check_of(field, FieldStatus::NotComparable, "", "", missing(field, "presented"));
    const Date expiry = *p.expiry_date;
    if (!expiry.ok())
        return check_of(field, FieldStatus::Mismatch, "", "", missing(field, "presented"));
    std::string presented = format_iso_date(expiry);
    if (date::sys_days{expiry} < date::sys_days{today}) {
        Problem expired("document.expired", {{"expiry", presented}});
        verdict_problems.push_back(expired);
        return check_of(field, FieldStatus::Mismatch, "", std::move(presented), std::move(expired));
    }
    return check_of(field, FieldStatus::Match, "", std::move(presented));
}

// Problems of the registration itself: an invalid RNOKPP, or one whose encoded date of birth
// contradicts the registered one.
void check_registered_rnokpp(const Registration& r, std::vector<Problem>& verdict_problems) {
    if (!r.rnokpp || is_blank(*r.rnokpp)) return;
    const Result<Rnokpp> parsed = parse_rnokpp(*r.rnokpp);
    if (!parsed) {
        verdict_problems.push_back(parsed.problem());
        return;
    }
    if (!r.birth_date.ok()) return;  // reported as the birth_date field
    if (std::optional<Problem> contradiction = check_rnokpp_birth_date(*parsed, r.birth_date))
        verdict_problems.push_back(*std::move(contradiction));
}

}  // namespace

const FieldCheck& Verification::field(VerifiedField wanted) const {
    for (const FieldCheck& check : fields)
        if (check.field == wanted) return check;
    // Only a Verification not made by verify() lacks a field: it reads as not compared.
    static const FieldCheck kNotChecked[] = {
        {VerifiedField::DocumentType, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::DocumentNumber, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::Surname, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::GivenName, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::Patronymic, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::BirthDate, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::Rnokpp, FieldStatus::NotComparable, "", "", std::nullopt},
        {VerifiedField::Expiry, FieldStatus::NotComparable, "", "", std::nullopt},
    };
    const auto index = static_cast<std::size_t>(wanted);
    return kNotChecked[index < std::size(kNotChecked) ? index : std::size(kNotChecked) - 1];
}

Verification verify(const Registration& registration, const PresentedDocument& presented,
                    Date today, std::span<const Problem> document_problems) {
    Verification v;
    v.fields.push_back(compare_document_type(registration, presented));
    v.fields.push_back(compare_document_number(registration, presented));
    v.fields.push_back(compare_name(VerifiedField::Surname, registration.surname, presented.surname,
                                    presented.latin_names));
    v.fields.push_back(compare_name(VerifiedField::GivenName, registration.given_name,
                                    presented.given_name, presented.latin_names));
    v.fields.push_back(compare_patronymic(registration, presented));
    v.fields.push_back(compare_birth_date(registration, presented));
    v.fields.push_back(compare_rnokpp(registration, presented));
    v.fields.push_back(check_expiry(presented, today, v.problems));
    check_registered_rnokpp(registration, v.problems);
    v.problems.insert(v.problems.end(), document_problems.begin(), document_problems.end());

    bool refused = !v.problems.empty();
    for (const FieldCheck& check : v.fields)
        if (check.status == FieldStatus::Mismatch) refused = true;
    v.verdict = refused ? Verdict::Mismatch : Verdict::Match;
    return v;
}

std::string_view verified_field_id(VerifiedField field) {
    switch (field) {
        case VerifiedField::DocumentType:
            return "document_type";
        case VerifiedField::DocumentNumber:
            return "document_number";
        case VerifiedField::Surname:
            return "surname";
        case VerifiedField::GivenName:
            return "given_name";
        case VerifiedField::Patronymic:
            return "patronymic";
        case VerifiedField::BirthDate:
            return "birth_date";
        case VerifiedField::Rnokpp:
            return "rnokpp";
        case VerifiedField::Expiry:
            break;
    }
    return "expiry";
}

std::string_view field_status_id(FieldStatus status) {
    switch (status) {
        case FieldStatus::Match:
            return "match";
        case FieldStatus::MatchAfterNormalization:
            return "match_after_normalization";
        case FieldStatus::Mismatch:
            return "mismatch";
        case FieldStatus::NotComparable:
            break;
    }
    return "not_comparable";
}

std::string_view verdict_id(Verdict verdict) {
    return verdict == Verdict::Match ? "match" : "mismatch";
}

}  // namespace cherha::core
