// cherha mrz parse [LINE...]: reads a machine-readable zone (TD1 or TD3) from the
// arguments or from standard input, as an MRZ reader types it, and checks every check digit.
#include <ostream>

#include "cli/command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "text/problem_text.h"
#include "core/mrz/mrz.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

std::string date_or_empty(const std::optional<core::Date>& d) {
    return d ? core::format_iso_date(*d) : std::string();
}

int run_mrz_parse(const Arguments& args, Io& io) {
    auto today = today_option(args, io);
    if (!today) return kExitUsage;
    std::string text;
    if (args.positional.empty() || (args.positional.size() == 1 && args.positional[0] == "-")) {
        auto input = read_input(io, 64 * 1024);
        if (!input) return kExitUsage;
        text = *input;
    } else {
        for (const auto& line : args.positional) text += line + "\n";
    }
    auto reading = core::read_mrz(text, *today);
    if (!reading) {
        const auto& problem = reading.problem();
        if (io.json) {
            print_json(io, {{"valid", false}, {"problems", {problem_json(problem)}}});
        } else {
            io.out << tr("Not a readable MRZ:") << " " << describe_problem(problem) << "\n";
        }
        return kExitNegative;
    }
    const auto& m = reading->mrz;
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : reading->problems) problems.push_back(problem_json(p));
    const bool valid = reading->all_checks_passed();
    if (io.json) {
        print_json(io, {{"valid", valid},
                        {"format", core::mrz_format_id(m.format)},
                        {"document_code", m.document_code},
                        {"issuing_state", m.issuing_state},
                        {"document_number", m.document_number},
                        {"nationality", m.nationality},
                        {"birth_date", date_or_empty(m.birth_date)},
                        {"sex", core::mrz_sex_id(m.sex)},
                        {"expiry_date", date_or_empty(m.expiry_date)},
                        {"surname", m.surname},
                        {"given_names", m.given_names},
                        {"optional_data", m.optional_data},
                        {"optional_data_2", m.optional_data_2},
                        {"lines", m.lines},
                        {"problems", problems}});
        return valid ? kExitOk : kExitNegative;
    }
    const auto row = [&](const char* label, const std::string& value) {
        io.out << "  " << tr(label) << " " << value << "\n";
    };
    io.out << (m.format == core::MrzFormat::Td1 ? tr("MRZ of an ID card (TD1)")
                                                : tr("MRZ of a passport (TD3)"))
           << "\n";
    row(N_("Document code:"), m.document_code);
    row(N_("Issuing state:"), m.issuing_state);
    row(N_("Document number:"), m.document_number);
    row(N_("Surname:"), m.surname);
    row(N_("Given names:"), m.given_names);
    row(N_("Nationality:"), m.nationality);
    row(N_("Date of birth:"), date_or_empty(m.birth_date));
    row(N_("Sex:"), describe_value(core::mrz_sex_id(m.sex)));
    row(N_("Date of expiry:"), date_or_empty(m.expiry_date));
    if (!m.optional_data.empty()) row(N_("Optional data:"), m.optional_data);
    if (!m.optional_data_2.empty()) row(N_("Optional data (line 2):"), m.optional_data_2);
    if (valid) {
        io.out << tr("All check digits are correct.") << "\n";
    } else {
        const auto n = reading->problems.size();
        io.out << fill(trn("{count} problem:", "{count} problems:", n),
                       {{"count", std::to_string(n)}})
               << "\n";
        for (const auto& p : reading->problems) io.out << "  - " << describe_problem(p) << "\n";
    }
    return valid ? kExitOk : kExitNegative;
}

}  // namespace

Command mrz_parse_command() {
    return {{"mrz", "parse"},
            "mrz parse [LINE...] [--today YYYY-MM-DD] [--time-zone ZONE]",
            N_("Parse a TD1 or TD3 machine-readable zone (the lines as arguments or on standard "
               "input) and check every check digit."),
            {{"today", "time-zone"}, {}},
            run_mrz_parse};
}

}  // namespace cherha::cli
