// Splits a SQL or psql script into statements and psql meta-commands, keeping
// exact byte offsets so every statement can point back at its source.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dbsage {

struct ScriptPiece {
    enum class Kind { statement, meta_command };
    Kind kind = Kind::statement;
    size_t offset = 0;     // byte offset of the first character in the script
    size_t length = 0;     // bytes of source, including the terminating ';' if any
    // For statements: the text handed to the parser. It has exactly the same
    // length as the source: psql variables (:v, :'v', :"v") are replaced by
    // placeholders of equal length so parser offsets stay true.
    std::string parse_text;
    // For statements that use variables set by \set: the statement as psql
    // sends it, with their values in place (empty when no value was used).
    // parse_text then has this text's length, not the source's, and shifts
    // maps it back: (offset in text, offset in source) where each stretch of
    // unchanged text starts.
    std::string text;
    std::vector<std::pair<size_t, size_t>> shifts;
    // For meta commands: the command word without the backslash and its argument.
    std::string command;
    std::string argument;
    // Rule ids named by "dbsage:ignore" comments before or inside this piece;
    // "*" when the comment names no rule.
    std::vector<std::string> ignored_rules;
};

struct SplitScript {
    std::vector<ScriptPiece> pieces;
    bool ignore_file = false;  // a "dbsage:ignore-file" comment was seen
};

// Identifiers (plain or double-quoted) longer than max_bytes in a statement's
// text, with their byte offsets; strings, dollar quotes and comments skipped.
std::vector<std::pair<std::string, int>> long_identifiers(std::string_view text, size_t max_bytes);

// psql variables by name, as \set leaves them. They live as long as the
// psql session: across \i includes.
using PsqlVariables = std::map<std::string, std::string>;

// Splits text the way psql would: semicolons end statements except inside
// quotes, dollar quotes, comments, parentheses and BEGIN ATOMIC … END bodies;
// a backslash outside of those starts a meta-command that runs to end of line.
// \set and \unset update variables, and :name, :'name' and :"name" take their
// values from it (a placeholder of the same length for a name not set).
// Reads "dbsage:ignore a, b" (rule ids; none means "*") or
// "dbsage:ignore-file" out of one comment's text.
void read_directive(std::string_view comment, std::vector<std::string>& rules, bool& ignore_file);

SplitScript split_script(std::string_view text, PsqlVariables& variables);
SplitScript split_script(std::string_view text);

}  // namespace dbsage
