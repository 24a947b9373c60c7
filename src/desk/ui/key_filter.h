// Hands every character typed in the main window to the frame's scanner detector before the
// focused control sees it (wxApp::FilterEvent), so a hand-held scanner works wherever the
// focus is. Used by cherha-desk's application object and by the GUI tests' one.
#pragma once

class wxEvent;

namespace cherha::desk::ui {

class MainFrame;

// The frame the filter feeds (nullptr: none). Not owned.
void set_scan_frame(MainFrame* frame);
// wxApp::FilterEvent's answer: wxApp's Event_Processed when a scanner took the character,
// else Event_Skip (-1).
int filter_desk_event(wxEvent& event);

}  // namespace cherha::desk::ui
