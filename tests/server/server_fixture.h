// A cherha-server process over a fresh data directory, for one test or a whole suite: writes the
// test config (tests/server/server_process.h), starts the binary built with the tests
// (CHERHA_SERVER_EXE) and removes the directory at the end.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "server/api_client.h"
#include "server/server_process.h"
#include "store/temp_dir.h"

namespace cherha::test {

// The demo's staff passwords (src/center/demo_center.h, kDemoAccounts: fixed and published).
inline constexpr const char* kClerk1Password = "demo-clerk1-pass";
inline constexpr const char* kSupervisorPassword = "demo-supervisor-pass";

class ServerUnderTest {
  public:
    // Writes `config` (test_config_lines() when empty) into a fresh data directory.
    explicit ServerUnderTest(std::vector<std::string> config = {})
        : config_(config.empty() ? test_config_lines() : std::move(config)) {
        EXPECT_TRUE(write_server_config(data_dir(), config_));
    }

    // Starts the server with `args` (besides --data and --port 0). Adds a test failure and
    // returns false when it does not come up.
    bool start(std::vector<std::string> args = {}) {
        ServerLaunch launch;
        launch.executable = CHERHA_SERVER_EXE;
        launch.data_dir = data_dir();
        launch.extra_args = std::move(args);
        std::string error;
        process_ = ServerProcess::start(launch, error);
        if (!process_) ADD_FAILURE() << "cherha-server did not start: " << error;
        return process_ != nullptr;
    }

    std::string data_dir() const { return dir_.file("data"); }
    std::string database() const { return dir_.file("data/cherha.db"); }
    ServerProcess& process() { return *process_; }
    bool running() const { return process_ && process_->running(); }
    std::string url() const { return process_ ? process_->url() : std::string(); }
    std::unique_ptr<ServerProcess>& handle() { return process_; }

  private:
    store::testing::TempDir dir_;
    std::vector<std::string> config_;
    std::unique_ptr<ServerProcess> process_;
};

}  // namespace cherha::test
