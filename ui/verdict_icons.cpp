#include "verdict_icons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace dkimi::ui {

QColor VerdictIcons::color(Kind kind)
{
    switch (kind) {
    case Kind::Pass:
        return QColor(0x1e, 0x8e, 0x3e);
    case Kind::Caveat:
        return QColor(0xd9, 0x8a, 0x00);
    case Kind::Fail:
    case Kind::Error:
        return QColor(0xc6, 0x28, 0x28);
    case Kind::Unknown:
    case Kind::Retry:
    case Kind::None:
    case Kind::Skipped:
        return QColor(0x75, 0x75, 0x75);
    case Kind::Info:
        return QColor(0x3b, 0x6e, 0xb5);
    case Kind::Note:
        return QColor(0x5c, 0x7c, 0x99);
    }
    return Qt::gray;
}

QPixmap VerdictIcons::pixmap(Kind kind, int size, qreal dpr)
{
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QColor c = color(kind);
    const qreal stroke = qMax<qreal>(1.5, s / 9.0);
    QPen white(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);

    if (kind == Kind::Caveat) {
        // Amber triangle with an exclamation mark.
        QPainterPath tri;
        tri.moveTo(s * 0.5, s * 0.06);
        tri.lineTo(s * 0.97, s * 0.92);
        tri.lineTo(s * 0.03, s * 0.92);
        tri.closeSubpath();
        p.setPen(QPen(c.darker(115), 1));
        p.setBrush(c);
        p.drawPath(tri);
        p.setPen(QPen(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.5, s * 0.36), QPointF(s * 0.5, s * 0.62));
        p.drawPoint(QPointF(s * 0.5, s * 0.78));
        return pm;
    }
    if (kind == Kind::Skipped) {
        // Hollow circle: this step did not run.
        p.setPen(QPen(c, qMax<qreal>(1.0, s / 12.0)));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QRectF(s * 0.18, s * 0.18, s * 0.64, s * 0.64));
        return pm;
    }
    const QRectF circle(s * 0.04, s * 0.04, s * 0.92, s * 0.92);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    if (kind == Kind::Error)
        p.drawRoundedRect(circle, s * 0.18, s * 0.18); // a square: "could not read", not a verdict
    else
        p.drawEllipse(circle);
    p.setPen(white);
    p.setBrush(Qt::NoBrush);
    switch (kind) {
    case Kind::Pass: {
        QPainterPath check;
        check.moveTo(s * 0.27, s * 0.52);
        check.lineTo(s * 0.44, s * 0.69);
        check.lineTo(s * 0.74, s * 0.34);
        p.drawPath(check);
        break;
    }
    case Kind::Fail:
    case Kind::Error:
        p.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68));
        p.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68));
        break;
    case Kind::Unknown: {
        QFont f = p.font();
        f.setBold(true);
        f.setPixelSize(int(s * 0.7));
        p.setFont(f);
        p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    case Kind::Retry: {
        const QRectF arc(s * 0.27, s * 0.27, s * 0.46, s * 0.46);
        p.drawArc(arc, 40 * 16, 280 * 16);
        QPainterPath head;
        head.moveTo(s * 0.66, s * 0.18);
        head.lineTo(s * 0.70, s * 0.36);
        head.lineTo(s * 0.52, s * 0.36);
        p.drawPath(head);
        break;
    }
    case Kind::None:
        p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5));
        break;
    case Kind::Info:
    case Kind::Note:
        p.drawLine(QPointF(s * 0.5, s * 0.45), QPointF(s * 0.5, s * 0.72));
        p.drawPoint(QPointF(s * 0.5, s * 0.28));
        break;
    default:
        break;
    }
    return pm;
}

QIcon VerdictIcons::icon(Kind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48})
        icon.addPixmap(pixmap(kind, size, 1.0));
    for (int size : {16, 24, 32})
        icon.addPixmap(pixmap(kind, size, 2.0));
    cache.insert(int(kind), icon);
    return icon;
}

VerdictIcons::Kind VerdictIcons::forResult(Result r)
{
    switch (r) {
    case Result::Pass:
        return Kind::Pass;
    case Result::Policy:
        return Kind::Caveat;
    case Result::Fail:
        return Kind::Fail;
    case Result::PermError:
        return Kind::Unknown;
    case Result::TempError:
        return Kind::Retry;
    case Result::None:
        return Kind::None;
    }
    return Kind::None;
}

VerdictIcons::Kind VerdictIcons::forResult(const SignatureResult &s)
{
    return forResult(s.result);
}

VerdictIcons::Kind VerdictIcons::forVerdict(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return Kind::Pass;
    case Verdict::Fail:
        return Kind::Fail;
    case Verdict::Neutral:
        return Kind::Caveat;
    case Verdict::TempError:
        return Kind::Retry;
    case Verdict::PermError:
        return Kind::Unknown;
    case Verdict::Skipped:
        return Kind::Skipped;
    }
    return Kind::Skipped;
}

VerdictIcons::Kind VerdictIcons::forSeverity(Severity s)
{
    switch (s) {
    case Severity::Info:
        return Kind::Info;
    case Severity::Note:
        return Kind::Note;
    case Severity::Warning:
        return Kind::Caveat;
    case Severity::Error:
        return Kind::Fail;
    }
    return Kind::Info;
}

} // namespace dkimi::ui
