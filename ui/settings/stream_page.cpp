#include "ui/settings/stream_page.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/settings/hls_folder_editor.hpp"
#include "ui/settings/problem_label.hpp"
#include "ui/settings/stream_services.hpp"

namespace lm::ui {
namespace {

/// A field editor with its problem label underneath, as one form row.
QWidget* with_problem(QWidget* editor, QWidget* extra, ProblemLabel* problem) {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(editor, 1);
    if (extra != nullptr)
        row->addWidget(extra);
    column->addLayout(row);
    column->addWidget(problem);
    return box;
}

}  // namespace

StreamPage::StreamPage(QWidget* parent)
    : SettingsPage(parent),
      list_(new QListWidget),
      add_button_(new QPushButton(tr("Add"))),
      remove_button_(new QPushButton(tr("Remove"))),
      editor_(new QWidget),
      name_edit_(new QLineEdit),
      service_combo_(new QComboBox),
      server_combo_(new QComboBox),
      key_edit_(new QLineEdit),
      show_key_button_(new QPushButton(tr("Show"))),
      certificate_edit_(new QLineEdit),
      enabled_check_(new QCheckBox(tr("Stream to this destination"))),
      hls_editor_(new HlsFolderEditor),
      form_(new QFormLayout(editor_)),
      service_problem_(new ProblemLabel("serviceError")),
      server_problem_(new ProblemLabel("serverError")),
      key_problem_(new ProblemLabel("streamKeyError")),
      certificate_problem_(new ProblemLabel("certificateError")) {
    setObjectName("streamPage");
    list_->setObjectName("destinationList");
    add_button_->setObjectName("addDestinationButton");
    remove_button_->setObjectName("removeDestinationButton");
    name_edit_->setObjectName("destinationNameEdit");
    service_combo_->setObjectName("serviceCombo");
    server_combo_->setObjectName("serverCombo");
    key_edit_->setObjectName("streamKeyEdit");
    show_key_button_->setObjectName("showKeyButton");
    enabled_check_->setObjectName("destinationEnabledCheck");
    certificate_edit_->setObjectName("certificateEdit");
    certificate_edit_->setPlaceholderText(tr("Only for your own rtmps:// server"));
    certificate_edit_->setToolTip(
        tr("For rtmps://: a PEM file with the server's own (self-signed) certificate or its "
           "private authority, trusted besides the system's. Leave empty for public services."));
    auto* certificate_browse = new QPushButton(tr("Browse..."));
    certificate_browse->setObjectName("certificateBrowseButton");

    for (const auto& service : stream_services())
        service_combo_->addItem(QString::fromStdString(service.name),
                                QString::fromStdString(service.id));
    key_edit_->setEchoMode(QLineEdit::Password);
    show_key_button_->setCheckable(true);
    show_key_button_->setToolTip(tr("Show the stream key (keep it hidden on a shared screen)"));
    list_->setMaximumHeight(120);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add_button_);
    buttons->addWidget(remove_button_);
    buttons->addStretch(1);

    server_row_ = with_problem(server_combo_, nullptr, server_problem_);
    key_row_ = with_problem(key_edit_, show_key_button_, key_problem_);
    certificate_row_ = with_problem(certificate_edit_, certificate_browse, certificate_problem_);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->addRow(tr("Name"), name_edit_);
    form_->addRow(tr("Service"), with_problem(service_combo_, nullptr, service_problem_));
    form_->addRow(tr("Server"), server_row_);
    form_->addRow(tr("Stream key"), key_row_);
    form_->addRow(tr("Trusted certificate"), certificate_row_);
    form_->addRow(hls_editor_);
    form_->addRow(QString(), enabled_check_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_);
    layout->addLayout(buttons);
    layout->addWidget(editor_);
    layout->addStretch(1);

