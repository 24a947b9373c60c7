#include "center/synthetic_identity.h"

#include <array>
#include <string>
#include <string_view>

#include "core/identity/edrpou.h"

namespace cherha::center {

namespace {

// Surnames that are the same for men and women.
constexpr std::array<std::string_view, 20> kSurnames{
    "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко",  "Мельник",   "Олійник",
    "Шевчук",   "Поліщук",   "Лисенко",    "Марченко", "Савченко",   "Руденко",   "Мороз",
    "Бойко",    "Ткачук",    "Кравчук",    "Гнатюк",   "Дем'яненко", "Литвиненко"};

struct Name {
    std::string_view male;
    std::string_view female;
};

constexpr std::array<Name, 10> kGivenNames{{{"Олександр", "Олена"},
                                            {"Андрій", "Наталія"},
                                            {"Сергій", "Ірина"},
                                            {"Іван", "Оксана"},
                                            {"Дмитро", "Тетяна"},
                                            {"Микола", "Марія"},
                                            {"Василь", "Юлія"},
                                            {"Юрій", "Світлана"},
                                            {"Богдан", "Катерина"},
                                            {"Тарас", "Ганна"}}};

// Patronymics from a father's name: for a son and for a daughter.
constexpr std::array<Name, 10> kPatronymics{{{"Олександрович", "Олександрівна"},
                                             {"Андрійович", "Андріївна"},
                                             {"Сергійович", "Сергіївна"},
                                             {"Іванович", "Іванівна"},
                                             {"Дмитрович", "Дмитрівна"},
                                             {"Миколайович", "Миколаївна"},
                                             {"Васильович", "Василівна"},
                                             {"Юрійович", "Юріївна"},
                                             {"Богданович", "Богданівна"},
                                             {"Тарасович", "Тарасівна"}}};

constexpr std::array<std::string_view, 6> kPassportBookSeries{"АВ", "ВК", "КМ", "СН", "ЕР", "МЕ"};
constexpr std::array<std::string_view, 4> kLicenceSeries{"ВХІ", "АХЕ", "КХР", "ЕХВ"};
constexpr std::array<std::string_view, 4> kForeignSeries{"FA", "FB", "FE", "FK"};

constexpr std::array<std::string_view, 5> kCompanies{
    "ТОВ «Автошкола Старт»", "ПП «Дорожній майстер»", "ТОВ «Перевізник Плюс»",
    "ТОВ «Агротранс-Південь»", "ПП «Таксі Світанок»"};

}  // namespace

SyntheticIdentities::SyntheticIdentities(std::uint32_t seed) : random_(seed) {}

int SyntheticIdentities::pick(int n) {
    return static_cast<int>(random_() % static_cast<std::uint32_t>(n));
}

core::Date SyntheticIdentities::birth_date() {
    // 1950-01-01 .. 2004-12-28: every day of a month up to 28 exists.
    return core::Date{date::year{1950 + pick(55)}, date::month{static_cast<unsigned>(1 + pick(12))},
                      date::day{static_cast<unsigned>(1 + pick(28))}};
}

std::string SyntheticIdentities::digits(int count, long long counter) {
    // A random leading part and the counter, zero-padded, at the end: distinct but varied.
    const int random_part = count >= 9 ? 3 : 1;
    std::string out;
    for (int i = 0; i < count; ++i) out += static_cast<char>('0' + pick(10));
    for (int i = count - 1; i >= random_part; --i, counter /= 10)
        out[static_cast<std::size_t>(i)] = static_cast<char>('0' + counter % 10);
    return out;
}

std::string SyntheticIdentities::document_number(core::DocumentType type) {
    const long long counter = ++document_counter_;
    switch (type) {
        case core::DocumentType::IdCard:
        case core::DocumentType::ResidencePermit:
            return digits(9, counter);
        case core::DocumentType::PassportBook:
            return std::string(kPassportBookSeries[static_cast<std::size_t>(
                       pick(kPassportBookSeries.size()))]) +
                   digits(6, counter);
        case core::DocumentType::ForeignPassport:
            return std::string(
                       kForeignSeries[static_cast<std::size_t>(pick(kForeignSeries.size()))]) +
                   digits(6, counter);
        case core::DocumentType::DrivingLicence:
            return std::string(
                       kLicenceSeries[static_cast<std::size_t>(pick(kLicenceSeries.size()))]) +
                   digits(6, counter);
    }
    return digits(9, counter);
}

core::Registration SyntheticIdentities::person(core::DocumentType type) {
    const bool male = pick(2) == 0;
    const auto& given = kGivenNames[static_cast<std::size_t>(pick(kGivenNames.size()))];
    const auto& father = kPatronymics[static_cast<std::size_t>(pick(kPatronymics.size()))];
    core::Registration r;
    r.kind = core::RegistrantKind::NaturalPerson;
    r.surname = std::string(kSurnames[static_cast<std::size_t>(pick(kSurnames.size()))]);
    r.given_name = std::string(male ? given.male : given.female);
    r.patronymic = std::string(male ? father.male : father.female);
    r.birth_date = birth_date();
    r.rnokpp = core::compose_rnokpp(r.birth_date, rnokpp_serial_++ % 1000,
                                    male ? core::Sex::Male : core::Sex::Female);
    r.document_type = type;
    r.document_number = document_number(type);
    return r;
}

core::Registration SyntheticIdentities::person_without_rnokpp() {
    core::Registration r = person(core::DocumentType::PassportBook);
    r.rnokpp.reset();
    r.has_no_rnokpp = true;
    return r;
}

core::Registration SyntheticIdentities::representative() {
    core::Registration r = person(core::DocumentType::IdCard);
    r.kind = core::RegistrantKind::LegalEntityRepresentative;
    r.legal_entity = core::LegalEntity{
        core::compose_edrpou(3000000 + pick(3000000)),
        std::string(kCompanies[static_cast<std::size_t>(pick(kCompanies.size()))])};
    return r;
}

}  // namespace cherha::center
