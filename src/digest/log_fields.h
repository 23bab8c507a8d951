// The pieces of a PostgreSQL log line: severity, prefix fields, timestamps,
// prepared-statement parameters and error classes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dbsage {

// A stderr log line cut at its "SEVERITY:  ".
struct LogLine {
    std::string_view prefix;
    std::string_view severity;
    std::string_view message;
};

// Finds "SEVERITY:  " after the prefix; false for lines of another format.
bool split_log_line(std::string_view line, LogLine& out);

// The session (process id), timestamp, user, database and application of a
// record. Views into the text being read.
struct PrefixFields {
    std::string_view session, timestamp, user, database, application;
};

// A log_line_prefix turned into literals and escapes, matched left to right:
// each escape takes the text up to the next literal.
class PrefixSpec {
public:
    explicit PrefixSpec(std::string_view spec);

    // Reads the fields of a line's prefix; false when the prefix does not fit.
    bool match(std::string_view prefix, PrefixFields& out) const;

private:
    struct Part {
        std::string literal;
        char escape;
    };
    std::vector<Part> m_parts;
    size_t m_optional_from = static_cast<size_t>(-1);
};

// The fields of a prefix found by their usual shapes (no --prefix given):
// a leading timestamp, [pid] and user@db or user=,db=.
PrefixFields guess_prefix_fields(std::string_view prefix);
// The length of a leading "YYYY-MM-DD HH:MM:SS[.fff][ ZONE]" (%m or %t), 0 when
// the text does not start with one.
size_t timestamp_length(std::string_view text);

// Reads a duration such as "0.345" at the start of text (the same double
// std::from_chars gives, without its cost for the common short forms).
double parse_duration(std::string_view text);

// Milliseconds since 0000-03-01 for "YYYY-MM-DD HH:MM:SS[.mmm]"; only
// differences matter. 0 for text of another shape.
double timestamp_ms(std::string_view ts);

// Keeps the earliest / latest of the timestamps seen: they are logged
// ISO-style, so text order is time order, and a log whose lines are out of
// order still spans from its earliest to its latest.
inline void keep_earliest(std::string& into, std::string_view ts) {
    if (!ts.empty() && (into.empty() || ts < into)) into.assign(ts);
}
inline void keep_latest(std::string& into, std::string_view ts) {
    if (!ts.empty() && (into.empty() || ts > into)) into.assign(ts);
}

// The milliseconds of "YYYY-MM-DD HH:MM:SS.mmm[uuu]" (0 without a fraction).
int timestamp_fraction_ms(std::string_view ts);

// Replaces $n in a prepared statement with the values of "$1 = 'x', $2 = '3'".
std::string with_parameters(std::string sql, std::string_view detail);

// An error message with its constants removed, so errors group by kind.
std::string error_class(std::string_view message);

}  // namespace dbsage
