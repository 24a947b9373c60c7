// Runs the real `cherha` binary on a center's data directory in a fresh temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_fixture.h"
#include "store/temp_dir.h"

namespace cherha::test {

class CenterCliTest : public ::testing::Test {
  protected:
    std::string data() const { return temp_.file("data"); }
    std::string db() const { return temp_.file("data") + "/cherha.db"; }
    std::string file(const std::string& name) const { return temp_.file(name); }

    // `cherha ARGS --data DIR` in English.
    ProcessResult run(std::vector<std::string> args, const std::string& input = {},
                      const std::string& lang = "en") {
        args.push_back("--data");
        args.push_back(data());
        return cli(args, input, lang);
    }

    // `cherha ARGS --data DIR --json`, its exit status checked and its output parsed.
    nlohmann::json json(std::vector<std::string> args, int expected_exit,
                        const std::string& input = {}) {
        args.push_back("--data");
        args.push_back(data());
        return cli_json(args, expected_exit, input);
    }

    void init() {
        auto r = run({"init"});
        ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    }

    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    static void write(const std::string& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }

    store::testing::TempDir temp_;
};

}  // namespace cherha::test
