// The desk without its server: a banner says so, the day comes from the local copy, a scan
// still verifies, an outcome waits in the outbox, a restart of the desk while offline loses
// nothing, and once the server is back the outcome reaches it exactly once.
#include <gtest/gtest.h>

#include <wx/stattext.h>
#include <wx/uiaction.h>

#include "desk/ui/booking_panel.h"
#include "desk_ui/desk_ui_fixture.h"

namespace cherha::desk::ui::testing {
namespace {

using namespace std::chrono_literals;

void press(int key) {
    wxUIActionSimulator sim;
    sim.Char(key);
    pump_for(50ms);
}

class Offline : public DeskUiTest {};

TEST_F(Offline, AnOutcomeMadeOfflineReachesTheServerOnceWhenItIsBack) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    const auto token = staff_token("clerk1", test::kClerk1Password, "w1");
    press(WXK_F2);
    ASSERT_TRUE(pump_until([this] {
        const auto* b = frame_->queue().find(frame_->open_booking());
        return b && b->state == core::BookingState::Called;
    }));
    const auto id = frame_->open_booking();
    const auto code = frame_->queue().find(id)->code;
    const auto qr = token_of(code, token);
    ASSERT_FALSE(qr.empty());

    stop_server();
    // Start (F4) while the server is down: kept, shown as started, the banner says offline.
    press(WXK_F4);
    ASSERT_TRUE(pump_until([this] { return frame_->offline_banner()->IsShown(); }));
    EXPECT_FALSE(frame_->online());
    EXPECT_EQ(frame_->queue().find(id)->state, core::BookingState::InService);

    // The desk is closed and started again while the server is still down.
    close_desk();
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    EXPECT_FALSE(frame_->online());
    EXPECT_TRUE(frame_->offline_banner()->IsShown());
    ASSERT_NE(frame_->queue().find(id), nullptr) << "the day did not come from the local copy";
    // A scan still verifies offline, with the cached public key.
    frame_->on_scan(qr);
    EXPECT_EQ(frame_->open_booking(), id);
    // A tampered token is refused, with its own message.
    std::string tampered = qr;
    tampered[40] = tampered[40] == 'A' ? 'B' : 'A';
    frame_->on_scan(tampered);
    EXPECT_FALSE(frame_->notice()->GetLabel().empty());

    // The server comes back on the same address; the desk notices by itself.
    start_server();
    ASSERT_TRUE(pump_until([this] { return frame_->online(); }, 20s));
    ASSERT_TRUE(pump_until([this] { return frame_->pending_jobs() == 0; }));

    const auto queue = desk_day_queue(token);
    std::string state;
    for (const auto& b : queue["bookings"])
        if (b["id"].get<std::int64_t>() == id) state = b["state"];
    EXPECT_EQ(state, "in_service");

    // Exactly one start in the audit log of that booking.
    const auto boss = staff_token("supervisor", test::kSupervisorPassword, "");
    const auto audit = get_json("/api/v1/audit?limit=1000&booking=" + std::to_string(id), boss);
    int starts = 0;
    for (const auto& entry : audit["entries"])
        if (entry.value("action", "") == "booking.start" && entry.value("result", "") == "ok")
            ++starts;
    EXPECT_EQ(starts, 1) << audit.dump();
}

}  // namespace
}  // namespace cherha::desk::ui::testing
