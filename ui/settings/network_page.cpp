#include "ui/settings/network_page.hpp"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"

namespace lm::ui {
namespace {

QDoubleSpinBox* seconds_spin(const char* name) {
    auto* spin = new QDoubleSpinBox;
    spin->setObjectName(name);
    spin->setRange(ProfileLimits::kMinReconnectDelayS, ProfileLimits::kMaxReconnectDelayS);
    spin->setDecimals(1);
    spin->setSingleStep(0.5);
    spin->setSuffix(QObject::tr(" s"));
    return spin;
}

QLabel* hint(const QString& text) {
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

}  // namespace

NetworkPage::NetworkPage(QWidget* parent)
    : SettingsPage(parent),
      reconnect_check_(new QCheckBox(tr("Reconnect when a stream drops"))),
      attempts_spin_(new QSpinBox),
      first_delay_spin_(seconds_spin("reconnectDelaySpin")),
      max_delay_spin_(seconds_spin("reconnectMaxDelaySpin")),
      dynamic_bitrate_check_(new QCheckBox(tr("Dynamic bitrate"))),
      follow_slowest_check_(new QCheckBox(tr("With several destinations, follow the slowest"))),
      attempts_problem_(new ProblemLabel("reconnectAttemptsError")),
      first_delay_problem_(new ProblemLabel("reconnectDelayError")),
      max_delay_problem_(new ProblemLabel("reconnectMaxDelayError")) {
    setObjectName("networkPage");
    reconnect_check_->setObjectName("reconnectCheck");
    attempts_spin_->setObjectName("reconnectAttemptsSpin");
    attempts_spin_->setRange(1, ProfileLimits::kMaxReconnectAttempts);
    dynamic_bitrate_check_->setObjectName("dynamicBitrateCheck");
    follow_slowest_check_->setObjectName("followSlowestCheck");

    auto* reconnect = new QGroupBox(tr("Reconnect"));
    auto* reconnect_form = new QFormLayout(reconnect);
    reconnect_form->addRow(reconnect_check_);
    reconnect_form->addRow(tr("Attempts"), with_problem(attempts_spin_, attempts_problem_));
    reconnect_form->addRow(tr("First wait"), with_problem(first_delay_spin_, first_delay_problem_));
    reconnect_form->addRow(tr("Longest wait"), with_problem(max_delay_spin_, max_delay_problem_));
    reconnect_form->addRow(
        hint(tr("Each wait is 1.5 times the one before, up to the longest. A destination that "
                "cannot be reached when the stream starts is not retried.")));

    auto* bitrate = new QGroupBox(tr("When the network falls behind"));
    auto* bitrate_form = new QFormLayout(bitrate);
    bitrate_form->addRow(dynamic_bitrate_check_);
    bitrate_form->addRow(
        hint(tr("Lowers the video bitrate to what the link carries and raises it back as it "
                "recovers; off, frames are dropped instead.")));
    bitrate_form->addRow(follow_slowest_check_);
    bitrate_form->addRow(
        hint(tr("Off, a slow destination drops frames alone and the others keep full quality.")));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(reconnect);
    layout->addWidget(bitrate);
    layout->addStretch(1);

    const auto changed = [this] {
        if (loading_)
            return;
        update_enabled();
        emit edited();
    };
    for (QCheckBox* check : {reconnect_check_, dynamic_bitrate_check_, follow_slowest_check_})
        connect(check, &QCheckBox::toggled, this, changed);
    connect(attempts_spin_, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* spin : {first_delay_spin_, max_delay_spin_})
        connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
}

void NetworkPage::load(const Profile& profile) {
    const NetworkOptions& n = profile.network;
    loading_ = true;
    reconnect_check_->setChecked(n.reconnect);
    attempts_spin_->setValue(n.reconnect_attempts);
    first_delay_spin_->setValue(n.reconnect_delay_s);
    max_delay_spin_->setValue(n.reconnect_max_delay_s);
    dynamic_bitrate_check_->setChecked(n.dynamic_bitrate);
    follow_slowest_check_->setChecked(n.follow_slowest);
    loading_ = false;
    update_enabled();
}

void NetworkPage::store(Profile& profile) const {
    NetworkOptions& n = profile.network;
    n.reconnect = reconnect_check_->isChecked();
    n.reconnect_attempts = attempts_spin_->value();
    n.reconnect_delay_s = first_delay_spin_->value();
    n.reconnect_max_delay_s = max_delay_spin_->value();
    n.dynamic_bitrate = dynamic_bitrate_check_->isChecked();
    n.follow_slowest = follow_slowest_check_->isChecked();
}

void NetworkPage::show_problems(const std::vector<ProfileProblem>& problems) {
    attempts_problem_->set_problem(problem_for(problems, "network.reconnect_attempts"));
    first_delay_problem_->set_problem(problem_for(problems, "network.reconnect_delay_s"));
    max_delay_problem_->set_problem(problem_for(problems, "network.reconnect_max_delay_s"));
}

void NetworkPage::set_outputs_active(bool active) {
    outputs_active_ = active;
    update_enabled();
}

void NetworkPage::update_enabled() {
    const bool editable = !outputs_active_;
    const bool reconnect = reconnect_check_->isChecked();
    reconnect_check_->setEnabled(editable);
    attempts_spin_->setEnabled(editable && reconnect);
    first_delay_spin_->setEnabled(editable && reconnect);
    max_delay_spin_->setEnabled(editable && reconnect);
    dynamic_bitrate_check_->setEnabled(editable);
    follow_slowest_check_->setEnabled(editable);
}

}  // namespace lm::ui
