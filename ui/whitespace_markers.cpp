#include "whitespace_markers.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QGuiApplication>

namespace dkimi::ui {

bool WhitespaceMarkers::haveControlPictures()
{
    static const bool have = [] {
        if (!qGuiApp)
            return false;
        const QFontMetrics fm(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        return fm.inFontUcs4(0x240D) && fm.inFontUcs4(0x240A);
    }();
    return have;
}

QChar WhitespaceMarkers::cr()
{
    return haveControlPictures() ? QChar(0x240D) : QChar(0x2190);
}

QChar WhitespaceMarkers::lf()
{
    return haveControlPictures() ? QChar(0x240A) : QChar(0x2193);
}

QChar WhitespaceMarkers::control(uchar byte)
{
    if (haveControlPictures())
        return byte == 0x7F ? QChar(0x2421) : QChar(0x2400 + byte);
    return QChar(0x00A4); // ¤
}

} // namespace dkimi::ui
