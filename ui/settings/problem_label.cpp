#include "ui/settings/problem_label.hpp"

#include <QVBoxLayout>

#include "ui/settings/settings_page.hpp"

namespace lm::ui {

ProblemLabel::ProblemLabel(const QString& object_name, QWidget* parent) : QLabel(parent) {
    setObjectName(object_name);
    setWordWrap(true);
    QPalette colours = palette();
    colours.setColor(QPalette::WindowText, problem_colour());
    setPalette(colours);
    hide();
}

void ProblemLabel::set_problem(const QString& message) {
    setText(message);
    setVisible(!message.isEmpty());
}

QWidget* with_problem(QWidget* editor, ProblemLabel* problem) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(editor);
    layout->addWidget(problem);
    return box;
}

}  // namespace lm::ui
