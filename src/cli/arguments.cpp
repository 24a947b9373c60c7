#include "cli/arguments.h"

#include <cctype>

namespace cherha::cli {

std::optional<Arguments> parse_arguments(const std::vector<std::string>& words,
                                         const ArgumentSpec& spec, ArgumentError& error) {
    Arguments args;
    bool options_done = false;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (options_done || word.size() < 3 || !word.starts_with("--")) {
            if (!options_done && word == "--") {
                options_done = true;
                continue;
            }
            if (!options_done && word.size() > 1 && word[0] == '-' && word != "-" &&
                !(word.size() > 1 && (std::isdigit(static_cast<unsigned char>(word[1]))))) {
                if (word == "-h") {
                    args.flags.insert("help");
                    continue;
                }
                error = {"usage.unknown_option", word};
                return std::nullopt;
            }
            args.positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (spec.value_options.count(name)) {
            if (!value) {
                if (i + 1 >= words.size()) {
                    error = {"usage.missing_value", "--" + name};
                    return std::nullopt;
                }
                value = words[++i];
            }
            args.options[name] = *value;
        } else if (spec.flags.count(name) && !value) {
            args.flags.insert(name);
        } else {
            error = {"usage.unknown_option", "--" + name};
            return std::nullopt;
        }
    }
    return args;
}

}  // namespace cherha::cli
