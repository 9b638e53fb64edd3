// SPDX-License-Identifier: Apache-2.0
#pragma once
// Errors are values in lib/ (Expected<T>), and an exception only at the tool
// edge (Failure). Every error carries the exit-code category of DESIGN.md.

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <variant>

namespace adx::core {

// sysexits(3) codes, the contract with scripts and cron (DESIGN.md).
enum class Exit : int {
    ok = 0,
    usage = 64,
    data = 65,
    no_input = 66,
    unavailable = 69,
    software = 70,
    cant_create = 73,
    io = 74,
    temp_fail = 75,
    no_perm = 77,
    config = 78,
};

// The sysexits name of a code ("EX_DATAERR"), for documentation and JSON logs.
const char* exit_name(Exit code) noexcept;

// Where a problem is: any part may be empty or zero.
struct Location {
    std::string file;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    std::uint64_t record = 0;
    std::string field;
};

struct Error {
    Error() = default;
    Error(Exit c, std::string m) : code(c), message(std::move(m)) {}

    Exit code = Exit::software;
    std::string message;  // already translated
    Location where;
    std::string rule;  // rule id, e.g. "uscc-check"; may be empty
    std::string hint;  // what to do about it, where known; may be empty
};

// A small stand-in for C++23 std::expected: a value or an Error.
template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : m_v(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Expected(Error error) : m_v(std::move(error)) {}  // NOLINT(google-explicit-constructor)
    bool has_value() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const& { return std::get<1>(m_v); }
    Error&& error() && { return std::get<1>(std::move(m_v)); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Expected<void> {
public:
    Expected() = default;
    Expected(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT(google-explicit-constructor)
    bool has_value() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return !m_failed; }
    const Error& error() const& { return m_error; }
    Error&& error() && { return std::move(m_error); }

private:
    Error m_error;
    bool m_failed = false;
};

// The one exception type: thrown by tools (never by lib/) and caught in main.
class Failure : public std::exception {
public:
    explicit Failure(Error error) : m_error(std::move(error)) {}
    const Error& error() const noexcept { return m_error; }
    const char* what() const noexcept override { return m_error.message.c_str(); }

private:
    Error m_error;
};

// Unwrap at the tool edge: the value, or throw Failure.
template <class T>
T unwrap(Expected<T>&& e) {
    if (!e) throw Failure(std::move(e).error());
    return std::move(e).value();
}
inline void unwrap(Expected<void>&& e) {
    if (!e) throw Failure(std::move(e).error());
}

}  // namespace adx::core
