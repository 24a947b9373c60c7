// The desk process's memory (target: under 120 MB resident with a 5,000-booking day shown;
// docs/performance.md, "The desk").
#pragma once

namespace cherha::desk::ui {

// Before wxWidgets starts GTK: GTK's OpenGL support is turned off (GDK_GL=disable, unless the
// environment sets GDK_GL already). The desk draws nothing with OpenGL, and opening it loads
// Mesa with libLLVM, about 50 MiB resident.
void prepare_desk_process();

// Hands the memory the allocator keeps after a day's load (the parsed answer of /queue is
// several times the day's size) back to the system. Thread-safe; a few milliseconds.
void release_free_memory();

}  // namespace cherha::desk::ui
