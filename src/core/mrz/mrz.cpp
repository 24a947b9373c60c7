#include "core/mrz/mrz.h"

#include <string>
#include <utility>

#include "core/common/utf8.h"

namespace cherha::core {

namespace {

// No MRZ, however generously spaced, is longer than this; longer text is refused before
// any work proportional to it is done.
constexpr std::size_t kMaxTextBytes = 1024;

constexpr std::size_t kTd1Lines = 3, kTd1Length = 30;
constexpr std::size_t kTd3Lines = 2, kTd3Length = 44;

// Byte offsets of the characters of `s` (plus one past the end).
std::vector<std::size_t> char_offsets(std::string_view s) {
    std::vector<std::size_t> offsets;
    std::size_t at = 0;
    while (at < s.size()) {
        offsets.push_back(at);
        at += decode_utf8_char(s, at).bytes;
    }
    offsets.push_back(s.size());
    return offsets;
}

std::size_t char_count(std::string_view s) {
    return char_offsets(s).size() - 1;
}

// Characters mrz.character spells out as U+XXXX: controls, spaces and other invisible or
// look-alike-blank characters.
bool is_invisible(char32_t cp) {
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || cp == 0xFEFF;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// Splits on \n, \r\n and \r; trims spaces and tabs; drops blank lines.
std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    const auto take = [&](std::size_t end) {
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
        while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
        if (!line.empty()) lines.emplace_back(line);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            take(i);
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    take(text.size());
    return lines;
}

// A TD3 or TD1 typed without line breaks becomes its lines.
void split_unbroken_line(std::vector<std::string>& lines) {
    if (lines.size() != 1) return;
    const std::vector<std::size_t> offsets = char_offsets(lines.front());
    const std::size_t count = offsets.size() - 1;
    std::size_t per_line = 0;
    if (count == kTd3Lines * kTd3Length) per_line = kTd3Length;
    if (count == kTd1Lines * kTd1Length) per_line = kTd1Length;
    if (per_line == 0) return;
    const std::string whole = lines.front();
    lines.clear();
    for (std::size_t first = 0; first < count; first += per_line)
        lines.push_back(whole.substr(offsets[first], offsets[first + per_line] - offsets[first]));
}

Problem format_problem(const std::vector<std::string>& lines) {
    std::string lengths;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 4) {
            lengths += ",...";
            break;
        }
        if (i > 0) lengths += ',';
        lengths += std::to_string(char_count(lines[i]));
    }
    return Problem("mrz.format", {{"lines", std::to_string(lines.size())}, {"lengths", lengths}});
}

// Upper-cases each line in place; the first character outside A-Z 0-9 '<' is a problem.
std::optional<Problem> normalise_characters(std::vector<std::string>& lines) {
    for (std::size_t l = 0; l < lines.size(); ++l) {
        std::string& line = lines[l];
        for (std::size_t at = 0; at < line.size(); ++at) {
            char& c = line[at];
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            const bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
            // Every character before this one was ASCII, so the byte offset is the column.
            if (!allowed) {
                return Problem("mrz.character",
                               {{"line", std::to_string(l + 1)},
                                {"column", std::to_string(at + 1)},
                                {"character", describe_char(line, at, is_invisible)}});
            }
        }
    }
    return std::nullopt;
}

std::string strip_fillers(std::string_view field) {
    while (!field.empty() && field.front() == '<') field.remove_prefix(1);
    while (!field.empty() && field.back() == '<') field.remove_suffix(1);
    return std::string(field);
}

// '<' runs become one space; fillers at the ends are dropped.
std::string words_of(std::string_view field) {
    std::string out;
    bool pending_space = false;
    for (char c : field) {
        if (c == '<') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

void parse_name(std::string_view field, Mrz& mrz) {
    const std::size_t separator = field.find("<<");
    if (separator == std::string_view::npos) {
        mrz.surname = words_of(field);
        return;
    }
    mrz.surname = words_of(field.substr(0, separator));
    mrz.given_names = words_of(field.substr(separator + 2));
}

// Collects the content problems of one reading.
class ContentChecks {
  public:
    explicit ContentChecks(std::vector<Problem>& out) : out_(out) {}

    void check_digit(int line, std::string_view field, std::string_view data, char actual) {
        const int expected = mrz_check_digit(data);
        if (actual == static_cast<char>('0' + expected)) return;
        out_.emplace_back("mrz.check_digit", std::vector<std::pair<std::string, std::string>>{
                                                 {"line", std::to_string(line)},
                                                 {"field", std::string(field)},
                                                 {"expected", std::to_string(expected)},
                                                 {"actual", std::string(1, actual)}});
    }

    std::optional<Date> date(int line, std::string_view field, std::string_view yymmdd,
                             std::optional<Date> not_after) {
        std::optional<Date> parsed = parse_yymmdd(yymmdd, not_after);
        if (!parsed)
            out_.emplace_back("mrz.date",
                              std::vector<std::pair<std::string, std::string>>{
                                  {"line", std::to_string(line)}, {"field", std::string(field)}});
        return parsed;
    }

    MrzSex sex(int line, char marker) {
        switch (marker) {
            case 'M':
                return MrzSex::Male;
            case 'F':
                return MrzSex::Female;
            case '<':
            case 'X':
                return MrzSex::Unspecified;
            default:
                out_.emplace_back("mrz.sex", std::vector<std::pair<std::string, std::string>>{
                                                 {"line", std::to_string(line)},
                                                 {"character", std::string(1, marker)}});
                return MrzSex::Unspecified;
        }
    }

  private:
    // YYMMDD in the 2000s, or in the 1900s when the 2000s date would be after `not_after`.
    static std::optional<Date> parse_yymmdd(std::string_view s, std::optional<Date> not_after) {
        int value[3] = {0, 0, 0};
        for (std::size_t i = 0; i < 6; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            value[i / 2] = value[i / 2] * 10 + (s[i] - '0');
        }
        const auto month = date::month{static_cast<unsigned>(value[1])};
        const auto day = date::day{static_cast<unsigned>(value[2])};
        Date d{date::year{2000 + value[0]}, month, day};
        if (!d.ok()) return std::nullopt;
        if (not_after && date::sys_days{d} > date::sys_days{*not_after})
            d = Date{date::year{1900 + value[0]}, month, day};
        return d.ok() ? std::optional<Date>(d) : std::nullopt;
    }

    std::vector<Problem>& out_;
};

std::string sub(const std::string& s, std::size_t from, std::size_t length) {
    return s.substr(from, length);
}

MrzReading parse_td3(const std::vector<std::string>& lines, Date today) {
    MrzReading reading;
    Mrz& m = reading.mrz;
    ContentChecks checks(reading.problems);
    const std::string& l1 = lines[0];
    const std::string& l2 = lines[1];
    m.format = MrzFormat::Td3;
    m.document_code = strip_fillers(sub(l1, 0, 2));
    m.issuing_state = strip_fillers(sub(l1, 2, 3));
    parse_name(sub(l1, 5, 39), m);

    m.document_number = strip_fillers(sub(l2, 0, 9));
    checks.check_digit(2, "document_number", sub(l2, 0, 9), l2[9]);
    m.nationality = strip_fillers(sub(l2, 10, 3));
    checks.check_digit(2, "birth_date", sub(l2, 13, 6), l2[19]);
    m.birth_date = checks.date(2, "birth_date", sub(l2, 13, 6), today);
    m.sex = checks.sex(2, l2[20]);
    checks.check_digit(2, "expiry_date", sub(l2, 21, 6), l2[27]);
    m.expiry_date = checks.date(2, "expiry_date", sub(l2, 21, 6), std::nullopt);
    const std::string personal_number = sub(l2, 28, 14);
    m.optional_data = strip_fillers(personal_number);
    // An all-filler personal number may have a filler as its check digit.
    if (!(m.optional_data.empty() && l2[42] == '<'))
        checks.check_digit(2, "optional_data", personal_number, l2[42]);
    checks.check_digit(2, "composite", sub(l2, 0, 10) + sub(l2, 13, 7) + sub(l2, 21, 22), l2[43]);
    return reading;
}

MrzReading parse_td1(const std::vector<std::string>& lines, Date today) {
    MrzReading reading;
    Mrz& m = reading.mrz;
    ContentChecks checks(reading.problems);
    const std::string& l1 = lines[0];
    const std::string& l2 = lines[1];
    const std::string& l3 = lines[2];
    m.format = MrzFormat::Td1;
    m.document_code = strip_fillers(sub(l1, 0, 2));
    m.issuing_state = strip_fillers(sub(l1, 2, 3));

    const std::string number_head = sub(l1, 5, 9);
    const std::string optional_1 = sub(l1, 15, 15);
    if (l1[14] != '<') {
        m.document_number = strip_fillers(number_head);
        checks.check_digit(1, "document_number", number_head, l1[14]);
        m.optional_data = strip_fillers(optional_1);
    } else {
        // A long number continues in the optional data, ended by its check digit and a filler.
        std::size_t tail = optional_1.find('<');
        if (tail == std::string::npos) tail = optional_1.size();
        if (tail == 0) {
            m.document_number = strip_fillers(number_head);
            checks.check_digit(1, "document_number", number_head, '<');
            m.optional_data = strip_fillers(optional_1);
        } else {
            const std::string continuation = optional_1.substr(0, tail - 1);
            m.document_number = strip_fillers(number_head + continuation);
            checks.check_digit(1, "document_number", number_head + continuation,
                               optional_1[tail - 1]);
            m.optional_data = strip_fillers(optional_1.substr(tail));
        }
    }

    checks.check_digit(2, "birth_date", sub(l2, 0, 6), l2[6]);
    m.birth_date = checks.date(2, "birth_date", sub(l2, 0, 6), today);
    m.sex = checks.sex(2, l2[7]);
    checks.check_digit(2, "expiry_date", sub(l2, 8, 6), l2[14]);
    m.expiry_date = checks.date(2, "expiry_date", sub(l2, 8, 6), std::nullopt);
    m.nationality = strip_fillers(sub(l2, 15, 3));
    m.optional_data_2 = strip_fillers(sub(l2, 18, 11));
    checks.check_digit(2, "composite",
                       sub(l1, 5, 25) + sub(l2, 0, 7) + sub(l2, 8, 7) + sub(l2, 18, 11), l2[29]);
    parse_name(l3, m);
    return reading;
}

}  // namespace

int mrz_check_digit(std::string_view field) {
    static constexpr int kWeights[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        int value = 0;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (c >= 'A' && c <= 'Z')
            value = c - 'A' + 10;
        else if (c >= 'a' && c <= 'z')
            value = c - 'a' + 10;
        sum = (sum + value * kWeights[i % 3]) % 10;
    }
    return sum;
}

Result<MrzReading> read_mrz(std::string_view text, Date today) {
    if (text.size() > kMaxTextBytes)
        return Problem("mrz.too_long", {{"length", std::to_string(text.size())},
                                        {"max", std::to_string(kMaxTextBytes)}});
    std::vector<std::string> lines = split_lines(text);
    if (lines.empty()) return Problem("mrz.empty");
    split_unbroken_line(lines);

    const auto all_of_length = [&](std::size_t length) {
        for (const std::string& line : lines)
            if (char_count(line) != length) return false;
        return true;
    };
    const bool td3 = lines.size() == kTd3Lines && all_of_length(kTd3Length);
    const bool td1 = lines.size() == kTd1Lines && all_of_length(kTd1Length);
    if (!td3 && !td1) return format_problem(lines);
    if (std::optional<Problem> bad = normalise_characters(lines)) return *std::move(bad);

    const char kind = lines[0][0];
    const bool known_code = td3 ? kind == 'P' : (kind == 'A' || kind == 'C' || kind == 'I');
    if (!known_code)
        return Problem("mrz.document_code", {{"line", "1"}, {"code", lines[0].substr(0, 2)}});

    MrzReading reading = td3 ? parse_td3(lines, today) : parse_td1(lines, today);
    reading.mrz.lines = std::move(lines);
    return reading;
}

Result<MrzReading> read_mrz_lines(const std::vector<std::string>& lines, Date today) {
    std::size_t total = 0;
    for (const std::string& line : lines) total += line.size() + 1;
    if (total > kMaxTextBytes)
        return Problem("mrz.too_long",
                       {{"length", std::to_string(total)}, {"max", std::to_string(kMaxTextBytes)}});
    std::string text;
    for (const std::string& line : lines) {
        text += line;
        text += '\n';
    }
    return read_mrz(text, today);
}

std::string_view mrz_format_id(MrzFormat format) {
    return format == MrzFormat::Td1 ? "td1" : "td3";
}

std::string_view mrz_sex_id(MrzSex sex) {
    switch (sex) {
        case MrzSex::Male:
            return "male";
        case MrzSex::Female:
            return "female";
        case MrzSex::Unspecified:
            break;
    }
    return "unspecified";
}

}  // namespace cherha::core
