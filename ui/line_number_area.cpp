#include "line_number_area.h"

#include "byte_view.h"

namespace dkimi::ui {

LineNumberArea::LineNumberArea(ByteView *view) : QWidget(view), m_view(view) {}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_view->lineNumberAreaWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_view->paintLineNumbers(event);
}

} // namespace dkimi::ui
