#include "server/api_client.h"

#include <cstdio>

#include "core/abuse/proof_of_work.h"

namespace cherha::test {

core::synthetic::Person api_person(int n) {
    core::synthetic::Person p;
    // 1000 serials x 2 sexes per birth date, then the next day of birth (1960 onwards).
    p.rnokpp_serial = n % 1000;
    p.sex = (n / 1000) % 2 == 0 ? core::Sex::Male : core::Sex::Female;
    p.birth = core::Date{date::sys_days{date::year{1960} / 1 / 1} + date::days{n / 2000}};
    char card[16];
    std::snprintf(card, sizeof card, "%09d", 100000000 + n % 900000000);
    p.id_card_number = card;
    return p;
}

nlohmann::json registration_json(const core::synthetic::Person& person) {
    nlohmann::json r = {
        {"kind", "natural_person"},
        {"surname", person.surname},
        {"given_name", person.given_name},
        {"birth_date", core::format_iso_date(person.birth)},
        {"rnokpp", core::synthetic::rnokpp_of(person)},
        {"document", {{"type", "id_card"}, {"number", person.id_card_number}}},
    };
    if (person.patronymic) r["patronymic"] = *person.patronymic;
    return r;
}

nlohmann::json json_of(const HttpReply& reply) {
    return nlohmann::json::parse(reply.body, nullptr, false);
}

std::string error_code(const HttpReply& reply) {
    const auto body = json_of(reply);
    if (!body.is_object() || !body.contains("error") || !body["error"].is_string()) return {};
    return body["error"].get<std::string>();
}

std::optional<nlohmann::json> solved_pow(HttpClient& client) {
    const auto reply = client.post("/api/v1/pow", "", json_headers());
    if (reply.status != 200) return std::nullopt;
    const auto body = json_of(reply);
    if (!body.is_object() || !body.contains("challenge")) return std::nullopt;
    const std::string challenge = body["challenge"].get<std::string>();
    // Difficulty 18 (the default) takes about 2^18 tries; 2^26 is far beyond any test's need.
    auto nonce = core::solve_challenge(challenge, std::uint64_t{1} << 26);
    if (!nonce) return std::nullopt;
    return nlohmann::json{{"challenge", challenge}, {"nonce", *nonce}};
}

nlohmann::json booking_body(const std::string& service, const std::string& day,
                            const std::string& time, const nlohmann::json& registration,
                            const nlohmann::json& pow) {
    return {{"service", service},
            {"day", day},
            {"time", time},
            {"registration", registration},
            {"pow", pow}};
}

std::vector<SlotView> day_slots(HttpClient& client, const std::string& service,
                                const std::string& day) {
    std::vector<SlotView> out;
    const auto reply = client.get("/api/v1/services/" + service + "/slots?day=" + day);
    if (reply.status != 200) return out;
    const auto body = json_of(reply);
    if (!body.is_object() || !body.contains("slots")) return out;
    for (const auto& slot : body["slots"]) {
        SlotView view;
        view.service = service;
        view.day = day;
        view.time = slot.value("time", "");
        view.capacity = slot.value("capacity", 0);
        view.taken = slot.value("taken", 0);
        view.free = slot.value("free", 0);
        view.bookable = slot.value("bookable", false);
        out.push_back(view);
    }
    return out;
}

core::Date center_today(HttpClient& client) {
    const auto reply = client.get("/api/v1/services");
    const auto body = json_of(reply);
    if (reply.status != 200 || !body.is_object() || !body.contains("today")) return core::Date{};
    return core::parse_iso_date(body["today"].get<std::string>()).value_or(core::Date{});
}

std::string day_plus(core::Date day, int days) {
    return core::format_iso_date(core::Date{date::sys_days{day} + date::days{days}});
}

std::string day_with_free_slots(HttpClient& client, const std::string& service, int wanted,
                                int from) {
    const core::Date today = center_today(client);
    if (!today.ok()) return {};
    for (int ahead = from; ahead < 21; ++ahead) {
        const std::string day = day_plus(today, ahead);
        int usable = 0;
        for (const auto& slot : day_slots(client, service, day))
            if (slot.bookable && slot.free > 0) ++usable;
        if (usable >= wanted) return day;
    }
    return {};
}

std::string log_in(HttpClient& client, const std::string& login, const std::string& password,
                   const std::string& window, HttpReply* reply) {
    nlohmann::json body = {{"login", login}, {"password", password}};
    if (!window.empty()) body["window"] = window;
    const auto answer = client.post("/api/v1/auth/login", body.dump(), json_headers());
    if (reply) *reply = answer;
    if (answer.status != 200) return {};
    const auto json = json_of(answer);
    return json.is_object() ? json.value("token", "") : "";
}

HeaderList bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

HeaderList json_headers(HeaderList more) {
    more.emplace_back("Content-Type", "application/json");
    return more;
}

}  // namespace cherha::test
