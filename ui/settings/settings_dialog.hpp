// The settings dialog: a page list on the left (Stream, Output, Network, Video, Audio,
// Hotkeys) and
// the pages beside it. It edits a copy of a profile; OK and Apply hand the result out through
// profileApplied() and stay disabled while validate() finds a problem.
#pragma once

#include <QDialog>
#include <QStringList>

#include <vector>

#include "ui/settings/encoder_choice.hpp"
#include "ui/settings/profile.hpp"
#include "ui/settings/profile_validation.hpp"

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace lm::ui {

class AudioPage;
class HotkeysPage;
class NetworkPage;
class OutputPage;
class SettingsPage;
class StreamPage;
class VideoPage;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum class Page { stream = 1, output, network, video, audio, hotkeys };

    /// `encoders` fills the encoder list; unavailable ones are shown disabled with why.
    SettingsDialog(const Profile& profile, std::vector<EncoderChoice> encoders,
                   QWidget* parent = nullptr);

    /// The profile as edited so far (fields no page shows are kept from the given profile).
    Profile profile() const;
    /// validate()'s problems plus the dialog's own (an unavailable encoder); empty when OK
    /// is enabled.
    std::vector<ProfileProblem> problems() const;

    void show_page(Page page);
    Page current_page() const;

    /// Device ids for the audio page's microphone and desktop-audio lists.
    void set_audio_devices(const QStringList& microphones, const QStringList& monitors);
    /// {id, label} of the outputs monitoring can play on ("default" first).
    void set_monitoring_devices(const std::vector<std::pair<std::string, std::string>>& devices);
    /// Scene names, for the "Switch to scene" hotkeys.
    void set_scene_names(const QStringList& scenes);
    /// While streaming or recording, fields that need a restart (encoder, network, video) are
    /// read-only
    /// and a note on those pages says why.
    void set_outputs_active(bool active);

signals:
    /// OK or Apply with changes: the profile to save and use.
    void profileApplied(const lm::ui::Profile& profile);

private:
    void revalidate();
    void apply();
    void update_note();

    Profile original_;
    Profile applied_;  ///< the last profile handed out (or the original)
    bool outputs_active_ = false;
    StreamPage* stream_page_;
    OutputPage* output_page_;
    NetworkPage* network_page_;
    VideoPage* video_page_;
    AudioPage* audio_page_;
    HotkeysPage* hotkeys_page_;
    std::vector<SettingsPage*> pages_;  ///< in Page order
    QListWidget* page_list_;
    QStackedWidget* stack_;
    QLabel* active_note_;
    QDialogButtonBox* buttons_;
};

}  // namespace lm::ui

Q_DECLARE_METATYPE(lm::ui::Profile)
