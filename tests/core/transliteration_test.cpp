// The KMU resolution 55 (2010) transliteration and the MRZ form of a name.
#include "core/names/transliteration.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace cherha::core {
namespace {

TEST(Transliteration, OfficialExamples) {
    const std::pair<const char*, const char*> examples[] = {
        {"Алушта", "Alushta"},       {"Згорани", "Zghorany"},
        {"Розгон", "Rozghon"},       {"Єнакієве", "Yenakiieve"},
        {"Гаєвич", "Haievych"},      {"Короп'є", "Koropie"},
        {"Їжакевич", "Yizhakevych"}, {"Кадиївка", "Kadyivka"},
        {"Йосипівка", "Yosypivka"},  {"Стрий", "Stryi"},
        {"Олексій", "Oleksii"},      {"Юрій", "Yurii"},
        {"Корюківка", "Koriukivka"}, {"Яготин", "Yahotyn"},
        {"Костянтин", "Kostiantyn"}, {"Знам'янка", "Znamianka"},
        {"Феодосія", "Feodosiia"},   {"Щербухи", "Shcherbukhy"},
        {"Гоща", "Hoshcha"},         {"Жашків", "Zhashkiv"},
        {"Харків", "Kharkiv"},       {"Біла Церква", "Bila Tserkva"},
        {"Чернігів", "Chernihiv"},   {"Шостка", "Shostka"},
        {"Гадяч", "Hadiach"},        {"Русь", "Rus"},
        {"Любомир", "Liubomyr"},     {"Вінниця", "Vinnytsia"},
        {"Ґалаґан", "Galagan"},      {"Згурський", "Zghurskyi"},
    };
    for (const auto& [cyrillic, latin] : examples)
        EXPECT_EQ(transliterate_kmu55(cyrillic), latin) << cyrillic;
}

TEST(Transliteration, WholeAlphabet) {
    EXPECT_EQ(transliterate_kmu55("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
              "abvhgdeiezhzyiiiklmnoprstufkhtschshshchiuia");
    // The same letters, each at the start of a word.
    EXPECT_EQ(transliterate_kmu55("є ї й ю я"), "ye yi y yu ya");
}

TEST(Transliteration, WordStarts) {
    // A space or hyphen starts a word; an apostrophe does not.
    EXPECT_EQ(transliterate_kmu55("Коваль-Ющенко"), "Koval-Yushchenko");
    EXPECT_EQ(transliterate_kmu55("Мар'яна"), "Mariana");
    EXPECT_EQ(transliterate_kmu55("Мар\u02BCяна"), "Mariana");
    EXPECT_EQ(transliterate_kmu55("Мар\u2019яна"), "Mariana");
    EXPECT_EQ(transliterate_kmu55("Мар`яна"), "Mariana");
    EXPECT_EQ(transliterate_kmu55("Олег Юрійович"), "Oleh Yuriiovych");
    EXPECT_EQ(transliterate_kmu55("Київ"), "Kyiv");
    EXPECT_EQ(transliterate_kmu55("(Ярослав)"), "(Yaroslav)");
    EXPECT_EQ(transliterate_kmu55("2Я"), "2Ya");
    // An apostrophe at the start of the text does not hide the word start.
    EXPECT_EQ(transliterate_kmu55("'Яна'"), "Yana");
}

TEST(Transliteration, ZghOnlyForZFollowedByH) {
    EXPECT_EQ(transliterate_kmu55("зг"), "zgh");
    EXPECT_EQ(transliterate_kmu55("ЗГ"), "ZGH");
    EXPECT_EQ(transliterate_kmu55("Зг"), "Zgh");
    EXPECT_EQ(transliterate_kmu55("з г"), "z h");
    EXPECT_EQ(transliterate_kmu55("з-г"), "z-h");
    EXPECT_EQ(transliterate_kmu55("сг"), "sh");
    EXPECT_EQ(transliterate_kmu55("гз"), "hz");
}

TEST(Transliteration, CaseFollowsTheSource) {
    EXPECT_EQ(transliterate_kmu55("Щ"), "Shch");
    EXPECT_EQ(transliterate_kmu55("ЩЕ"), "SHCHE");
    EXPECT_EQ(transliterate_kmu55("Ще"), "Shche");
    EXPECT_EQ(transliterate_kmu55("ще"), "shche");
    EXPECT_EQ(transliterate_kmu55("ШЕВЧЕНКО"), "SHEVCHENKO");
    EXPECT_EQ(transliterate_kmu55("ЮРІЙ"), "YURII");
    EXPECT_EQ(transliterate_kmu55("ЄВГЕН"), "YEVHEN");
    EXPECT_EQ(transliterate_kmu55("ГАЄВИЧ"), "HAIEVYCH");
    EXPECT_EQ(transliterate_kmu55("ЗАЯЦЬ"), "ZAIATS");
    EXPECT_EQ(transliterate_kmu55("ЗАЯЦ"), "ZAIATS");  // last letter: the one before decides
    EXPECT_EQ(transliterate_kmu55("ЗаяЦ"), "ZaiaTs");
    EXPECT_EQ(transliterate_kmu55("МАР'ЯНА"), "MARIANA");
    EXPECT_EQ(transliterate_kmu55("ЮЩЕНКО Ю."), "YUSHCHENKO Yu.");
    EXPECT_EQ(transliterate_kmu55("шЧ"), "shCh");
}

TEST(Transliteration, NfdInputIsComposedFirst) {
    EXPECT_EQ(transliterate_kmu55("\u0418\u0306осипівка"), "Yosypivka");   // Й decomposed
    EXPECT_EQ(transliterate_kmu55("\u0406\u0308жакевич"), "Yizhakevych");  // Ї decomposed
    EXPECT_EQ(transliterate_kmu55("Стри\u0438\u0306"), "Stryi");
}

TEST(Transliteration, EverythingElsePassesThrough) {
    EXPECT_EQ(transliterate_kmu55(""), "");
    EXPECT_EQ(transliterate_kmu55("Іван Smith 42, №7"), "Ivan Smith 42, №7");
    EXPECT_EQ(transliterate_kmu55("ЫЭЁЪ"), "ЫЭЁЪ");
    EXPECT_EQ(transliterate_kmu55(std::string("а\0б", 5)), std::string("a\0b", 3));
    EXPECT_EQ(transliterate_kmu55("Іван\xFF"), "Ivan\uFFFD");
    EXPECT_EQ(transliterate_kmu55("\xD0"), "\uFFFD");
    std::string huge;
    for (int i = 0; i < 100000; ++i) huge += "Щ";
    EXPECT_EQ(transliterate_kmu55(huge).size(), 400000u);
    EXPECT_EQ(transliterate_kmu55(huge).substr(0, 8), "SHCHSHCH");
}

TEST(MrzNameForm, UpperCaseWithFillers) {
    EXPECT_EQ(mrz_name_form("Мар'яна Коваль-Іванова"), "MARIANA<KOVAL<IVANOVA");
    EXPECT_EQ(mrz_name_form("Шевченко Тарас Григорович"), "SHEVCHENKO<TARAS<HRYHOROVYCH");
    EXPECT_EQ(mrz_name_form("  Коваль -- Іванова "), "KOVAL<IVANOVA");
    EXPECT_EQ(mrz_name_form("Коваль\u2014Іванова"), "KOVAL<IVANOVA");
    EXPECT_EQ(mrz_name_form("Коваль\u00A0Іванова"), "KOVAL<IVANOVA");
    EXPECT_EQ(mrz_name_form("Згурський"), "ZGHURSKYI");
    EXPECT_EQ(mrz_name_form("Знам\u02BCянка"), "ZNAMIANKA");
}

TEST(MrzNameForm, OtherCharactersRemoved) {
    EXPECT_EQ(mrz_name_form("O'Brien"), "OBRIEN");
    EXPECT_EQ(mrz_name_form("José Müller"), "JOSE<MULLER");
    EXPECT_EQ(mrz_name_form("Іван2 (Петро)."), "IVAN<PETRO");
    EXPECT_EQ(mrz_name_form("Ыван"), "VAN");
    EXPECT_EQ(mrz_name_form(""), "");
    EXPECT_EQ(mrz_name_form(" - "), "");
    EXPECT_EQ(mrz_name_form("\xFF\xFE"), "");
    EXPECT_EQ(mrz_name_form(std::string("Іван\0Петро", 19)), "IVANPETRO");
}

}  // namespace
}  // namespace cherha::core
