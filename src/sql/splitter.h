// Splits a SQL or psql script into statements and psql meta-commands, keeping
// exact byte offsets so every statement can point back at its source.
#pragma once

#include <cstddef>
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

// Splits text the way psql would: semicolons end statements except inside
// quotes, dollar quotes, comments, parentheses and BEGIN ATOMIC … END bodies;
// a backslash outside of those starts a meta-command that runs to end of line.
SplitScript split_script(std::string_view text);

}  // namespace dbsage
