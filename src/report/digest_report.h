// Output of `dbsage digest`.
#pragma once

#include <string>

#include "digest/digest.h"

namespace dbsage {

// Queries ranked by total time, then N+1 patterns, errors and events.
std::string format_digest_text(const DigestReport& report, int top);
// One self-contained HTML page (inline CSS and SVG charts; nothing is fetched).
std::string format_digest_html(const DigestReport& report, int top);
// Ranked tables in markdown, for pull requests and wikis.
std::string format_digest_markdown(const DigestReport& report, int top);
// The workload file the index advisor reads: every fingerprint with its
// normalized query, slowest example with real constants, calls and total time.
// {"workload":{"source","statements","total_ms"},"queries":[{"fingerprint","query","example","calls","total_ms"}]}
std::string format_workload(const DigestReport& report, const std::string& source);
// {"summary":{…},"queries":[{"fingerprint","query","example","calls","total_ms",…}],"n_plus_one":[…],"errors":[…]}
std::string format_digest_json(const DigestReport& report, int top);

}  // namespace dbsage
