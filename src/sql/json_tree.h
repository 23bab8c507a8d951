// Helpers for walking libpg_query's JSON parse tree. Each node is an object
// with a single key naming its type: {"ColumnRef": {...}}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dbsage::tree {

using Json = nlohmann::json;

// The node's type name ("ColumnRef") or "" when j is not a node.
std::string_view type_of(const Json& node);
// The node's body ({...} under its type key), or an empty object.
const Json& body(const Json& node);
// node[key] when present, otherwise a null Json.
const Json& get(const Json& object, std::string_view key);
std::string str(const Json& object, std::string_view key);
int integer(const Json& object, std::string_view key, int fallback = 0);
bool flag(const Json& object, std::string_view key);
// A list of {"String":{"sval":…}} nodes as plain strings.
std::vector<std::string> strings(const Json& list);
// The "location" of a node body (or its node), -1 when absent.
int location(const Json& node);

}  // namespace dbsage::tree
