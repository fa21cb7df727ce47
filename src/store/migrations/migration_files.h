#pragma once
// The migrations in src/store/migrations/NNNN_name.sql, compiled in by CMake (see ../CMakeLists.txt),
// in version order.
#include <vector>

#include "store/migrations.h"

namespace daifa::store {
const std::vector<Migration>& migration_files();
}  // namespace daifa::store
