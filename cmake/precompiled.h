// Headers nearly every translation unit parses: precompiled once per target
// (CMakeLists.txt, target_precompile_headers) instead of parsed ~250 times.
// Only the standard library and fmt belong here; project headers change too
// often, and a change to one would rebuild the header and then everything.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
