// A ServiceCenter over a real SQLite store in a temporary directory, with a clock the test
// moves, the demo schedule, a cheap password cost and a low proof-of-work difficulty.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "center/center_settings.h"
#include "center/service_center.h"
#include "core/abuse/proof_of_work.h"
#include "core/calendar/center_time.h"
#include "core/token/signing_key.h"
#include "formats/schedule_json.h"
#include "store/sqlite_store.h"
#include "store/temp_dir.h"
#include "support/synthetic_people.h"

namespace cherha::center::testing {

using core::Date;
using core::Instant;
using namespace std::chrono_literals;

// Monday 7 December 2026, 08:00 in Kyiv (06:00 UTC): the center opens at 09:00.
inline Instant monday_morning() {
    return date::sys_days{date::year{2026} / 12 / 7} + 6h;
}

inline core::CenterSchedule demo_schedule() {
    std::ifstream in(std::string(CHERHA_SOURCE_DIR) + "/resources/demo/center-schedule.json");
    std::stringstream text;
    text << in.rdbuf();
    auto reading = formats::load_schedule_json(text.str());
    EXPECT_TRUE(reading.ok());
    return *reading.schedule;
}

// The n-th synthetic person: distinct RNOKPP and ID card for each n.
inline core::synthetic::Person person(int n) {
    core::synthetic::Person p;
    p.rnokpp_serial = 100 + n;
    char card[16];
    std::snprintf(card, sizeof card, "%09d", 100000 + n);
    p.id_card_number = card;
    return p;
}

inline core::Registration registration(int n) {
    return core::synthetic::registration_of(person(n));
}

class CenterTest : public ::testing::Test {
  public:
    static CenterSettings default_settings() {
        CenterSettings settings;
        settings.name_uk = "Тестовий центр";
        settings.name_en = "Test center";
        settings.schedule = demo_schedule();
        return settings;
    }

  protected:
    void SetUp() override { open_center(); }

    void open_center(CenterSettings settings = default_settings()) {
        auto opened = store::SqliteStore::open(dir_.file("cherha.db"));
        ASSERT_TRUE(opened) << opened.problem().code << " " << opened.problem().param("reason");
        store_ = std::move(opened).value();
        {
            auto session = store_->write();
            ASSERT_TRUE(session);
            ASSERT_FALSE(save_settings(*session.value(), settings));
            ASSERT_FALSE(session.value()->put_setting("pow_secret", std::string(32, 'k')));
            auto key = core::generate_signing_key();
            ASSERT_TRUE(key);
            store::SigningKeyRecord record{key->key_id().hex(), key->private_pem(),
                                           key->verifying_key().public_pem(), now_ - 24h, false};
            ASSERT_FALSE(session.value()->insert_signing_key(record));
            ASSERT_FALSE(session.value()->commit());
        }
        CenterOptions options;
        options.password_cost = core::PasswordHashCost::insecure_for_tests(1000);
        options.address_rate_capacity = 1000;
        options.identity_rate_capacity = 1000;
        options.pow_difficulty = 4;
        auto center = ServiceCenter::open(*store_, options, [this] { return now_; });
        ASSERT_TRUE(center) << center.problem().code;
        center_ = std::move(center).value();
    }

    // A solved proof-of-work for the next booking.
    std::pair<std::string, std::string> solved_pow() {
        auto challenge = center_->pow_challenge();
        EXPECT_TRUE(challenge);
        auto nonce = core::solve_challenge(*challenge, 1'000'000);
        EXPECT_TRUE(nonce);
        return {*challenge, nonce.value_or("")};
    }

    OnlineBookingRequest online(int person_n, Date day, int minute,
                                std::string service = "vehicle-registration") {
        OnlineBookingRequest request;
        request.service_id = std::move(service);
        request.day = day;
        request.slot_minute = minute;
        request.registration = registration(person_n);
        auto [challenge, nonce] = solved_pow();
        request.pow_challenge = challenge;
        request.pow_nonce = nonce;
        return request;
    }

    core::Result<IssuedBooking> book(int person_n, Date day, int minute,
                                     std::string service = "vehicle-registration") {
        return center_->book_online(online(person_n, day, minute, std::move(service)), "127.0.0.1");
    }

    // The hall's kiosk, as the device token's authentication gives it.
    static Actor kiosk() {
        Actor a;
        a.kind = Actor::Kind::Device;
        a.name = "kiosk-1";
        return a;
    }

    Date day_after(int days) const {
        return Date{date::floor<date::days>(now_) + date::days{days}};
    }

    store::testing::TempDir dir_;
    Instant now_ = monday_morning();
    std::unique_ptr<store::SqliteStore> store_;
    std::unique_ptr<ServiceCenter> center_;
};

}  // namespace cherha::center::testing
