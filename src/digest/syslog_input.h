// PostgreSQL logging to syslog (log_destination = 'syslog'), as rsyslog
// writes it to a file:
//   Nov 30 10:00:00 db1 postgres[4711]: [3-1] app@shop LOG:  duration: …
//   Nov 30 10:00:00 db1 postgres[4711]: [3-2] #011FROM orders
// Each line of a message is its own syslog line, numbered [message-part],
// and the parts of one session's message may be interleaved with other
// sessions' lines. The input below turns such a log into the stderr shape
// the stderr reader knows: "<time> [<pid>] <rest>" and "\t" continuations,
// joined per session.
#pragma once

#include <memory>
#include <string_view>

#include "digest/log_input.h"

namespace dbsage {

// True when the first line of head is a PostgreSQL line relayed by syslog.
bool looks_like_syslog(std::string_view head);

// The prefix the rewritten lines have before the server's own
// log_line_prefix ("%m [%p] "), for --prefix.
inline constexpr std::string_view k_syslog_rewritten_prefix = "%m [%p] ";

// Reads source (which must outlive it) as stderr text. year: for the
// classic syslog timestamp, which has none ("Nov 30 10:00:00"), as pgBadger
// assumes the current one.
std::unique_ptr<LogInput> syslog_as_stderr(LogInput& source, int year);

}  // namespace dbsage
