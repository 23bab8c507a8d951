// Small string helpers shared across the code base.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dbsage {

std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool starts_with_ci(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string_view trim(std::string_view text);
// The number text starts with, as strtod reads it; 0 when it starts with none.
double leading_number(const std::string& text);
// Newlines, carriage returns and tabs become spaces; ends trimmed. For server
// messages and generated SQL that must fit on one line.
std::string one_line(std::string_view text);

// text with &, <, > and " as HTML entities, for HTML reports.
std::string escape_html(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::vector<std::string> split(std::string_view text, char separator);
// Quotes an identifier the way PostgreSQL's quote_ident does.
std::string quote_ident(std::string_view identifier);
// schema.name, each part quoted as quote_ident does.
std::string quote_qualified(std::string_view schema, std::string_view name);
// "512 kB", "14.7 MB", "2.1 GB": a size for people.
std::string human_bytes(unsigned long long bytes);
// Quotes a string literal ('it''s').
std::string quote_literal(std::string_view text);
// text as one word for /bin/sh: in single quotes, a quote inside as '\''.
std::string shell_quote(std::string_view text);

}  // namespace dbsage
