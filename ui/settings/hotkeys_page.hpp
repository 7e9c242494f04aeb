// The Hotkeys page: one key-sequence editor per action (start/stop streaming and recording,
// and a switch to each scene).
#pragma once

#include <QStringList>

#include <map>
#include <string>

#include "ui/settings/settings_page.hpp"

class QFormLayout;
class QKeySequenceEdit;

namespace lm::ui {

class ProblemLabel;

class HotkeysPage : public SettingsPage {
    Q_OBJECT
public:
    explicit HotkeysPage(QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    /// Sets or clears the listed actions' keys; keys of other actions are left as they are.
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;

    /// Adds a "Switch to scene" row per scene (rows of scenes that have keys stay listed).
    void set_scene_names(const QStringList& scenes);

    /// The editor of `action`'s keys ("hotkey_<action>"), or null when it is not listed.
    QKeySequenceEdit* editor(const std::string& action) const;

private:
    struct Row {
        QKeySequenceEdit* editor;
        ProblemLabel* problem;
    };
    void rebuild();

    bool loading_ = false;  ///< editors are being set from a profile: not a user edit
    QStringList scenes_;
    std::map<std::string, std::string> keys_;  ///< action -> PortableText, as edited
    std::vector<std::string> actions_;         ///< in row order
    std::map<std::string, Row> rows_;
    std::vector<ProfileProblem> problems_;
    QFormLayout* form_;
};

}  // namespace lm::ui
