// Errors that a user, a file or a server can cause are values, not exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace dbsage {

// A Status is either ok or carries one human-readable error line. The message
// names the file:line or object at fault and never contains a password.
class Status {
public:
    Status() = default;
    static Status ok() { return Status(); }
    static Status error(std::string message) { return Status(std::move(message), true); }

    bool is_ok() const { return !m_failed; }
    const std::string& message() const { return m_message; }

private:
    Status(std::string message, bool failed) : m_message(std::move(message)), m_failed(failed) {}
    std::string m_message;
    bool m_failed = false;
};

// Result<T> holds a T or the Status explaining why there is none.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Status status) : m_value(std::move(status)) {}

    bool is_ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return is_ok(); }
    T& value() { return std::get<T>(m_value); }
    const T& value() const { return std::get<T>(m_value); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const Status& status() const { return std::get<Status>(m_value); }

private:
    std::variant<T, Status> m_value;
};

}  // namespace dbsage
