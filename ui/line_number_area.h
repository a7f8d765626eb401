#pragma once

#include <QWidget>

namespace dkimi::ui {

class ByteView;

// The gutter of a ByteView: the line number of each stored line (Qt's code editor pattern).
class LineNumberArea : public QWidget {
    Q_OBJECT
public:
    explicit LineNumberArea(ByteView *view);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ByteView *m_view;
};

} // namespace dkimi::ui
