#include "sql/json_tree.h"

namespace dbsage::tree {
namespace {
const Json k_null;
const Json k_empty = Json::object();
}  // namespace

std::string_view type_of(const Json& node) {
    if (!node.is_object() || node.size() != 1) return {};
    return node.begin().key();
}

const Json& body(const Json& node) {
    if (!node.is_object() || node.size() != 1) return k_empty;
    const Json& inner = node.begin().value();
    return inner.is_object() ? inner : k_empty;
}

const Json& get(const Json& object, std::string_view key) {
    if (!object.is_object()) return k_null;
    auto it = object.find(key);
    return it == object.end() ? k_null : *it;
}

std::string str(const Json& object, std::string_view key) {
    const Json& v = get(object, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

int integer(const Json& object, std::string_view key, int fallback) {
    const Json& v = get(object, key);
    return v.is_number_integer() ? v.get<int>() : fallback;
}

bool flag(const Json& object, std::string_view key) {
    const Json& v = get(object, key);
    return v.is_boolean() && v.get<bool>();
}

std::vector<std::string> strings(const Json& list) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const auto& item : list) {
        if (type_of(item) == "String") out.push_back(str(body(item), "sval"));
    }
    return out;
}

int location(const Json& node) {
    if (node.is_object() && node.contains("location")) return integer(node, "location", -1);
    return integer(body(node), "location", -1);
}

}  // namespace dbsage::tree
