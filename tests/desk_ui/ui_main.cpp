// The GUI tests' main: a wxApp whose event filter is the desk's (so a scanner's keys reach the
// frame as in cherha-desk), an active event loop for wxYield, then GoogleTest. Run under Xvfb
// (tests/CMakeLists.txt wraps the tests in xvfb-run).
#include <gtest/gtest.h>

#include <wx/app.h>
#include <wx/evtloop.h>
#include <wx/image.h>

#include "desk/ui/desk_language.h"
#include "desk/ui/desk_process.h"
#include "desk/ui/key_filter.h"

namespace {

class TestApp : public wxApp {
  public:
    bool OnInit() override {
        wxInitAllImageHandlers();
        return true;
    }
    int OnRun() override {
        wxEventLoop loop;
        wxEventLoopActivator active(&loop);
        return RUN_ALL_TESTS();
    }
    int FilterEvent(wxEvent& event) override { return cherha::desk::ui::filter_desk_event(event); }
};

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    cherha::desk::ui::prepare_desk_process();  // as cherha-desk does, before GTK starts
    wxApp::SetInstance(new TestApp());
    return wxEntry(argc, argv);
}
