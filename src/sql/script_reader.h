// Reads SQL and psql scripts from files and directories into a Workspace.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dbsage/status.h"
#include "config/config.h"
#include "model/workspace.h"

namespace dbsage {

constexpr size_t k_default_max_statement_bytes = size_t{8} << 20;

struct ReadOptions {
    std::vector<std::string> exclude;  // glob patterns matched against paths
    std::function<void(int files, size_t bytes)> progress;  // after each file
    // Threads that parse a large script's statements (the result is the same
    // for any number); 0: one per core.
    int parse_threads = 0;
    // Statements longer than this are not parsed (statement-too-large): a
    // huge one costs about 40 times its size in memory to analyse.
    size_t max_statement_bytes = k_default_max_statement_bytes;
    // The config file's folder: exclude patterns also match paths relative to it.
    std::string exclude_base;
};

// The reading options a config sets (exclude patterns, statement size limit).
ReadOptions read_options_for(const Config& config);

// The files that paths name, in reading order: a file as given, a directory's
// *.sql files recursively, a folder's own files before its subfolders', each
// level by name; excluded and repeated files left out. Missing or unreadable
// paths are appended to errors.
std::vector<std::string> list_sql_files(const std::vector<std::string>& paths, const ReadOptions& options,
                                        std::vector<std::string>& errors);

// Reads each path (a file, or a directory whose *.sql files are read in name
// order, recursively) into ws.statements, following \i and \ir includes.
// Unreadable or binary files are noted in ws.input_errors and skipped.
void read_sql_paths(const std::vector<std::string>& paths, const ReadOptions& options, Workspace& ws);

// Splits and parses one script's text as if it were the file `name`.
void read_sql_text(const std::string& name, const std::string& text, Workspace& ws,
                   const ReadOptions& options = ReadOptions());

// Parses one statement's parse_text (same length as its source) into st.
// Used for files and for DDL that connectors synthesize from catalogs.
void parse_into(const std::string& parse_text, Statement& st, std::vector<Statement>& out,
                size_t max_statement_bytes = k_default_max_statement_bytes);

}  // namespace dbsage

namespace dbsage {
// Parses DDL that a connector wrote from a catalog and applies it to schema.
// Returns the parser's error when the text does not parse.
Status replay_ddl_text(const std::string& sql, Schema& schema);
}  // namespace dbsage
