// The strip's dB readout ("-3.2 dB", "-inf dB"). Double-click turns it into a line edit so a
// gain can be typed; Enter applies, Escape or leaving the field cancels.
#pragma once

#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;
class QStackedLayout;

namespace lm::ui {

class GainReadout : public QWidget {
    Q_OBJECT

public:
    explicit GainReadout(QWidget* parent = nullptr);

    /// Shows `gain_db` (see format_gain_db). Does not emit.
    void set_gain_db(double gain_db);
    /// The text shown while not editing.
    QString text() const;

    /// Opens the editor with the current value selected, as a double-click does.
    void begin_edit();
    bool is_editing() const;
    QLineEdit* editor() const { return editor_; }

    /// Reads a typed gain: "-3.2", "-3.2 dB", "-3,2 db", "-inf" (silence). Values above 0 dB
    /// are clamped to 0 dB (the fader's top), values at or below kFaderMinDb become
    /// kFaderSilenceDb. Nothing for text that is not a number.
    static std::optional<double> parse_gain_db(const QString& text);

signals:
    /// The user typed a gain and pressed Enter; the value is already parsed and clamped.
    void gainEdited(double gain_db);

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void commit_edit();
    void end_edit();

    QStackedLayout* stack_ = nullptr;
    QLabel* label_ = nullptr;
    QLineEdit* editor_ = nullptr;
};

}  // namespace lm::ui