    connect(add_button_, &QPushButton::clicked, this, &StreamPage::add_destination);
    connect(remove_button_, &QPushButton::clicked, this, &StreamPage::remove_destination);
    connect(list_, &QListWidget::currentRowChanged, this, &StreamPage::on_selection_changed);
    connect(service_combo_, &QComboBox::currentIndexChanged, this, &StreamPage::on_service_changed);
    connect(server_combo_, &QComboBox::currentIndexChanged, this, &StreamPage::on_editor_changed);
    connect(server_combo_, &QComboBox::editTextChanged, this, &StreamPage::on_editor_changed);
    connect(name_edit_, &QLineEdit::textEdited, this, &StreamPage::on_editor_changed);
    connect(key_edit_, &QLineEdit::textChanged, this, &StreamPage::on_editor_changed);
    connect(enabled_check_, &QCheckBox::toggled, this, &StreamPage::on_editor_changed);
    connect(certificate_edit_, &QLineEdit::textEdited, this, &StreamPage::on_editor_changed);
    connect(hls_editor_, &HlsFolderEditor::edited, this, &StreamPage::on_editor_changed);
    connect(certificate_browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Trusted certificate"), certificate_edit_->text(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty()) {
            certificate_edit_->setText(file);
            on_editor_changed();
        }
    });
    connect(show_key_button_, &QPushButton::toggled, this, [this](bool shown) {
        key_edit_->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        show_key_button_->setText(shown ? tr("Hide") : tr("Show"));
    });
    fill_editors();
}

void StreamPage::load(const Profile& profile) {
    destinations_ = profile.destinations;
    filling_ = true;
    list_->clear();
    for (const auto& destination : destinations_)
        list_->addItem(item_text(destination));
    filling_ = false;
    select(destinations_.empty() ? -1 : 0);
    fill_editors();
}

void StreamPage::store(Profile& profile) const {
    profile.destinations = destinations_;
}

int StreamPage::selected() const {
    return list_->currentRow();
}

void StreamPage::select(int index) {
    list_->setCurrentRow(index);
}

void StreamPage::add_destination() {
    StreamDestination destination;
    destination.server_url = find_stream_service(destination.service_id)->servers.front().url;
    destinations_.push_back(destination);
    list_->addItem(item_text(destination));
    select(static_cast<int>(destinations_.size()) - 1);
    key_edit_->setFocus();
    emit edited();
}

void StreamPage::remove_destination() {
    const int index = selected();
    if (index < 0)
        return;
    destinations_.erase(destinations_.begin() + index);
    delete list_->takeItem(index);
    fill_editors();
    emit edited();
}

void StreamPage::on_selection_changed() {
    if (filling_)
        return;
    // A key shown for one destination must not stay readable when another is picked.
    show_key_button_->setChecked(false);
    fill_editors();
}

void StreamPage::on_service_changed() {
    const int index = selected();
    if (filling_ || index < 0)
        return;
    StreamDestination& destination = destinations_[size_t(index)];
    destination.service_id = service_combo_->currentData().toString().toStdString();
    const StreamService* service = find_stream_service(destination.service_id);
    destination.server_url = service->servers.empty() ? std::string() : service->servers[0].url;
    fill_editors();
    refresh_item(index);
    emit edited();
}

void StreamPage::on_editor_changed() {
    const int index = selected();
    if (filling_ || index < 0)
        return;
    StreamDestination& destination = destinations_[size_t(index)];
    destination.name = name_edit_->text().toStdString();
    destination.server_url = (server_combo_->isEditable() ? server_combo_->currentText()
                                                          : server_combo_->currentData().toString())
                                 .toStdString();
    destination.stream_key = key_edit_->text().toStdString();
    destination.enabled = enabled_check_->isChecked();
    destination.trusted_certificate = certificate_edit_->text().toStdString();
    if (destination.writes_hls())
        destination.hls = hls_editor_->settings();
    refresh_item(index);
    emit edited();
}

void StreamPage::fill_servers(const StreamDestination& destination) {
    const StreamService* service = find_stream_service(destination.service_id);
    const QString url = QString::fromStdString(destination.server_url);
    server_combo_->clear();
    const bool custom = service == nullptr || service->custom_url;
    server_combo_->setEditable(custom);
    if (custom) {
        server_combo_->setEditText(url);
        server_combo_->lineEdit()->setPlaceholderText("rtmp://host/app");
        return;
    }
    for (const auto& server : service->servers) {
        server_combo_->addItem(QString::fromStdString(server.name),
                               QString::fromStdString(server.url));
        server_combo_->setItemData(server_combo_->count() - 1, QString::fromStdString(server.url),
                                   Qt::ToolTipRole);
    }
    // A server that left the catalogue stays usable for the profiles that name it.
    int current = server_combo_->findData(url);
    if (current < 0 && !url.isEmpty()) {
        server_combo_->addItem(url, url);
        current = server_combo_->count() - 1;
    }
    server_combo_->setCurrentIndex(current);
}

