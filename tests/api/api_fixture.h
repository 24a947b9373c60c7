// The API v1 without sockets: a real SqliteStore in a temporary directory, a center initialised
// with the default (demo) schedule, staff of each role and a kiosk and a board device, a real
// ServiceCenter with a fixed clock and a cheap password cost, and the API routes on a Router.
// Requests go through Router::dispatch, so the access check and the handlers run as in the
// server. Synthetic people only.
//
// The clock starts on Tuesday 2026-03-03 at 10:00 Kyiv time (08:00 UTC); the center is open
// 09:00-18:00 on weekdays. Windows w1, w2 serve "vehicle-registration" (30 min slots).
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "center/provisioning.h"
#include "center/service_center.h"
#include "core/abuse/proof_of_work.h"
#include "core/auth/password_hash.h"
#include "formats/person_json.h"
#include "server/api/api_routes.h"
#include "server/events/event_hub.h"
#include "server/http/router.h"
#include "store/sqlite_store.h"
#include "store/temp_dir.h"
#include "support/synthetic_people.h"

namespace cherha::server::api::testing {

using formats::registration_json;
using nlohmann::json;

inline constexpr const char* kService = "vehicle-registration";
inline constexpr const char* kClerkPassword = "clerk-password-1";
inline constexpr const char* kSupervisorPassword = "supervisor-password-1";
inline constexpr const char* kAdminPassword = "admin-password-1";

// 2026-03-03 08:00:00 UTC = 10:00 in Kyiv (EET).
inline core::Instant fixture_start() {
    return date::sys_days{date::year{2026} / 3 / 3} + std::chrono::hours{8};
}

class ApiFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        now_ = fixture_start();
        auto opened = store::SqliteStore::open(dir_.file("cherha.db"));
        ASSERT_TRUE(opened) << opened.problem().code;
        store_ = std::move(opened).value();

        auto settings = center::default_center_settings();
        ASSERT_TRUE(settings) << settings.problem().code;
        ASSERT_EQ(center::initialise_center(*store_, *settings, now_, "test"), std::nullopt);

        const auto cost = core::PasswordHashCost::insecure_for_tests(1000);
        for (auto [login, role, password] :
             {std::tuple{"clerk1", store::StaffRole::Clerk, kClerkPassword},
              std::tuple{"clerk2", store::StaffRole::Clerk, kClerkPassword},
              std::tuple{"super", store::StaffRole::Supervisor, kSupervisorPassword},
              std::tuple{"admin", store::StaffRole::Admin, kAdminPassword}}) {
            auto added = center::add_staff(*store_, login, "", role, password, cost, now_, "test");
            ASSERT_TRUE(added) << added.problem().code;
        }
        auto kiosk = center::add_device(*store_, "kiosk-1", store::DeviceKind::Kiosk, now_, "test");
        ASSERT_TRUE(kiosk) << kiosk.problem().code;
        kiosk_token_ = kiosk->token;
        auto board = center::add_device(*store_, "board-1", store::DeviceKind::Board, now_, "test");
        ASSERT_TRUE(board) << board.problem().code;
        board_token_ = board->token;

        center::CenterOptions options;
        options.password_cost = cost;
        options.pow_difficulty = 4;  // cheap to solve in tests
        auto center = center::ServiceCenter::open(*store_, options, [this] { return now_; });
        ASSERT_TRUE(center) << center.problem().code;
        center_ = std::move(center).value();
        hub_ = events::EventHub::create(4);
        center_->set_listener([hub = hub_](const center::QueueEvent& e) { hub->publish(e); });

