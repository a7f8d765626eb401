#pragma once

#include <QChar>
#include <QString>

namespace dkimi::ui {

// The characters that make invisible bytes visible: · for space, → for tab, ␍ and ␊ for CR and LF,
// and control pictures for other control bytes. When the fixed-width font has no control pictures
// (DejaVu Sans Mono, say), CR and LF fall back to ← and ↓ so that no byte is ever drawn as a box.
class WhitespaceMarkers {
public:
    static QChar space() { return QChar(0x00B7); }
    static QChar tab() { return QChar(0x2192); }
    static QChar cr();
    static QChar lf();
    static QChar control(uchar byte); // 0x00-0x1F and 0x7F
    static QString crlf() { return QString(cr()) + lf(); }
    static bool isMarker(QChar c) { return c == space() || c == tab() || c == cr() || c == lf(); }

private:
    static bool haveControlPictures();
};

} // namespace dkimi::ui
