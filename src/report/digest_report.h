// Output of `dbsage digest`.
#pragma once

#include <string>

#include "digest/digest.h"

namespace dbsage {

// Queries ranked by total time, then N+1 patterns, errors and events.
std::string format_digest_text(const DigestReport& report, int top);
// {"summary":{…},"queries":[{"fingerprint","query","example","calls","total_ms",…}],"n_plus_one":[…],"errors":[…]}
std::string format_digest_json(const DigestReport& report, int top);

}  // namespace dbsage
