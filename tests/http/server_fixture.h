// A real HttpServer on a free loopback port, serving a Router on a background thread, for the
// transport tests (requests go over real sockets with the libcurl client).
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/http/httplib_transport.h"
#include "server/http/router.h"

namespace cherha::http::testing {

class RunningServer {
  public:
    // Binds `options` (port forced to 0) and serves `router` until destroyed.
    explicit RunningServer(const Router& router, ServerOptions options = {}) : server_(router) {
        server_.set_logger([this](const LogLine& line) {
            std::lock_guard lock(mutex_);
            logs_.push_back(line);
        });
        options.port = 0;
        auto bound = server_.bind(options);
        if (!bound) {
            ADD_FAILURE() << "bind failed: " << bound.problem().code;
            return;
        }
        port_ = bound.value();
        thread_ = std::thread([this] { run_result_ = server_.run(); });
    }
    ~RunningServer() { stop_and_join(); }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    // stop() and wait for run() to return; returns what run() returned.
    std::optional<core::Problem> stop_and_join() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
        return run_result_;
    }

    int port() const { return port_; }
    std::string url(const std::string& scheme = "http") const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }
    HttpServer& server() { return server_; }
    std::vector<LogLine> logs() const {
        std::lock_guard lock(mutex_);
        return logs_;
    }

  private:
    HttpServer server_;
    int port_ = 0;
    std::thread thread_;
    std::optional<core::Problem> run_result_;
    mutable std::mutex mutex_;
    std::vector<LogLine> logs_;
};

}  // namespace cherha::http::testing
