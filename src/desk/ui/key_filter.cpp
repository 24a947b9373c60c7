#include "desk/ui/key_filter.h"

#include <wx/app.h>
#include <wx/event.h>
#include <wx/toplevel.h>

#include "desk/ui/main_frame.h"

namespace cherha::desk::ui {
namespace {
MainFrame* g_frame = nullptr;
}  // namespace

void set_scan_frame(MainFrame* frame) {
    g_frame = frame;
}

int filter_desk_event(wxEvent& event) {
    if (!g_frame || event.GetEventType() != wxEVT_CHAR) return wxEventFilter::Event_Skip;
    auto* target = wxDynamicCast(event.GetEventObject(), wxWindow);
    if (!target || wxGetTopLevelParent(target) != g_frame) return wxEventFilter::Event_Skip;
    auto& key = static_cast<wxKeyEvent&>(event);
    if (key.HasAnyModifiers() && !key.ShiftDown()) return wxEventFilter::Event_Skip;
    wxChar32 c = key.GetUnicodeKey();
    if (c == WXK_NONE) {
        if (key.GetKeyCode() != WXK_RETURN && key.GetKeyCode() != WXK_NUMPAD_ENTER)
            return wxEventFilter::Event_Skip;
        c = '\r';
    }
    return g_frame->on_typed(c, ScannerBurst::Clock::now(), target) ? wxEventFilter::Event_Processed
                                                                    : wxEventFilter::Event_Skip;
}

}  // namespace cherha::desk::ui
