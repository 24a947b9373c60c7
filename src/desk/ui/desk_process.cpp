#include "desk/ui/desk_process.h"

#include <malloc.h>

#include <cstdlib>

namespace cherha::desk::ui {

void prepare_desk_process() {
    ::setenv("GDK_GL", "disable", 0);
}

void release_free_memory() {
    ::malloc_trim(0);
}

}  // namespace cherha::desk::ui
