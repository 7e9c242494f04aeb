// The Stream page: the list of destinations (several stream at once) and, for the selected
// one, its service, server, stream key (masked unless "Show" is on), trusted certificate and
// enabled switch; for an HLS folder destination, the folder and its segments instead.
#pragma once

#include <vector>

#include "ui/settings/settings_page.hpp"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace lm::ui {

class HlsFolderEditor;
class ProblemLabel;

class StreamPage : public SettingsPage {
    Q_OBJECT
public:
    explicit StreamPage(QWidget* parent = nullptr);

    void load(const Profile& profile) override;
    void store(Profile& profile) const override;
    void show_problems(const std::vector<ProfileProblem>& problems) override;

    /// The selected destination's index, or -1.
    int selected() const;
    void select(int index);
    /// Appends a Twitch destination, selects it and puts the focus on its key.
    void add_destination();

private:
    void remove_destination();
    void on_selection_changed();
    void on_service_changed();
    void on_editor_changed();
    void fill_servers(const StreamDestination& destination);
    void fill_editors();
    void refresh_item(int index);
    /// Shows the RTMP rows or the HLS folder's, as the selected destination needs.
    void show_rows_for(const StreamDestination* destination);
    QString item_text(const StreamDestination& destination) const;

    std::vector<StreamDestination> destinations_;
    std::vector<ProfileProblem> problems_;
    bool filling_ = false;  ///< editors are being set from the model: not a user edit

    QListWidget* list_;
    QPushButton* add_button_;
    QPushButton* remove_button_;
    QWidget* editor_;
    QLineEdit* name_edit_;
    QComboBox* service_combo_;
    QComboBox* server_combo_;
    QLineEdit* key_edit_;
    QPushButton* show_key_button_;
    QLineEdit* certificate_edit_;
    QCheckBox* enabled_check_;
    HlsFolderEditor* hls_editor_;
    QFormLayout* form_;
    QWidget* server_row_;
    QWidget* key_row_;
    QWidget* certificate_row_;
    ProblemLabel* service_problem_;
    ProblemLabel* server_problem_;
    ProblemLabel* key_problem_;
    ProblemLabel* certificate_problem_;
};

}  // namespace lm::ui
