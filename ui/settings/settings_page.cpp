#include "ui/settings/settings_page.hpp"

#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>

namespace lm::ui {

QString problem_for(const std::vector<ProfileProblem>& problems, const std::string& field) {
    for (const auto& problem : problems) {
        if (problem.field == field)
            return QString::fromStdString(problem.message);
    }
    return {};
}

bool has_problem_under(const std::vector<ProfileProblem>& problems, const std::string& prefix) {
    for (const auto& problem : problems) {
        if (problem.field.compare(0, prefix.size(), prefix) == 0)
            return true;
    }
    return false;
}

QColor problem_colour() {
    return QColor(0xe5, 0x48, 0x4d);
}

void browse_for_folder(QPushButton* browse, QLineEdit* edit, const QString& title,
                       std::function<void()> changed) {
    QObject::connect(browse, &QPushButton::clicked, edit, [browse, edit, title, changed] {
        const QString folder = QFileDialog::getExistingDirectory(browse, title, edit->text());
        if (!folder.isEmpty()) {
            edit->setText(folder);
            changed();
        }
    });
}

}  // namespace lm::ui
