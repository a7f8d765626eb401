#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace dkimi::json {

// A small JSON tree for the reports, written straight to UTF-8. Building and writing it costs a
// fraction of QJsonObject + QJsonDocument (which go through QCborValue: an allocation and a
// conversion per value), and the text is byte for byte what QJsonDocument::Compact writes for the
// same tree: keys sorted as QJsonObject sorts them, the same number and string formats. A test
// checks that against Qt on every report. Objects and arrays are shared until changed (as Qt's
// are), so nesting one in another copies nothing.

struct Member;
class Value;

class Object {
public:
    Object() = default;
    Object(std::initializer_list<Member> members);

    // Inserts a null member when the key is absent (as QJsonObject::operator[]).
    Value &operator[](const QString &key);
    void insert(const QString &key, Value value);
    bool isEmpty() const;
    qsizetype size() const;

    // Compact UTF-8 text, as QJsonDocument(o).toJson(QJsonDocument::Compact).
    QByteArray toBytes() const;
    void writeTo(std::string &out) const;
    // For callers that want Qt's object (tests, occasional use): parses the text.
    QJsonObject toQJsonObject() const;

private:
    std::vector<Member> &members();
    std::shared_ptr<std::vector<Member>> m_d;
};

class Array {
public:
    Array() = default;
    Array(std::initializer_list<Value> items);
    static Array fromStringList(const QStringList &list);

    void append(Value value);
    bool isEmpty() const;
    qsizetype size() const;
    void writeTo(std::string &out) const;

private:
    std::vector<Value> &items();
    std::shared_ptr<std::vector<Value>> m_d;
};

class Value {
public:
    enum class Type : quint8 { Null, Bool, Integer, Double, String, Object, Array };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : m_type(Type::Bool), m_bool(b) {}
    Value(int i) : m_type(Type::Integer), m_int(i) {}
    Value(qint64 i) : m_type(Type::Integer), m_int(i) {}
    Value(double d) : m_type(Type::Double), m_double(d) {}
    Value(const QString &s) : m_type(Type::String), m_string(s) {}
    Value(QString &&s) : m_type(Type::String), m_string(std::move(s)) {}
    Value(QLatin1StringView s) : m_type(Type::String), m_string(s) {}
    Value(const json::Object &o) : m_type(Type::Object), m_object(o) {}
    Value(json::Object &&o) : m_type(Type::Object), m_object(std::move(o)) {}
    Value(const json::Array &a) : m_type(Type::Array), m_array(a) {}
    Value(json::Array &&a) : m_type(Type::Array), m_array(std::move(a)) {}
    // A pointer would silently become a bool: say which string type is meant.
    Value(const char *) = delete;

    Type type() const { return m_type; }
    void writeTo(std::string &out) const;

private:
    Type m_type = Type::Null;
    union {
        bool m_bool;
        qint64 m_int = 0;
        double m_double;
    };
    QString m_string;
    json::Object m_object;
    json::Array m_array;
};

struct Member {
    QString key;
    Value value;
};

// Defined here, where Member and Value are complete (clang requires it for std::vector's size()).
inline bool Object::isEmpty() const
{
    return !m_d || m_d->empty();
}
inline qsizetype Object::size() const
{
    return m_d ? qsizetype(m_d->size()) : 0;
}
inline bool Array::isEmpty() const
{
    return !m_d || m_d->empty();
}
inline qsizetype Array::size() const
{
    return m_d ? qsizetype(m_d->size()) : 0;
}

// A JSON string literal for s (quotes included), escaped as QJsonDocument escapes it.
void writeString(std::string &out, QStringView s);
// A number as QJsonDocument writes a double: the shortest form that reads back the same, in
// exponent form only when that is shorter; non-finite ones as null.
void writeDouble(std::string &out, double d);

} // namespace dkimi::json
