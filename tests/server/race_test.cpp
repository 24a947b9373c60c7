// Many clients at the same moment: 32 threads, each with its own keep-alive connection, book the
// same three slots (each with a different person) and, all as one shared person, a handful of
// other slots. The server decides capacity and quota in one write transaction per booking, so
// afterwards no slot is over capacity, the shared person holds exactly the monthly quota, and
// the bookings in the staff's queue are exactly those answered with 201.
#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "server/server_fixture.h"

namespace cherha::test {
namespace {

using nlohmann::json;

constexpr int kThreads = 32;
constexpr int kQuota = 4;  // quota.person_online_month of the default policy

struct Answer {
    long status = 0;
    std::string code;
    std::int64_t id = 0;
    bool shared_person = false;
};

void check_race(const std::string& url);

TEST(Race, ConcurrentBookingsNeverOverfillASlotOrExceedAQuota) {
    ServerUnderTest server;
    ASSERT_TRUE(server.start({"--demo"}));
    check_race(server.url());
    const ServerExit exit = server.process().stop();
    EXPECT_EQ(exit.exit_code, 0) << server.process().stderr_text();
}

// The race against the server at `url`; its clients close their connections when it returns.
void check_race(const std::string& url) {
    HttpClient setup(url);
    HttpClient staff(url);
    const std::string token = log_in(staff, "supervisor", kSupervisorPassword);
    ASSERT_FALSE(token.empty());

    // A day with three free vehicle-registration slots (2 places each) and eight free
    // consultation slots (1 place each).
    std::string day;
    std::vector<SlotView> contested, spread;
    const core::Date today = center_today(setup);
    for (int ahead = 1; ahead < 21 && day.empty(); ++ahead) {
        const std::string candidate = day_plus(today, ahead);
        contested.clear();
        spread.clear();
        for (const auto& slot : day_slots(setup, "vehicle-registration", candidate))
            if (slot.bookable && slot.free > 0 && contested.size() < 3) contested.push_back(slot);
        for (const auto& slot : day_slots(setup, "consultation", candidate))
            if (slot.bookable && slot.free == slot.capacity && spread.size() < 8)
                spread.push_back(slot);
        if (contested.size() == 3 && spread.size() == 8) day = candidate;
    }
    ASSERT_FALSE(day.empty());
    int contested_places = 0;
    for (const auto& slot : contested) contested_places += slot.free;

    auto queue_of_day = [&] {
        auto reply = staff.get("/api/v1/queue?day=" + day, bearer(token));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json_of(reply)["bookings"];
    };
    std::set<std::int64_t> before;
    for (const auto& b : queue_of_day()) before.insert(b["id"].get<std::int64_t>());

    const auto shared = api_person(8000);
    std::mutex mutex;
    std::vector<Answer> answers;
    std::latch ready(kThreads + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            HttpClient client(url);
            // Solve both challenges first, so the bookings themselves start together.
            auto pow_a = solved_pow(client);
            auto pow_b = solved_pow(client);
            const auto& slot_a = contested[static_cast<std::size_t>(t) % contested.size()];
            const auto& slot_b = spread[static_cast<std::size_t>(t) % spread.size()];
            const std::string mine =
                booking_body(slot_a.service, day, slot_a.time,
                             registration_json(api_person(8100 + t)), pow_a.value_or(json()))
                    .dump();
            const std::string ours = booking_body(slot_b.service, day, slot_b.time,
                                                  registration_json(shared), pow_b.value_or(json()))
                                         .dump();
            ready.arrive_and_wait();
            std::vector<Answer> local;
            for (int step = 0; step < 2; ++step) {
                const bool shared_step = (step == 0) == (t % 2 == 0);  // half start with each
                auto reply =
                    client.post("/api/v1/bookings", shared_step ? ours : mine, json_headers());
                Answer answer{reply.status, error_code(reply), 0, shared_step};
                if (reply.status == 201) answer.id = json_of(reply)["id"].get<std::int64_t>();
                local.push_back(answer);
            }
            std::lock_guard lock(mutex);
            answers.insert(answers.end(), local.begin(), local.end());
        });
    }
    ready.arrive_and_wait();
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(answers.size(), 2u * kThreads);

    int created_contested = 0, created_shared = 0;
    std::set<std::int64_t> created_ids;
    std::map<std::string, int> refusals;
    for (const auto& answer : answers) {
        if (answer.status == 201) {
            (answer.shared_person ? created_shared : created_contested) += 1;
            EXPECT_TRUE(created_ids.insert(answer.id).second) << "id twice: " << answer.id;
        } else {
            EXPECT_EQ(answer.status, 409) << answer.code;
            ++refusals[answer.code];
        }
    }
    // Every place of the contested slots went to exactly one person; the shared person got
    // exactly the quota (eight different free slots were tried, so capacity did not stop it).
    EXPECT_EQ(created_contested, contested_places);
    EXPECT_EQ(created_shared, kQuota);
    for (const auto& [code, count] : refusals)
        EXPECT_TRUE(code == "center.slot_full" || code == "quota.person_online_month")
            << code << " x" << count;

    // No slot of the day is over capacity, and the contested ones are full.
    for (const std::string service : {"vehicle-registration", "consultation"})
        for (const auto& slot : day_slots(setup, service, day)) {
            EXPECT_LE(slot.taken, slot.capacity) << service << " " << slot.time;
            EXPECT_GE(slot.free, 0);
        }
    for (const auto& slot : day_slots(setup, "vehicle-registration", day)) {
        for (const auto& c : contested) {
            if (c.time == slot.time) {
                EXPECT_EQ(slot.taken, slot.capacity) << slot.time;
            }
        }
    }

    // The queue holds exactly the bookings answered with 201, and the shared person's quota.
    std::set<std::int64_t> added;
    int shared_in_queue = 0;
    const std::string shared_rnokpp = core::synthetic::rnokpp_of(shared);
    for (const auto& b : queue_of_day()) {
        const auto id = b["id"].get<std::int64_t>();
        if (!before.count(id)) added.insert(id);
        if (b["registration"].is_object() && b["registration"]["rnokpp"] == shared_rnokpp)
            ++shared_in_queue;
    }
    EXPECT_EQ(added, created_ids);
    EXPECT_EQ(shared_in_queue, kQuota);
}

}  // namespace
}  // namespace cherha::test
