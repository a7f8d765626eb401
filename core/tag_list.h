#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace dkimi {

// One tag=value pair. Offsets are relative to the start of the parsed text.
struct Tag {
    QByteArray name;
    QByteArray value;          // the tag-value with surrounding FWS removed (inner FWS kept)
    qsizetype nameOffset = 0;  // name
    qsizetype valueOffset = 0; // first byte of value (after "=" and FWS)
    qsizetype valueLength = 0;
    qsizetype specOffset = 0; // whole tag-spec, from its leading FWS to before the ';'
    qsizetype specLength = 0;
    qsizetype equalsOffset = 0;
};

// RFC 6376 §3.2 tag-list parser:
//   tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
//   tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
//   tag-name  =  ALPHA *ALNUMPUNC          ; ALNUMPUNC = ALPHA / DIGIT / "_"
//   tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
//   tval      =  1*VALCHAR                 ; VALCHAR = %x21-3A / %x3C-7E
class TagList {
public:
    enum class ErrorKind { None, Syntax, DuplicateTag };

    static TagList parse(QByteArrayView text);

    bool isValid() const { return m_error == ErrorKind::None; }
    ErrorKind errorKind() const { return m_error; }
    const QString &errorMessage() const { return m_errorMessage; }
    qsizetype errorOffset() const { return m_errorOffset; }

    const QList<Tag> &tags() const { return m_tags; }
    const Tag *find(QByteArrayView name) const; // tag names are case-sensitive (§3.2)
    bool contains(QByteArrayView name) const { return find(name) != nullptr; }
    QByteArray value(QByteArrayView name) const;

private:
    QList<Tag> m_tags;
    ErrorKind m_error = ErrorKind::None;
    QString m_errorMessage;
    qsizetype m_errorOffset = -1;
};

// Removes all FWS (SP, HTAB, CR, LF) from a value, e.g. for base64 tags b= and bh= (§3.5).
QByteArray stripFws(QByteArrayView v);

// Strict base64 as used in b=, bh= and p=: letters, digits, '+', '/', then up to two '=' at the end,
// whitespace already removed. Returns false on any other character or a wrong padding.
bool decodeBase64Strict(QByteArrayView in, QByteArray *out);

} // namespace dkimi
