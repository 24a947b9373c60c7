// The public API: reads, proof of work, the online booking life cycle, QR images, rate limits.
#include <string>

#include "api/api_fixture.h"
#include "core/token/booking_code.h"
#include "server/api/json_booking.h"
#include "server/api/json_slots.h"

namespace cherha::server::api::testing {
namespace {

class PublicApi : public ApiFixture {};

TEST_F(PublicApi, HealthAndVersion) {
    auto health = call("GET", "/api/v1/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(body_of(health).value("status", ""), "ok");
    EXPECT_EQ(body_of(health).value("time", ""), "2026-03-03T08:00:00Z");
    auto version = call("GET", "/api/v1/version");
    EXPECT_EQ(body_of(version).value("version", ""), "9.9.9-test");
    EXPECT_EQ(body_of(version).value("api", ""), "v1");
}

TEST_F(PublicApi, ServicesListTheScheduleAndToday) {
    const json body = body_of(call("GET", "/api/v1/services"));
    EXPECT_EQ(body.value("today", ""), "2026-03-03");
    EXPECT_EQ(body.value("time_zone", ""), "Europe/Kyiv");
    ASSERT_TRUE(body["services"].is_array());
    bool found = false;
    for (const auto& s : body["services"]) {
        if (s.value("id", "") != kService) continue;
        found = true;
        EXPECT_EQ(s.value("duration_minutes", 0), 30);
        EXPECT_EQ(s["windows"], json({"w1", "w2"}));
        EXPECT_FALSE(s.value("name_uk", "").empty());
        EXPECT_FALSE(s.value("name_en", "").empty());
    }
    EXPECT_TRUE(found);
}

TEST_F(PublicApi, ServicesAnswerTheCentersAddress) {
    auto before = body_of(call("GET", "/api/v1/services"));
    EXPECT_EQ(before["center"]["address_uk"], "");  // not given yet
    EXPECT_EQ(before["center"]["address_en"], "");

    center::CenterDetailsChange change;
    change.address_uk = "вул. Прикладна, 1, Київ";
    change.address_en = "1 Prykladna St, Kyiv";
    ASSERT_TRUE(center::update_center_details(*store_, change, now_, "test"));
    auto reloaded = center_->reload();
    ASSERT_TRUE(reloaded && *reloaded);

    const auto response = call("GET", "/api/v1/services");
    ASSERT_EQ(response.status, 200) << response.body;
    const json center = body_of(response)["center"];
    EXPECT_EQ(center["address_uk"], "вул. Прикладна, 1, Київ");
    EXPECT_EQ(center["address_en"], "1 Prykladna St, Kyiv");
    EXPECT_EQ(center["name_uk"], "Сервісний центр МВС");
    EXPECT_EQ(center["id"], 1);
}

TEST_F(PublicApi, SlotsShowCapacityAndWhatABookingTakes) {
    const std::string target =
        std::string("/api/v1/services/") + kService + "/slots?day=2026-03-04";
    auto slot_at = [&](const std::string& time) {
        const json slots = body_of(call("GET", target))["slots"];
        for (const auto& slot : slots)
            if (slot.value("time", "") == time) return slot;
        return json();
    };
    json slot = slot_at("11:00");
    ASSERT_TRUE(slot.is_object());
    EXPECT_EQ(slot.value("capacity", 0), 2);
    EXPECT_EQ(slot.value("free", 0), 2);
    EXPECT_TRUE(slot.value("bookable", false));
    EXPECT_EQ(slot.value("start", ""), "2026-03-04T09:00:00Z");
    book("11:00");
    slot = slot_at("11:00");
    EXPECT_EQ(slot.value("taken", 0), 1);
    EXPECT_EQ(slot.value("free", 0), 1);
    // Today's slots that already began are not bookable online.
    const json today = body_of(call("GET", std::string("/api/v1/services/") + kService + "/slots"));
    for (const auto& s : today["slots"])
        if (s.value("time", "") == "09:00") {
            EXPECT_FALSE(s.value("bookable", true));
        }
}

TEST_F(PublicApi, SlotListHasExactlyItsFieldsForEverySlot) {
    const json body =
        body_of(call("GET", std::string("/api/v1/services/") + kService + "/slots?day=2026-03-04"));
    EXPECT_EQ(body.value("service", ""), kService);
    EXPECT_EQ(body.value("day", ""), "2026-03-04");
    EXPECT_EQ(body.value("channel", ""), "online");
    ASSERT_TRUE(body["slots"].is_array());
    ASSERT_FALSE(body["slots"].empty());
    std::string previous;
    for (const auto& slot : body["slots"]) {
        ASSERT_TRUE(slot.is_object());
        EXPECT_EQ(slot.size(), 7u) << slot.dump();
        const std::string time = slot.value("time", "");
        EXPECT_EQ(time.size(), 5u);
        EXPECT_GT(time, previous);  // in order of time
        previous = time;
        // Kyiv is UTC+2 in March: the local time and the instant agree.
        const int local_hour = std::stoi(time.substr(0, 2));
        char start[32];
        std::snprintf(start, sizeof start, "2026-03-04T%02d:%s:00Z", local_hour - 2,
                      time.substr(3, 2).c_str());
        EXPECT_EQ(slot.value("start", ""), start);
        EXPECT_GT(slot.value("end", ""), slot.value("start", ""));
        EXPECT_TRUE(slot["capacity"].is_number_integer());
        EXPECT_EQ(slot.value("taken", -1) + slot.value("free", -1), slot.value("capacity", -2));
        EXPECT_TRUE(slot["bookable"].is_boolean());
    }
    // The terminal channel is named back.
    EXPECT_EQ(body_of(call("GET", std::string("/api/v1/services/") + kService +
                                      "/slots?day=2026-03-03&channel=terminal"))
                  .value("channel", ""),
              "terminal");
}

TEST(SlotListBody, AnyServiceTextStaysValidJson) {
    const std::vector<center::SlotAvailability> none;
    for (const std::string& service :
         {std::string("\"quoted\" \\ back"), std::string("\xff\xfe bad utf-8"),
          std::string("line\nbreak\x01"), std::string("послуга")}) {
        const std::string body = slot_list_body(service, core::Date{date::year{2026} / 3 / 4},
                                                core::BookingChannel::Online, none);
        const json parsed = json::parse(body, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << body;
        EXPECT_TRUE(parsed["slots"].empty());
        EXPECT_EQ(parsed.value("day", ""), "2026-03-04");
    }
    EXPECT_EQ(json::parse(slot_list_body("послуга", core::Date{date::year{2026} / 3 / 4},
                                         core::BookingChannel::Online, none))
                  .value("service", ""),
              "послуга");
}

TEST_F(PublicApi, PowChallengeStatesItsDifficulty) {
    const json body = body_of(call("POST", "/api/v1/pow"));
    EXPECT_EQ(body.value("difficulty", -1), 4);
    EXPECT_EQ(body.value("algorithm", ""), "sha256-leading-zero-bits");
    auto parsed = core::parse_challenge(body.value("challenge", ""));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->difficulty, 4);
}

TEST_F(PublicApi, BookLookUpAndCancel) {
    const json reg = registration();
    const json booking = book("11:00", reg);
    EXPECT_EQ(booking.value("state", ""), "booked");
    EXPECT_EQ(booking.value("channel", ""), "online");
    EXPECT_EQ(booking.value("day", ""), "2026-03-04");
    EXPECT_EQ(booking.value("time", ""), "11:00");
    EXPECT_EQ(booking["registration"], reg);
    const std::string code = booking.value("code", "");
    ASSERT_EQ(code.size(), 9u);
    EXPECT_EQ(code[4], '-');
    EXPECT_TRUE(core::parse_booking_code(code));
    const std::string token = booking.value("token", "");
    EXPECT_EQ(token.rfind("CHERHA:", 0), 0u);
    EXPECT_EQ(booking.value("qr", ""), "/api/v1/qr.svg?token=" + url_encode(token));

    // Looked up by code and RNOKPP, or by the document number, in any spelling of the code.
    for (const std::string& identity :
         {reg["rnokpp"].get<std::string>(), std::string("001234567")}) {
        auto looked = call("POST", "/api/v1/bookings/lookup",
                           json{{"code", code}, {"identity", identity}}.dump());
        EXPECT_EQ(looked.status, 200) << looked.body;
        EXPECT_EQ(body_of(looked).value("id", 0), booking.value("id", -1));
        EXPECT_EQ(body_of(looked)["registration"], reg);
    }
    // Another person's identity finds nothing (the same answer as a wrong code).
    auto other =
        call("POST", "/api/v1/bookings/lookup",
             json{{"code", code}, {"identity", registration(person(77))["rnokpp"]}}.dump());
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(error_of(other), "center.not_found");

    auto cancelled = call("POST", "/api/v1/bookings/cancel",
                          json{{"code", code}, {"identity", reg["rnokpp"]}}.dump());
    EXPECT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(body_of(cancelled).value("state", ""), "cancelled");
    auto again = call("POST", "/api/v1/bookings/cancel",
                      json{{"code", code}, {"identity", reg["rnokpp"]}}.dump());
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(error_of(again), "transition.not_allowed");
}

TEST_F(PublicApi, AProofOfWorkIsSingleUse) {
    json request = booking_request("11:00");
    EXPECT_EQ(call("POST", "/api/v1/bookings", request.dump()).status, 201);
    request["time"] = "11:30";
    request["registration"] = registration(person(321, "009999999"));
    auto again = call("POST", "/api/v1/bookings", request.dump());
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(error_of(again), "center.pow_reused");
    EXPECT_EQ(stored_bookings(), 1u);
}

TEST_F(PublicApi, AFullSlotRefusesTheNextBooking) {
    book("11:00", registration(person(1, "000000001")));
    book("11:00", registration(person(2, "000000002")));
    auto third = call("POST", "/api/v1/bookings",
                      booking_request("11:00", registration(person(3, "000000003"))).dump());
    EXPECT_EQ(third.status, 409) << third.body;
    EXPECT_EQ(error_of(third), "center.slot_full");
    EXPECT_EQ(stored_bookings(), 2u);
}

TEST_F(PublicApi, QrImagesOnlyForThisCentersTokens) {
    const std::string token = book().value("token", "");
    auto svg = call("GET", "/api/v1/qr.svg?token=" + url_encode(token));
    EXPECT_EQ(svg.status, 200);
    EXPECT_EQ(svg.content_type, "image/svg+xml");
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
    auto png = call("GET", "/api/v1/qr.png?token=" + url_encode(token));
    EXPECT_EQ(png.status, 200);
    EXPECT_EQ(png.content_type, "image/png");
    EXPECT_EQ(png.body.substr(0, 4), "\x89PNG");

    std::string tampered = token;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    auto refused = call("GET", "/api/v1/qr.svg?token=" + url_encode(tampered));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(error_of(refused).rfind("token.", 0), 0u) << refused.body;
}

TEST_F(PublicApi, AlertStateIsPublic) {
    EXPECT_EQ(body_of(call("GET", "/api/v1/alert")).value("active", true), false);
}

TEST_F(PublicApi, OneAddressIsRateLimitedWithRetryAfter) {
    http::Response response;
    int accepted = 0;
    for (int i = 0; i < 40 && response.status != 429; ++i) {
        response = call("POST", "/api/v1/bookings",
                        json{{"service", kService},
                             {"day", "2026-03-04"},
                             {"time", "11:00"},
                             {"registration", registration()}}
                            .dump(),
                        {}, "203.0.113.9");
        if (response.status != 429) ++accepted;
    }
    EXPECT_EQ(accepted, 20);  // the default burst
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(error_of(response), "center.rate_limited");
    bool retry_after = false;
    for (const auto& [name, value] : response.headers)
        if (name == "Retry-After") retry_after = value == "5";  // 12 a minute
    EXPECT_TRUE(retry_after);
    // Another address is not affected.
    EXPECT_EQ(call("POST", "/api/v1/bookings", booking_request().dump(), {}, "203.0.113.10").status,
              201);
}

}  // namespace
}  // namespace cherha::server::api::testing
