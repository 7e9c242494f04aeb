// The Text source: a line or a page of text in any script, styled (font, colour, outline,
// shadow, background, alignment, wrapping), typed in the settings or read from a UTF-8 file
// that is re-read whenever it changes. Text is rendered on the constructor's thread and on
// the file watch's thread; the video thread only draws the newest picture.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/media/file_watch.hpp"
#include "core/scene/source.hpp"
#include "core/video/frame_painter.hpp"
#include "plugins/text/text_renderer.hpp"
#include "plugins/text/text_settings.hpp"

namespace lm {

/// The family used when the chosen one is not installed (always there: a dependency).
inline constexpr const char* kFallbackFontFamily = "DejaVu Sans";

class TextSource final : public Source {
public:
    /// Renders the text (reading the file first when settings.from_file) before returning.
    /// Throws std::invalid_argument only for settings that can never work (validate()); a
    /// missing font or file is reported through status().
    explicit TextSource(TextSettings settings);
    ~TextSource() override;  ///< stops the file watch first
    TextSource(const TextSource&) = delete;
    TextSource& operator=(const TextSource&) = delete;

    unsigned capabilities() const override { return kVideo; }
    /// The rendered picture's size; changes with the text. MT safe.
    int width() const override;
    int height() const override;
    void render_video(VideoRenderContext& context) override;
    void release_gpu() override { painter_.release(); }
    SourceStatus status() const override { return status_.get(); }

    /// The picture drawn now (premultiplied RGBA), or null when nothing is shown. MT safe.
    VideoFramePtr rendered() const;
    /// How many characters of the shown text no installed font has. MT safe.
    int unknown_glyphs() const;

private:
    /// What went wrong while getting the text, for the status.
    struct TextProblems {
        std::string file_error;  ///< non-empty: the file could not be read
        bool invalid_utf8 = false;
        bool truncated = false;
    };

    void reload_file();  // constructor and the watch thread; takes render_mutex_
    // These run with render_mutex_ held; publish() comes before report().
    void show_locked(const std::string& text, const TextProblems& problems);
    void report(const TextProblems& problems, const RenderedText& rendered);
    void publish(const RenderedText& rendered);

    const TextSettings settings_;
    std::string family_;      // the font family rendered with; set once in the constructor
    std::string font_issue_;  // the missing-font warning, empty when the font is there

    std::mutex render_mutex_;
    TextRenderer renderer_;  // guarded by render_mutex_

    mutable std::mutex frame_mutex_;
    VideoFramePtr frame_;     // guarded by frame_mutex_
    int unknown_glyphs_ = 0;  // guarded by frame_mutex_

    SourceStatusBox status_;
    FramePainter painter_;  // video thread only

    // Last, so it is destroyed first: its callback uses everything above.
    std::unique_ptr<FileWatch> watch_;
};

}  // namespace lm
