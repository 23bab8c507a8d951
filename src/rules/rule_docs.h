// Rule doc pages (docs/rules/<group>/<id>.md), embedded at build time so that
// `dbsage rules ID` and SARIF output work from the binary alone.
#pragma once

#include <string_view>

namespace dbsage {

// The markdown page for a rule id, or an empty view when there is none.
std::string_view rule_doc(std::string_view id);

}  // namespace dbsage