        shared_ = std::make_unique<ApiShared>(ApiShared{*center_, hub_, store_.get(), {}});
        shared_->options.version = "9.9.9-test";
        shared_->options.event_wait = std::chrono::milliseconds(10);
        ASSERT_EQ(register_api_routes(router_, *shared_), std::nullopt);
    }

    void TearDown() override {
        if (center_) center_->set_listener({});
        if (hub_) hub_->close();
    }

    // ---- requests ----

    // Dispatches `method target` (target may carry "?query", percent-encoded) with `body` and
    // extra headers through the router.
    http::Response call(const std::string& method, const std::string& target,
                        const std::string& body = "",
                        std::vector<std::pair<std::string, std::string>> headers = {},
                        const std::string& remote_address = "192.0.2.1") {
        http::Request request;
        request.method = method;
        const auto q = target.find('?');
        request.path = target.substr(0, q);
        if (q != std::string::npos) {
            std::string query = target.substr(q + 1);
            std::size_t pos = 0;
            while (pos <= query.size()) {
                auto amp = query.find('&', pos);
                if (amp == std::string::npos) amp = query.size();
                const std::string pair = query.substr(pos, amp - pos);
                const auto eq = pair.find('=');
                if (!pair.empty())
                    request.query.emplace(
                        decode(pair.substr(0, eq)),
                        eq == std::string::npos ? "" : decode(pair.substr(eq + 1)));
                pos = amp + 1;
            }
        }
        for (auto& [name, value] : headers) {
            std::string lower = name;
            for (auto& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            request.headers.emplace_back(lower, value);
        }
        request.body = body;
        request.remote_address = remote_address;
        return router_.dispatch(std::move(request));
    }

    http::Response as(const std::string& token, const std::string& method,
                      const std::string& target, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + token);
        return call(method, target, body, std::move(headers));
    }

    http::Response as_device(const std::string& token, const std::string& method,
                             const std::string& target, const std::string& body = "") {
        return call(method, target, body, {{"Authorization", "Device " + token}});
    }

    // Logs in and returns the session token (fails the test otherwise).
    std::string login(const std::string& login, const std::string& password,
                      const std::string& window = "") {
        json body = {{"login", login}, {"password", password}};
        if (!window.empty()) body["window"] = window;
        auto response = call("POST", "/api/v1/auth/login", body.dump());
        EXPECT_EQ(response.status, 200) << response.body;
        return json::parse(response.body).value("token", "");
    }
    std::string clerk(const std::string& window = "w1") {
        return login("clerk1", kClerkPassword, window);
    }
    std::string supervisor() { return login("super", kSupervisorPassword); }
    std::string admin() { return login("admin", kAdminPassword); }

    static json body_of(const http::Response& response) {
        return json::parse(response.body, nullptr, false);
    }
    static std::string error_of(const http::Response& response) {
        const json body = body_of(response);
        return body.is_object() ? body.value("error", "") : "";
    }

    // ---- data ----

    static core::synthetic::Person person(int serial = 123, std::string id_card = "001234567") {
        core::synthetic::Person p;
        p.rnokpp_serial = serial;
        p.id_card_number = std::move(id_card);
        return p;
    }
    static json registration(const core::synthetic::Person& p = person()) {
        return registration_json(core::synthetic::registration_of(p));
    }

    // A solved proof-of-work {"challenge", "nonce"}.
    json pow() {
        auto response = call("POST", "/api/v1/pow", "");
        EXPECT_EQ(response.status, 200) << response.body;
        const std::string challenge = body_of(response).value("challenge", "");
        auto nonce = core::solve_challenge(challenge, 1u << 20);
        EXPECT_TRUE(nonce.has_value());
        return {{"challenge", challenge}, {"nonce", nonce.value_or("")}};
    }

    // A complete online booking request for tomorrow (Wednesday) at `time`.
    json booking_request(const std::string& time = "11:00", const json& reg = registration()) {
        return {{"service", kService},
                {"day", "2026-03-04"},
                {"time", time},
                {"registration", reg},
                {"pow", pow()}};
    }

    // Books online and returns the booking JSON (fails the test otherwise).
    json book(const std::string& time = "11:00", const json& reg = registration()) {
        auto response = call("POST", "/api/v1/bookings", booking_request(time, reg).dump());
        EXPECT_EQ(response.status, 201) << response.body;
        return body_of(response);
    }

    // Registers at the kiosk for today and returns the booking JSON.
    json register_at_kiosk(const json& reg = registration(person(456, "007654321"))) {
        json body = {{"service", kService}, {"registration", reg}};
        auto response = as_device(kiosk_token_, "POST", "/api/v1/terminal/bookings", body.dump());
        EXPECT_EQ(response.status, 201) << response.body;
        return body_of(response);
    }

    // Every booking stored on the days the tests use (yesterday .. three weeks ahead).
    std::size_t stored_bookings() {
        auto session = store_->read();
        EXPECT_TRUE(session);
        if (!session) return 0;
        std::size_t count = 0;
        const date::sys_days today{date::year{2026} / 3 / 3};
        for (int d = -1; d <= 22; ++d) {
            auto day = session.value()->day_bookings(core::Date{today + date::days{d}}, {});
            EXPECT_TRUE(day);
            if (day) count += day->size();
        }
        return count;
    }

    static std::string decode(const std::string& text) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 2 < text.size()) {
                out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += text[i] == '+' ? ' ' : text[i];
            }
        }
        return out;
    }

    store::testing::TempDir dir_;
    core::Instant now_{};
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<center::ServiceCenter> center_;
    std::shared_ptr<events::EventHub> hub_;
    std::unique_ptr<ApiShared> shared_;
    http::Router router_;
    std::string kiosk_token_;
    std::string board_token_;
};

}  // namespace cherha::server::api::testing
