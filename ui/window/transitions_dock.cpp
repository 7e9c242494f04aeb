#include "ui/window/transitions_dock.hpp"

#include <QColorDialog>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

bool moves(Transition::Kind kind) {
    return kind == Transition::Kind::slide || kind == Transition::Kind::swipe;
}

}  // namespace

TransitionsDock::TransitionsDock(StudioController& controller, QWidget* parent)
    : QDockWidget(tr("Scene Transitions"), parent), controller_(controller) {
    setObjectName("transitionsDock");
    auto* body = new QWidget(this);
    form_ = new QFormLayout(body);
    kind_ = new QComboBox(body);
    kind_->setObjectName("transitionKind");
    kind_->addItem(tr("Fade"), int(Transition::Kind::fade));
    kind_->addItem(tr("Cut"), int(Transition::Kind::cut));
    kind_->addItem(tr("Slide"), int(Transition::Kind::slide));
    kind_->addItem(tr("Swipe"), int(Transition::Kind::swipe));
    kind_->addItem(tr("Fade to Colour"), int(Transition::Kind::fade_to_color));
    kind_->addItem(tr("Stinger"), int(Transition::Kind::stinger));
    duration_ = new QSpinBox(body);
    duration_->setObjectName("transitionDuration");
    duration_->setRange(50, 20000);
    duration_->setSingleStep(50);
    duration_->setSuffix(tr(" ms"));
    direction_ = new QComboBox(body);
    direction_->setObjectName("transitionDirection");
    direction_->addItem(tr("Left"), int(Transition::Direction::left));
    direction_->addItem(tr("Right"), int(Transition::Direction::right));
    direction_->addItem(tr("Up"), int(Transition::Direction::up));
    direction_->addItem(tr("Down"), int(Transition::Direction::down));
    color_ = new QPushButton(body);
    color_->setObjectName("transitionColor");

    // The stinger: its video (with alpha, drawn over the whole canvas), when the scenes
    // switch under it, and what the scenes' sound does meanwhile.
    stinger_file_row_ = new QWidget(body);
    auto* file_layout = new QHBoxLayout(stinger_file_row_);
    file_layout->setContentsMargins(0, 0, 0, 0);
    stinger_file_ = new QLineEdit(stinger_file_row_);
    stinger_file_->setObjectName("stingerFile");
    stinger_file_->setPlaceholderText(tr("A video, e.g. a .mov with alpha"));
    auto* browse = new QPushButton(tr("Browse…"), stinger_file_row_);
    browse->setObjectName("stingerBrowse");
    file_layout->addWidget(stinger_file_, 1);
    file_layout->addWidget(browse);
    stinger_point_ = new QSpinBox(body);
    stinger_point_->setObjectName("stingerPoint");
    stinger_point_->setRange(0, 600000);
    stinger_point_->setSingleStep(100);
    stinger_point_->setSuffix(tr(" ms"));
    stinger_point_->setToolTip(tr("When the scenes switch under the video, from its start"));
    stinger_audio_ = new QComboBox(body);
    stinger_audio_->setObjectName("stingerAudio");
    stinger_audio_->addItem(tr("Crossfade"), int(Transition::StingerAudio::crossfade));
    stinger_audio_->addItem(tr("Switch at the transition point"),
                            int(Transition::StingerAudio::switch_at_point));
    stinger_audio_->setToolTip(tr("The scenes' sound; the video's own sound always plays"));
    problem_ = new QLabel(body);
    problem_->setObjectName("transitionProblem");
    problem_->setWordWrap(true);
    // A style sheet rather than the palette: the themes style labels, which beats a palette.
    problem_->setStyleSheet(QStringLiteral("color: #e04040"));
    problem_->hide();

    form_->addRow(tr("Transition"), kind_);
    form_->addRow(tr("Duration"), duration_);
    form_->addRow(tr("Direction"), direction_);
    form_->addRow(tr("Colour"), color_);
    form_->addRow(tr("Video file"), stinger_file_row_);
    form_->addRow(tr("Transition point"), stinger_point_);
    form_->addRow(tr("Scenes' audio"), stinger_audio_);
    form_->addRow(problem_);
    setWidget(body);

    show_transition();
    connect(&controller_, &StudioController::transitionChanged, this,
            &TransitionsDock::show_transition);
    connect(kind_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(duration_, &QSpinBox::valueChanged, this, &TransitionsDock::apply);
    connect(direction_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(stinger_file_, &QLineEdit::editingFinished, this, &TransitionsDock::apply);
    connect(stinger_point_, &QSpinBox::editingFinished, this, &TransitionsDock::apply);
    connect(stinger_audio_, &QComboBox::currentIndexChanged, this, &TransitionsDock::apply);
    connect(browse, &QPushButton::clicked, this, &TransitionsDock::browse_for_stinger);
    connect(color_, &QPushButton::clicked, this, [this] {
        const QColor chosen =
            QColorDialog::getColor(QColor::fromRgba(color_value_), this, tr("Transition Colour"));
        if (chosen.isValid()) {
            color_value_ = chosen.rgba() | 0xFF000000u;
            apply();
        }
    });
}

void TransitionsDock::show_transition() {
    if (showing_)
        return;
    showing_ = true;
    const Transition& current = controller_.transition();
    const QSignalBlocker blocks[] = {
        QSignalBlocker(kind_),          QSignalBlocker(duration_),
        QSignalBlocker(direction_),     QSignalBlocker(stinger_file_),
        QSignalBlocker(stinger_point_), QSignalBlocker(stinger_audio_)};
    kind_->setCurrentIndex(kind_->findData(int(current.kind)));
    duration_->setValue(current.duration_ms);
    direction_->setCurrentIndex(direction_->findData(int(current.direction)));
    color_value_ = current.color;
    stinger_file_->setText(QString::fromStdString(current.stinger_file));
    stinger_point_->setValue(current.stinger_point_ms);
    stinger_audio_->setCurrentIndex(stinger_audio_->findData(int(current.stinger_audio)));
    show_enabled(current.kind);
    show_problem(controller_.transition_problem());
    showing_ = false;
}

void TransitionsDock::show_enabled(Transition::Kind kind) {
    const bool stinger = kind == Transition::Kind::stinger;
    // A stinger lasts as long as its video.
    duration_->setEnabled(kind != Transition::Kind::cut && !stinger);
    direction_->setEnabled(moves(kind));
    color_->setEnabled(kind == Transition::Kind::fade_to_color);
    color_->setText(QColor::fromRgba(color_value_).name());
    form_->setRowVisible(stinger_file_row_, stinger);
    form_->setRowVisible(stinger_point_, stinger);
    form_->setRowVisible(stinger_audio_, stinger);
}

void TransitionsDock::show_problem(const std::string& problem) {
    problem_->setText(QString::fromStdString(problem));
    problem_->setVisible(!problem.empty());
}

void TransitionsDock::browse_for_stinger() {
    const QString start = QFileInfo(stinger_file_->text()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Stinger Video"), start,
        tr("Videos (*.mov *.webm *.mkv *.mp4 *.avi *.gif *.apng);;All files (*)"));
    if (file.isEmpty())
        return;
    stinger_file_->setText(file);
    apply();
}

void TransitionsDock::apply() {
    if (showing_)
        return;
    Transition transition;
    transition.kind = Transition::Kind(kind_->currentData().toInt());
    transition.duration_ms = duration_->value();
    transition.direction = Transition::Direction(direction_->currentData().toInt());
    transition.color = color_value_;
    transition.stinger_file = stinger_file_->text().trimmed().toStdString();
    transition.stinger_point_ms = stinger_point_->value();
    transition.stinger_audio = Transition::StingerAudio(stinger_audio_->currentData().toInt());
    show_enabled(transition.kind);
    // Not applied when it cannot play: the previous transition stays in use meanwhile.
    const std::string problem = controller_.set_transition(transition);
    show_problem(problem);
}

}  // namespace lm::ui
