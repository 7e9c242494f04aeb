// One page of the settings dialog: it shows part of a profile, writes the user's edits back
// into a profile, and shows validate()'s problems next to its fields.
#pragma once

#include <functional>

#include <QColor>
#include <QString>
#include <QWidget>

#include <string>
#include <vector>

#include "ui/settings/profile.hpp"
#include "ui/settings/profile_validation.hpp"

class QLineEdit;
class QPushButton;

namespace lm::ui {

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    /// Shows `profile`'s values; emits nothing.
    virtual void load(const Profile& profile) = 0;
    /// Writes the page's fields into `profile`, leaving other fields alone.
    virtual void store(Profile& profile) const = 0;
    /// Shows the problems whose field belongs to this page; clears the others.
    virtual void show_problems(const std::vector<ProfileProblem>& problems) = 0;
    /// Problems only the page can know (an encoder that is unavailable on this machine).
    virtual std::vector<ProfileProblem> own_problems() const { return {}; }
    /// While streaming or recording, fields that need a restart are read-only.
    virtual void set_outputs_active(bool /*active*/) {}

signals:
    /// The user changed a value.
    void edited();
};

/// The first problem for `field`, or an empty string.
QString problem_for(const std::vector<ProfileProblem>& problems, const std::string& field);
/// True when a problem's field starts with `prefix` ("output.", "stream.").
bool has_problem_under(const std::vector<ProfileProblem>& problems, const std::string& prefix);

/// The colour of inline problem messages: it reads on light and dark themes alike.
QColor problem_colour();

/// `browse` opens a folder chooser titled `title` at the folder in `edit`; a choice goes into
/// `edit` and calls `changed`.
void browse_for_folder(QPushButton* browse, QLineEdit* edit, const QString& title,
                       std::function<void()> changed);

}  // namespace lm::ui