void StreamPage::fill_editors() {
    const int index = selected();
    editor_->setEnabled(index >= 0);
    remove_button_->setEnabled(index >= 0);
    filling_ = true;
    if (index < 0) {
        name_edit_->clear();
        key_edit_->clear();
        certificate_edit_->clear();
        server_combo_->clear();
        show_rows_for(nullptr);
    } else {
        const StreamDestination& destination = destinations_[size_t(index)];
        const StreamService* service = find_stream_service(destination.service_id);
        name_edit_->setText(QString::fromStdString(destination.name));
        name_edit_->setPlaceholderText(service != nullptr ? QString::fromStdString(service->name)
                                                          : QString());
        service_combo_->setCurrentIndex(
            service_combo_->findData(QString::fromStdString(destination.service_id)));
        fill_servers(destination);
        key_edit_->setText(QString::fromStdString(destination.stream_key));
        enabled_check_->setChecked(destination.enabled);
        certificate_edit_->setText(QString::fromStdString(destination.trusted_certificate));
        hls_editor_->set_settings(destination.hls);
        show_rows_for(&destination);
    }
    filling_ = false;
    show_problems(problems_);
}

void StreamPage::show_problems(const std::vector<ProfileProblem>& problems) {
    problems_ = problems;
    const int index = selected();
    const auto field = [&](const char* member) {
        return index < 0 ? QString()
                         : problem_for(problems, destination_field(size_t(index), member));
    };
    service_problem_->set_problem(field("service_id"));
    server_problem_->set_problem(field("server_url"));
    key_problem_->set_problem(field("stream_key"));
    certificate_problem_->set_problem(field("trusted_certificate"));
    hls_editor_->show_problems(problems, index);
    for (int i = 0; i < list_->count(); ++i)
        refresh_item(i);
}

void StreamPage::refresh_item(int index) {
    QListWidgetItem* item = list_->item(index);
    if (item == nullptr || size_t(index) >= destinations_.size())
        return;
    item->setText(item_text(destinations_[size_t(index)]));
    // Problems of the destinations not being edited still show, on their list entries.
    const std::string prefix = destination_field(size_t(index), "");
    QString why;
    for (const auto& problem : problems_) {
        if (problem.field.compare(0, prefix.size(), prefix) == 0)
            why = QString::fromStdString(problem.message);
    }
    item->setToolTip(why);
    item->setData(Qt::ForegroundRole, why.isEmpty() ? QVariant() : QVariant(problem_colour()));
}

void StreamPage::show_rows_for(const StreamDestination* destination) {
    const bool hls = destination != nullptr && destination->writes_hls();
    form_->setRowVisible(server_row_, !hls);
    form_->setRowVisible(key_row_, !hls);
    form_->setRowVisible(certificate_row_, !hls);
    form_->setRowVisible(hls_editor_, hls);
}

QString StreamPage::item_text(const StreamDestination& destination) const {
    const StreamService* service = find_stream_service(destination.service_id);
    QString text = QString::fromStdString(
        !destination.name.empty() ? destination.name
                                  : (service != nullptr ? service->name : destination.service_id));
    // The server identifies a destination without revealing anything secret.
    if (destination.writes_hls() && !destination.hls.folder.empty())
        text += QString::fromUtf8(" \u2014 ") + QString::fromStdString(destination.hls.folder);
    else if (!destination.writes_hls() && !destination.server_url.empty())
        text += QString::fromUtf8(" \u2014 ") +
                QString::fromStdString(masked_server_url(destination.server_url));
    if (!destination.enabled)
        text += tr(" (off)");
    return text;
}

}  // namespace lm::ui
