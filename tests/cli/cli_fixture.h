// Runs the real `cherha` binary built with the tests.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/run_process.h"

namespace cherha::test {

// Runs `cherha ARGS` in the given language with `input` on stdin.
inline ProcessResult cli(const std::vector<std::string>& args, const std::string& input = {},
                         const std::string& lang = "en") {
    return run_process(CHERHA_EXE, args, input, {"CHERHA_LANG=" + lang});
}

// Runs `cherha ARGS --json` and parses its standard output as one JSON document.
inline nlohmann::json cli_json(const std::vector<std::string>& args, int expected_exit,
                               const std::string& input = {}) {
    auto with_json = args;
    with_json.push_back("--json");
    auto r = cli(with_json, input);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    EXPECT_EQ(r.signal, 0);
    try {
        return nlohmann::json::parse(r.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
        return {};
    }
}

}  // namespace cherha::test
