// A deliberately bad "core" file: the include check must reject it.
#pragma once
#include <sqlite3.h>
