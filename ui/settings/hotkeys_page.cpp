#include "ui/settings/hotkeys_page.hpp"

#include <QFormLayout>
#include <QKeySequenceEdit>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/settings/problem_label.hpp"

namespace lm::ui {

HotkeysPage::HotkeysPage(QWidget* parent) : SettingsPage(parent), form_(new QFormLayout) {
    setObjectName("hotkeysPage");
    auto* rows = new QWidget;
    rows->setLayout(form_);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(rows);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    rebuild();
}

void HotkeysPage::load(const Profile& profile) {
    keys_ = profile.hotkeys;
    rebuild();
}

void HotkeysPage::store(Profile& profile) const {
    for (const auto& action : actions_) {
        const auto it = keys_.find(action);
        if (it == keys_.end() || it->second.empty())
            profile.hotkeys.erase(action);
        else
            profile.hotkeys[action] = it->second;
    }
}

void HotkeysPage::set_scene_names(const QStringList& scenes) {
    scenes_ = scenes;
    rebuild();
}

QKeySequenceEdit* HotkeysPage::editor(const std::string& action) const {
    const auto it = rows_.find(action);
    return it == rows_.end() ? nullptr : it->second.editor;
}

void HotkeysPage::rebuild() {
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    rows_.clear();

    actions_ = fixed_hotkey_actions();
    for (const QString& scene : scenes_)
        actions_.push_back(kSwitchScenePrefix + scene.toStdString());
    for (const auto& [action, keys] : keys_) {
        const bool scene = action.rfind(kSwitchScenePrefix, 0) == 0;
        if (scene && std::find(actions_.begin(), actions_.end(), action) == actions_.end())
            actions_.push_back(action);
    }

    loading_ = true;
    for (const auto& action : actions_) {
        auto* editor = new QKeySequenceEdit;
        editor->setObjectName(QString::fromStdString("hotkey_" + action));
        editor->setClearButtonEnabled(true);
        if (const auto it = keys_.find(action); it != keys_.end()) {
            editor->setKeySequence(QKeySequence::fromString(QString::fromStdString(it->second),
                                                            QKeySequence::PortableText));
        }
        auto* problem = new ProblemLabel(QString::fromStdString("hotkey_" + action + "Error"));
        auto* cell = new QWidget;
        auto* column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(editor);
        column->addWidget(problem);
        form_->addRow(QString::fromStdString(hotkey_action_label(action)), cell);
        rows_[action] = {editor, problem};
        connect(editor, &QKeySequenceEdit::keySequenceChanged, this,
                [this, action](const QKeySequence& keys) {
                    if (loading_)
                        return;
                    keys_[action] = keys.toString(QKeySequence::PortableText).toStdString();
                    emit edited();
                });
    }
    loading_ = false;
    show_problems(problems_);
}

void HotkeysPage::show_problems(const std::vector<ProfileProblem>& problems) {
    problems_ = problems;
    for (const auto& [action, row] : rows_)
        row.problem->set_problem(problem_for(problems, "hotkeys." + action));
}

}  // namespace lm::ui
