// Everything one analysis run looks at: the statements of its SQL sources (in
// order), the schema they or a live database yield, and the source texts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

struct Workspace {
    Schema schema;                            // final schema after every statement
    std::vector<Statement> statements;        // every statement, in replay order
    std::map<std::string, std::string> sources;  // file path -> text, for snippets
    std::vector<std::string> files;           // SQL files read, in order
    std::vector<std::string> input_errors;    // one line each: unreadable input, never fatal alone
    std::vector<std::string> notes;           // what was read only in part, and why (not errors)
    bool live = false;                        // the schema came from a database
    std::string live_target;                  // masked description of that database
    int server_version = 0;                   // e.g. 150004, when read from a server
};

}  // namespace dbsage
