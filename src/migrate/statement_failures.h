// Statements PostgreSQL would reject given the schema before them: a CREATE
// of something that exists, or a reference to something that does not exist
// yet. Such a statement fails the migration, and its definition never lands.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "migrate/lock_predictor.h"
#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

// Where each relation and type is first created in a run of statements:
// qualified relation names ("public.t") and type names, by statement index.
struct LaterDefinitions {
    std::map<std::string, size_t> relations;
    std::map<std::string, size_t> types;
    // Relations dropped before their first creation: "DROP VIEW IF EXISTS v;
    // CREATE VIEW v" says v may well exist before the run.
    std::map<std::string, size_t> dropped_first;
};
LaterDefinitions find_definitions(const std::vector<Statement>& statements);

// The server's error for each reason the statement at `index` would fail, in
// PostgreSQL's wording ("relation \"public.t\" already exists"). effects is
// the statement's prediction (its unknown relations); baseline_complete says
// that a relation unknown to the schema does not exist (a live database).
std::vector<std::string> predict_failures(const Statement& statement, size_t index, const Schema& before,
                                          const StatementEffects& effects, const LaterDefinitions& later,
                                          const std::vector<Statement>& statements, bool baseline_complete);

}  // namespace dbsage
