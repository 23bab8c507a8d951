#include "sql/json_tree.h"

namespace dbsage::tree {

size_t Json::size() const {
    if (!m_valid) return 0;
    simdjson::dom::array array;
    if (!m_element.get_array().get(array)) return array.size();
    simdjson::dom::object object;
    if (!m_element.get_object().get(object)) return object.size();
    return 0;
}

Json Json::front() const {
    for (Json item : *this) return item;
    return Json();
}

Json Json::back() const {
    Json last;
    for (Json item : *this) last = item;
    return last;
}

Json Json::operator[](std::string_view key) const {
    simdjson::dom::object object;
    if (!m_valid || m_element.get_object().get(object)) return Json();
    simdjson::dom::element value;
    if (object.at_key(key).get(value)) return Json();
    return Json(value);
}

bool Json::contains(std::string_view key) const {
    simdjson::dom::object object;
    if (!m_valid || m_element.get_object().get(object)) return false;
    simdjson::dom::element value;
    return !object.at_key(key).get(value);
}

std::string_view Json::string() const {
    std::string_view out;
    if (!m_valid || m_element.get_string().get(out)) return {};
    return out;
}

int64_t Json::integer(int64_t fallback) const {
    int64_t out;
    if (!m_valid || m_element.get_int64().get(out)) return fallback;
    return out;
}

bool Json::boolean() const {
    bool out = false;
    if (!m_valid || m_element.get_bool().get(out)) return false;
    return out;
}

Json::Iterator Json::begin() const {
    simdjson::dom::array array;
    if (!m_valid || m_element.get_array().get(array)) return Iterator(simdjson::dom::array::iterator());
    return Iterator(array.begin());
}

Json::Iterator Json::end() const {
    simdjson::dom::array array;
    if (!m_valid || m_element.get_array().get(array)) return Iterator(simdjson::dom::array::iterator());
    return Iterator(array.end());
}

std::string_view type_of(const Json& node) {
    std::string_view type;
    if (node.size() != 1 || !node.is_object()) return type;
    node.for_each_member([&](std::string_view key, const Json&) { type = key; });
    return type;
}

Json body(const Json& node) {
    Json inner;
    if (node.size() != 1 || !node.is_object()) return inner;
    node.for_each_member([&](std::string_view, const Json& value) { inner = value; });
    return inner.is_object() ? inner : Json();
}

Json get(const Json& object, std::string_view key) { return object[key]; }

std::string str(const Json& object, std::string_view key) { return std::string(object[key].string()); }

int integer(const Json& object, std::string_view key, int fallback) {
    return static_cast<int>(object[key].integer(fallback));
}

bool flag(const Json& object, std::string_view key) { return object[key].boolean(); }

std::vector<std::string> strings(const Json& list) {
    std::vector<std::string> out;
    for (Json item : list)
        if (type_of(item) == "String") out.emplace_back(body(item)["sval"].string());
    return out;
}

int location(const Json& node) {
    if (node.contains("location")) return integer(node, "location", -1);
    return integer(body(node), "location", -1);
}

}  // namespace dbsage::tree
