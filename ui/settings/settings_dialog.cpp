#include "ui/settings/settings_dialog.hpp"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/settings/audio_page.hpp"
#include "ui/settings/hotkeys_page.hpp"
#include "ui/settings/network_page.hpp"
#include "ui/settings/output_page.hpp"
#include "ui/settings/stream_page.hpp"
#include "ui/settings/video_page.hpp"

namespace lm::ui {
namespace {

/// The field prefix of each page, in Page order, to mark pages that hold a problem.
const char* const kPagePrefixes[] = {"stream.", "output.", "network.",
                                     "video.",  "audio.",  "hotkeys."};

}  // namespace

SettingsDialog::SettingsDialog(const Profile& profile, std::vector<EncoderChoice> encoders,
                               QWidget* parent)
    : QDialog(parent),
      original_(profile),
      applied_(profile),
      stream_page_(new StreamPage),
      output_page_(new OutputPage(std::move(encoders))),
      network_page_(new NetworkPage),
      video_page_(new VideoPage),
      audio_page_(new AudioPage),
      hotkeys_page_(new HotkeysPage),
      pages_{stream_page_, output_page_, network_page_, video_page_, audio_page_, hotkeys_page_},
      page_list_(new QListWidget),
      stack_(new QStackedWidget),
      active_note_(new QLabel(tr("Stop streaming and recording to change these settings"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                    QDialogButtonBox::Apply)) {
    setObjectName("settingsDialog");
    setWindowTitle(tr("Settings"));
    page_list_->setObjectName("pageList");
    stack_->setObjectName("pageStack");
    active_note_->setObjectName("outputsActiveNote");
    active_note_->setWordWrap(true);
    active_note_->hide();
    buttons_->setObjectName("buttonBox");

    for (const QString& name :
         {tr("Stream"), tr("Output"), tr("Network"), tr("Video"), tr("Audio"), tr("Hotkeys")})
        page_list_->addItem(name);
    page_list_->setFixedWidth(page_list_->sizeHintForColumn(0) + 4 * page_list_->frameWidth() + 24);
    for (SettingsPage* page : pages_) {
        page->load(profile);
        stack_->addWidget(page);
        connect(page, &SettingsPage::edited, this, &SettingsDialog::revalidate);
    }

    auto* right = new QVBoxLayout;
    right->addWidget(active_note_);
    right->addWidget(stack_, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(page_list_);
    body->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons_);

    connect(page_list_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);
    connect(page_list_, &QListWidget::currentRowChanged, this, &SettingsDialog::update_note);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);

    page_list_->setCurrentRow(0);
    revalidate();
}

Profile SettingsDialog::profile() const {
    Profile result = original_;
    for (const SettingsPage* page : pages_)
        page->store(result);
    return result;
}

std::vector<ProfileProblem> SettingsDialog::problems() const {
    std::vector<ProfileProblem> problems = validate(profile());
    for (const SettingsPage* page : pages_) {
        for (auto& problem : page->own_problems())
            problems.push_back(std::move(problem));
    }
    return problems;
}

void SettingsDialog::show_page(Page page) {
    page_list_->setCurrentRow(static_cast<int>(page) - 1);
}

SettingsDialog::Page SettingsDialog::current_page() const {
    return static_cast<Page>(page_list_->currentRow() + 1);
}

void SettingsDialog::set_monitoring_devices(
    const std::vector<std::pair<std::string, std::string>>& devices) {
    audio_page_->set_monitoring_devices(devices);
}

void SettingsDialog::set_audio_devices(const QStringList& microphones,
                                       const QStringList& monitors) {
    audio_page_->set_devices(microphones, monitors);
    revalidate();
}

void SettingsDialog::set_scene_names(const QStringList& scenes) {
    hotkeys_page_->set_scene_names(scenes);
    revalidate();
}

void SettingsDialog::set_outputs_active(bool active) {
    outputs_active_ = active;
    for (SettingsPage* page : pages_)
        page->set_outputs_active(active);
    update_note();
}

void SettingsDialog::revalidate() {
    const std::vector<ProfileProblem> problems = this->problems();
    for (SettingsPage* page : pages_)
        page->show_problems(problems);
    for (int i = 0; i < page_list_->count(); ++i) {
        const bool bad = has_problem_under(problems, kPagePrefixes[i]);
        page_list_->item(i)->setData(Qt::ForegroundRole,
                                     bad ? QVariant(problem_colour()) : QVariant());
    }
    const bool valid = problems.empty();
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(valid);
    buttons_->button(QDialogButtonBox::Apply)->setEnabled(valid && !(profile() == applied_));
}

void SettingsDialog::apply() {
    if (!problems().empty())
        return;
    const Profile edited = profile();
    if (edited == applied_)
        return;
    applied_ = edited;
    buttons_->button(QDialogButtonBox::Apply)->setEnabled(false);
    emit profileApplied(applied_);
}

void SettingsDialog::update_note() {
    const Page page = current_page();
    active_note_->setVisible(
        outputs_active_ && (page == Page::output || page == Page::network || page == Page::video));
}

}  // namespace lm::ui
