// The Audio page: sample rate, and which microphone and which desktop-audio monitor to
// capture ("Default" follows the system, "Disabled" captures nothing), and the output that
// audio monitoring plays on.
#pragma once

#include <QStringList>

#include <string>
#include <utility>
#include <vector>

#include "ui/settings/settings_page.hpp"

class QComboBox;

namespace lm::ui {

class ProblemLabel;

class AudioPage : public SettingsPage {
    Q_OBJECT
public:
    explicit AudioPage(QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;

    /// Device ids to offer; the current choices are kept, marked "not connected" when they
    /// are no longer in the lists.
    void set_devices(const QStringList& microphones, const QStringList& monitors);
    /// {id, label} of the outputs monitoring can play on; "default" is always offered (as
    /// "Default"), and the current choice is kept, marked "not connected", when missing.
    void set_monitoring_devices(const std::vector<std::pair<std::string, std::string>>& devices);

private:
    void fill(QComboBox* combo, const QStringList& devices, const QString& current);
    void fill_monitoring(const QString& current);

    bool loading_ = false;  ///< fields are being set from a profile: not a user edit
    QStringList microphones_;
    QStringList monitors_;
    std::vector<std::pair<std::string, std::string>> monitoring_devices_;
    QComboBox* sample_rate_combo_;
    QComboBox* microphone_combo_;
    QComboBox* desktop_combo_;
    QComboBox* monitoring_combo_;
    ProblemLabel* sample_rate_problem_;
};

}  // namespace lm::ui
