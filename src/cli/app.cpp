#include "cli/app.h"

#include <exception>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

void print_help(std::ostream& out) {
    out << tr("Usage: cherha [--lang uk|en] [--json] COMMAND [ARGUMENTS]") << "\n\n"
        << tr("Commands:") << "\n";
    for (const auto& command : all_commands()) {
        std::string line = "  cherha ";
        line += command.synopsis;
        out << line << "\n      " << tr(command.summary) << "\n";
    }
    out << "\n"
        << tr("Exit status: 0 success, 1 negative answer (invalid, mismatch), 2 usage error.")
        << "\n";
}

const Command* find_command(const std::vector<std::string>& positional, size_t& consumed) {
    const Command* best = nullptr;
    for (const auto& command : all_commands()) {
        if (command.path.size() > positional.size()) continue;
        bool match = true;
        for (size_t i = 0; i < command.path.size(); ++i)
            if (positional[i] != command.path[i]) match = false;
        if (match && (!best || command.path.size() > best->path.size())) best = &command;
    }
    consumed = best ? best->path.size() : 0;
    return best;
}

}  // namespace

int run_cherha(const std::vector<std::string>& words, std::istream& in, std::ostream& out,
               std::ostream& err) {
    // Global options first, so errors below are already in the chosen language.
    std::optional<std::string> lang;
    bool json = false, help = false, version = false, lang_missing = false;
    std::vector<std::string> rest;
    bool literal = false;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (literal) {
            rest.push_back(w);
        } else if (w == "--") {
            literal = true;
            rest.push_back(w);
        } else if (w == "--json") {
            json = true;
        } else if (w == "--help" || w == "-h") {
            help = true;
        } else if (w == "--version") {
            version = true;
        } else if (w == "--lang") {
            if (i + 1 < words.size())
                lang = words[++i];
            else
                lang_missing = true;
        } else if (w.starts_with("--lang=")) {
            lang = w.substr(7);
        } else {
            rest.push_back(w);
        }
    }

    auto language = choose_language(lang);
    activate_language(language.value_or(Language::Ukrainian));
    Io io{in, out, err, json};
    try {
        if (lang_missing)
            return usage_error(io, "usage.missing_value",
                               fill(tr("Option {option} needs a value."), {{"option", "--lang"}}));
        if (!language)
            return usage_error(io, "usage.unknown_language",
                               fill(tr("Unknown language \"{language}\": use uk or en."),
                                    {{"language", lang.value_or("")}}));
        if (version) {
            if (json)
                print_json(io, {{"version", CHERHA_VERSION}});
            else
                out << "cherha " << CHERHA_VERSION << "\n";
            return kExitOk;
        }

        // The command is named by the leading words that are not options.
        std::vector<std::string> leading;
        for (const auto& w : rest) {
            if (w.starts_with("-")) break;
            leading.push_back(w);
        }
        size_t consumed = 0;
        const Command* command = find_command(leading, consumed);
        if (!command) {
            if (help && json) {
                nlohmann::json commands = nlohmann::json::array();
                for (const auto& c : all_commands())
                    commands.push_back({{"usage", std::string("cherha ") + c.synopsis},
                                        {"summary", tr(c.summary)}});
                print_json(io, {{"ok", true}, {"commands", commands}});
                return kExitOk;
            }
            if (help || (rest.empty() && !json)) {
                print_help(help ? out : err);
                return help ? kExitOk : kExitUsage;
            }
            if (rest.empty())
                return usage_error(io, "usage.no_command",
                                   tr("No command given. See: cherha --help"));
            return usage_error(io, "usage.unknown_command",
                               fill(tr("Unknown command \"{command}\". See: cherha --help"),
                                    {{"command", rest.front()}}));
        }
        if (help && json) {
            print_json(io, {{"ok", true},
                            {"usage", std::string("cherha ") + command->synopsis},
                            {"summary", tr(command->summary)}});
            return kExitOk;
        }
        if (help) {
            out << tr("Usage:") << " cherha " << command->synopsis << "\n"
                << tr(command->summary) << "\n";
            return kExitOk;
        }
        std::vector<std::string> command_words(rest.begin() + static_cast<long>(consumed),
                                               rest.end());
        ArgumentError error;
        auto args = parse_arguments(command_words, command->spec, error);
        if (!args) {
            const char* text = error.code == "usage.missing_value"
                                   ? tr("Option {option} needs a value.")
                                   : tr("Unknown option {option}.");
            return usage_error(io, error.code,
                               fill(text, {{"option", error.option}}) + " " + tr("Usage:") +
                                   " cherha " + command->synopsis);
        }
        return command->run(*args, io);
    } catch (const std::exception& e) {
        // Commands report problems themselves; this is the last line of defence.
        return usage_error(io, "internal",
                           fill(tr("Internal error: {what}"), {{"what", e.what()}}));
    } catch (...) {
        return usage_error(io, "internal", fill(tr("Internal error: {what}"), {{"what", "?"}}));
    }
}

int usage_error(Io& io, const std::string& code, const std::string& message) {
    if (io.json) {
        print_json(io, {{"ok", false}, {"error", code}, {"message", message}});
    } else {
        io.err << "cherha: " << message << "\n";
    }
    return kExitUsage;
}

int refused(Io& io, const core::Problem& problem, nlohmann::json doc) {
    doc["ok"] = false;
    doc["problem"] = problem_json(problem);
    if (io.json)
        print_json(io, doc);
    else
        io.out << tr("Refused:") << " " << describe_problem(problem) << "\n";
    return kExitNegative;
}

nlohmann::json problem_json(const core::Problem& problem) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : problem.params) params[k] = v;
    return {{"code", problem.code}, {"params", params}, {"message", describe_problem(problem)}};
}

void print_json(Io& io, const nlohmann::json& document) {
    io.out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace cherha::cli
