// cherha id check NUMBER [--type T]: is this identity or document number valid, and what
// does it say.
#include <ostream>

#include "cli/command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "text/problem_text.h"
#include "core/identity/document_number.h"
#include "core/identity/edrpou.h"
#include "core/identity/identity_number.h"
#include "core/identity/rnokpp.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

using core::Problem;

int report_invalid(Io& io, nlohmann::json doc, const Problem& problem) {
    doc["valid"] = false;
    doc["problem"] = problem_json(problem);
    if (io.json) {
        print_json(io, doc);
    } else {
        io.out << tr("Invalid:") << " " << describe_problem(problem) << "\n";
    }
    return kExitNegative;
}

int check_rnokpp(Io& io, const std::string& input) {
    nlohmann::json doc{{"input", input}, {"kind", "rnokpp"}};
    auto parsed = core::parse_rnokpp(input);
    if (!parsed) return report_invalid(io, doc, parsed.problem());
    const auto& r = parsed.value();
    const char* sex = r.sex == core::Sex::Male ? "male" : "female";
    doc.update({{"valid", true},
                {"number", r.number},
                {"birth_date", core::format_iso_date(r.birth_date)},
                {"sex", sex}});
    if (io.json) {
        print_json(io, doc);
    } else {
        io.out << fill(tr("RNOKPP {number}: valid."), {{"number", r.number}}) << "\n"
               << "  " << tr("Date of birth:") << " " << core::format_iso_date(r.birth_date) << "\n"
               << "  " << tr("Sex:") << " " << describe_value(sex) << "\n";
    }
    return kExitOk;
}

int check_edrpou(Io& io, const std::string& input) {
    nlohmann::json doc{{"input", input}, {"kind", "edrpou"}};
    auto parsed = core::parse_edrpou(input);
    if (!parsed) return report_invalid(io, doc, parsed.problem());
    doc.update({{"valid", true}, {"number", parsed->code}});
    if (io.json)
        print_json(io, doc);
    else
        io.out << fill(tr("EDRPOU code {number}: valid."), {{"number", parsed->code}}) << "\n";
    return kExitOk;
}

int check_document(Io& io, const std::string& input, core::DocumentType type) {
    const std::string type_id(core::document_type_id(type));
    nlohmann::json doc{{"input", input}, {"kind", "document"}, {"document_type", type_id}};
    auto parsed = core::parse_document_number(type, input);
    if (!parsed) return report_invalid(io, doc, parsed.problem());
    doc.update({{"valid", true}, {"number", parsed->canonical}});
    if (io.json) {
        print_json(io, doc);
    } else {
        io.out << fill(tr("{type} number {number}: valid."),
                       {{"type", describe_value(type_id)}, {"number", parsed->canonical}})
               << "\n";
        if (parsed->canonical != input)
            io.out << "  " << tr("Written canonically (look-alike letters folded, upper case).")
                   << "\n";
    }
    return kExitOk;
}

int run_id_check(const Arguments& args, Io& io) {
    if (args.positional.size() != 1)
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha id check NUMBER [--type TYPE]");
    const std::string& input = args.positional.front();
    std::string type = args.option("type").value_or("auto");
    if (type == "auto") {
        auto guess = core::guess_identity_kind(input);
        if (!guess) {
            nlohmann::json doc{{"input", input}, {"kind", nullptr}};
            return report_invalid(io, doc, Problem("identity.unknown_shape"));
        }
        if (guess->kind == core::IdentityKind::Rnokpp) return check_rnokpp(io, input);
        if (guess->kind == core::IdentityKind::Edrpou) return check_edrpou(io, input);
        return check_document(io, input, *guess->document_type);
    }
    if (type == "rnokpp") return check_rnokpp(io, input);
    if (type == "edrpou") return check_edrpou(io, input);
    if (auto doc_type = core::document_type_from_id(type))
        return check_document(io, input, *doc_type);
    return usage_error(io, "usage.unknown_type",
                       fill(tr("Unknown type \"{type}\". Types: rnokpp, edrpou, id_card, "
                               "passport_book, foreign_passport, driving_licence, "
                               "residence_permit."),
                            {{"type", type}}));
}

}  // namespace

Command id_check_command() {
    return {{"id", "check"},
            "id check NUMBER [--type auto|rnokpp|edrpou|id_card|passport_book|foreign_passport|"
            "driving_licence|residence_permit]",
            N_("Check an RNOKPP, EDRPOU code or document number; show the date of birth and sex "
               "an RNOKPP encodes."),
            {{"type"}, {}},
            run_id_check};
}

}  // namespace cherha::cli
