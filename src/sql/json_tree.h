// A read-only view of libpg_query's JSON parse tree, decoded with simdjson.
// Each node is an object with a single key naming its type: {"ColumnRef": {...}}.
// Views are valid while the ParseOutcome that produced them is alive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace dbsage::tree {

class Json {
public:
    Json() = default;
    explicit Json(simdjson::dom::element element) : m_element(element), m_valid(true) {}

    bool is_null() const { return !m_valid || m_element.is_null(); }
    bool is_object() const { return m_valid && m_element.is_object(); }
    bool is_array() const { return m_valid && m_element.is_array(); }
    bool is_string() const { return m_valid && m_element.is_string(); }
    bool is_integer() const { return m_valid && m_element.is_int64(); }
    bool is_boolean() const { return m_valid && m_element.is_bool(); }

    // Number of array items or object members; 0 for anything else.
    size_t size() const;
    bool empty() const { return size() == 0; }
    // The array's first / last item, or null.
    Json front() const;
    Json back() const;
    // An object's member, or null when absent or not an object.
    Json operator[](std::string_view key) const;
    bool contains(std::string_view key) const;

    std::string_view string() const;
    int64_t integer(int64_t fallback = 0) const;
    bool boolean() const;

    // Range over array items (empty for non-arrays).
    class Iterator {
    public:
        Iterator(simdjson::dom::array::iterator it) : m_it(it) {}
        Json operator*() const { return Json(*m_it); }
        Iterator& operator++() { ++m_it; return *this; }
        bool operator!=(const Iterator& other) const { return m_it != other.m_it; }
    private:
        simdjson::dom::array::iterator m_it;
    };
    Iterator begin() const;
    Iterator end() const;

    // Calls fn(key, value) for each member of an object.
    template <typename Fn>
    void for_each_member(Fn&& fn) const {
        simdjson::dom::object object;
        if (!m_valid || m_element.get_object().get(object)) return;
        for (auto field : object) fn(field.key, Json(field.value));
    }

private:
    simdjson::dom::element m_element;
    bool m_valid = false;
};

// The node's type name ("ColumnRef") or "" when node is not a node.
std::string_view type_of(const Json& node);
// The node's body ({...} under its type key), or null.
Json body(const Json& node);
Json get(const Json& object, std::string_view key);
std::string str(const Json& object, std::string_view key);
int integer(const Json& object, std::string_view key, int fallback = 0);
bool flag(const Json& object, std::string_view key);
// A list of {"String":{"sval":…}} nodes as plain strings.
std::vector<std::string> strings(const Json& list);
// The "location" of a node body (or of its node), -1 when absent.
int location(const Json& node);

}  // namespace dbsage::tree
