// The supervisor's page against the real server: it is there for a supervisor and not for a
// clerk, its counts are the day's, and the day's CSV and the PDF report are written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>

#include "desk/ui/supervisor_panel.h"
#include "desk_ui/desk_ui_fixture.h"

namespace cherha::desk::ui::testing {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Supervisor : public DeskUiTest {};

TEST_F(Supervisor, AClerkHasNoSupervisorPage) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    EXPECT_EQ(frame_->pages()->GetPageCount(), 1u);
    EXPECT_EQ(frame_->supervisor_panel(), nullptr);
}

TEST_F(Supervisor, TheDayItsCsvAndItsPdfReport) {
    ASSERT_NE(open_desk("supervisor", test::kSupervisorPassword, ""), nullptr);
    ASSERT_EQ(frame_->pages()->GetPageCount(), 2u);
    auto* panel = frame_->supervisor_panel();
    ASSERT_NE(panel, nullptr);
    const auto boss = staff_token("supervisor", test::kSupervisorPassword, "");
    const auto queue = desk_day_queue(boss);
    const auto total = static_cast<int>(queue["bookings"].size());
    int served = 0;
    for (const auto& b : queue["bookings"])
        if (b["state"] == "served") ++served;
    EXPECT_EQ(panel->summary().all.total, total);
    const auto it = panel->summary().all.by_state.find(core::BookingState::Served);
    EXPECT_EQ(it == panel->summary().all.by_state.end() ? 0 : it->second, served);
    // The first line of the totals is the day's count.
    EXPECT_EQ(panel->totals()->GetItemText(0, 1), wxString::Format("%d", total));

    const std::string csv_path = dir_.file("day.csv");
    ASSERT_TRUE(panel->export_csv(csv_path));
    const auto csv = read_file(csv_path);
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // a BOM, for spreadsheet programs
    std::size_t lines = 0;
    for (const char c : csv) lines += c == '\n';
    EXPECT_EQ(lines, static_cast<std::size_t>(total) + 1);  // the header and one per booking
    for (const auto& b : queue["bookings"]) {
        if (!b["registration"].is_object()) continue;
        EXPECT_EQ(csv.find(b["registration"]["surname"].get<std::string>()), std::string::npos)
            << "personal data in the CSV";
    }

    const std::string pdf_path = dir_.file("report.pdf");
    ASSERT_TRUE(panel->save_pdf(pdf_path));
    const auto pdf = read_file(pdf_path);
    ASSERT_GT(pdf.size(), 1000u);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");

    // A file that cannot be written is reported to the supervisor (a message box, answered
    // here by the hook), and nothing is left behind.
    AnswerDialogs answer;
    EXPECT_FALSE(panel->export_csv(dir_.file("no-such-dir/day.csv")));
    EXPECT_FALSE(panel->save_pdf(dir_.file("no-such-dir/report.pdf")));
    EXPECT_EQ(answer.shown, 2);
    EXPECT_FALSE(std::filesystem::exists(dir_.file("no-such-dir")));
}

}  // namespace
}  // namespace cherha::desk::ui::testing
