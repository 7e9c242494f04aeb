// The inline message under a settings field that holds an invalid value.
#pragma once

#include <QLabel>

namespace lm::ui {

class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    /// Hidden until set_problem() gets a message. `object_name` lets tests find it.
    explicit ProblemLabel(const QString& object_name, QWidget* parent = nullptr);

    /// Shows `message`, or hides the label when it is empty.
    void set_problem(const QString& message);
};

/// One form field: `editor` with its `problem` line under it.
QWidget* with_problem(QWidget* editor, ProblemLabel* problem);

}  // namespace lm::ui
