#include "ui/settings/replay_buffer_box.hpp"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/settings/problem_label.hpp"
#include "ui/settings/settings_page.hpp"

namespace lm::ui {
ReplayBufferBox::ReplayBufferBox(QWidget* parent)
    : QGroupBox(tr("Replay buffer"), parent),
      seconds_spin_(new QSpinBox),
      folder_edit_(new QLineEdit),
      container_combo_(new QComboBox),
      seconds_problem_(new ProblemLabel("replaySecondsError")),
      folder_problem_(new ProblemLabel("replayFolderError")) {
    setObjectName("replayBufferBox");
    seconds_spin_->setObjectName("replaySecondsSpin");
    seconds_spin_->setRange(ProfileLimits::kMinReplaySeconds, ProfileLimits::kMaxReplaySeconds);
    seconds_spin_->setSuffix(tr(" s"));
    seconds_spin_->setToolTip(
        tr("A saved replay holds at least this many seconds, from a keyframe. The buffer keeps "
           "them in memory: about 7 MB for 20 s at 2500 kbps."));
    folder_edit_->setObjectName("replayFolderEdit");
    folder_edit_->setPlaceholderText(tr("The recording folder"));
    container_combo_->setObjectName("replayContainerCombo");
    container_combo_->addItem(tr("Matroska (.mkv)"), "mkv");
    container_combo_->addItem(tr("MPEG-4 (.mp4)"), "mp4");
    container_combo_->addItem(tr("Flash Video (.flv)"), "flv");

    auto* browse = new QPushButton(tr("Browse..."));
    browse->setObjectName("replayBrowseButton");
    auto* folder_row = new QWidget;
    auto* row = new QHBoxLayout(folder_row);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(folder_edit_, 1);
    row->addWidget(browse);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Keep"), with_problem(seconds_spin_, seconds_problem_));
    form->addRow(tr("Folder"), with_problem(folder_row, folder_problem_));
    form->addRow(tr("Format"), container_combo_);

    const auto changed = [this] {
        if (!loading_)
            emit edited();
    };
    connect(seconds_spin_, &QSpinBox::valueChanged, this, changed);
    connect(folder_edit_, &QLineEdit::textEdited, this, changed);
    connect(container_combo_, &QComboBox::currentIndexChanged, this, changed);
    browse_for_folder(browse, folder_edit_, tr("Replay folder"), changed);
}

void ReplayBufferBox::load(const ReplayBufferSettings& settings) {
    loading_ = true;
    seconds_spin_->setValue(settings.seconds);
    folder_edit_->setText(QString::fromStdString(settings.folder));
    container_combo_->setCurrentIndex(container_combo_->findData(to_string(settings.container)));
    loading_ = false;
}

void ReplayBufferBox::store(ReplayBufferSettings& settings) const {
    settings.seconds = seconds_spin_->value();
    settings.folder = folder_edit_->text().toStdString();
    container_from_string(container_combo_->currentData().toString().toStdString(),
                          settings.container);
}

void ReplayBufferBox::show_problems(const std::vector<ProfileProblem>& problems) {
    seconds_problem_->set_problem(problem_for(problems, "output.replay_buffer.seconds"));
    folder_problem_->set_problem(problem_for(problems, "output.replay_buffer.folder"));
}

}  // namespace lm::ui
