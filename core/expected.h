#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace dkimi {

// "Could not analyse" errors (unreadable file, I/O failure). A failed signature is a verdict, never
// an Error. Modelled on ImHex's Expected<T, E>; no exceptions cross the core API.
struct Error {
    QString file;    // which file, when there is one
    QString message; // what went wrong, in plain words

    QString toString() const { return file.isEmpty() ? message : file + QStringLiteral(": ") + message; }
};

template <typename T> class Expected {
public:
    Expected(T value) : m_v(std::move(value)) {}
    Expected(Error error) : m_v(std::move(error)) {}

    bool hasValue() const { return m_v.index() == 0; }
    explicit operator bool() const { return hasValue(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace dkimi
