#include "ui/settings/settings_page.hpp"

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

}  // namespace lm::ui
