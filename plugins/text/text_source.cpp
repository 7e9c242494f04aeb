#include "plugins/text/text_source.hpp"

#include <fmt/format.h>

#include <chrono>

#include "plugins/text/text_file.hpp"

namespace lm {
namespace {

// Quick enough that a script's "now playing" update shows within a blink, slow enough that
// polling costs nothing.
constexpr std::chrono::milliseconds kFileCheckInterval{250};

}  // namespace

TextSource::TextSource(TextSettings settings) : settings_(std::move(settings)) {
    validate(settings_);
    const std::string& wanted = settings_.style.font_family;
    family_ = wanted;
    if (wanted.empty()) {
        family_ = kFallbackFontFamily;
    } else if (!renderer_.has_family(wanted)) {
        family_ = kFallbackFontFamily;
        font_issue_ = fmt::format("text: font '{}' is not installed; using '{}' instead", wanted,
                                  kFallbackFontFamily);
    }
    if (!settings_.from_file) {
        TextProblems problems;
        const std::string text = make_valid_utf8(settings_.text, &problems.invalid_utf8);
        std::lock_guard lock(render_mutex_);
        show_locked(text, problems);
        return;
    }
    if (settings_.file.empty()) {
        status_.set_error(
            "text: 'Read from file' is on but no file is chosen; pick a UTF-8 text file");
        return;
    }
    // The watch starts before the first read so that its thread, which takes its "before" look
    // at the file when it first runs, almost always looks before we read: a change right after
    // our read is then noticed. Reloads are serialised, so a change seen twice costs a render.
    watch_ =
        std::make_unique<FileWatch>(settings_.file, kFileCheckInterval, [this] { reload_file(); });
    reload_file();
}

TextSource::~TextSource() {
    watch_.reset();  // no callback may run while the members it uses go away
}

int TextSource::width() const {
    std::lock_guard lock(frame_mutex_);
    return frame_ ? frame_->width() : 0;
}

int TextSource::height() const {
    std::lock_guard lock(frame_mutex_);
    return frame_ ? frame_->height() : 0;
}

VideoFramePtr TextSource::rendered() const {
    std::lock_guard lock(frame_mutex_);
    return frame_;
}

int TextSource::unknown_glyphs() const {
    std::lock_guard lock(frame_mutex_);
    return unknown_glyphs_;
}

void TextSource::render_video(VideoRenderContext& context) {
    const VideoFramePtr frame = rendered();
    if (frame)
        painter_.draw(context, frame, FramePainter::Alpha::premultiplied);
}

void TextSource::reload_file() {
    // Read and render under one lock: an older read never overwrites a newer one's picture.
    std::lock_guard lock(render_mutex_);
    const TextFileContent content = read_text_file(settings_.file);
    TextProblems problems;
    problems.invalid_utf8 = content.had_invalid_utf8;
    problems.truncated = content.truncated;
    if (!content.text) {
        // A source with an error draws nothing; the picture comes back with the file.
        problems.file_error = content.error;
        publish({});
        report(problems, {});
        return;
    }
    show_locked(*content.text, problems);
}

void TextSource::show_locked(const std::string& text, const TextProblems& problems) {
    RenderedText rendered = renderer_.render(settings_.style, family_, text);
    // Picture first, then status: whoever sees the new status also sees the new picture.
    publish(rendered);
    report(problems, rendered);
}

void TextSource::publish(const RenderedText& rendered) {
    std::lock_guard lock(frame_mutex_);
    frame_ = rendered.frame;
    unknown_glyphs_ = rendered.unknown_glyphs;
}

void TextSource::report(const TextProblems& problems, const RenderedText& rendered) {
    const std::string file = settings_.file.string();
    if (!problems.file_error.empty()) {
        status_.set_error(
            fmt::format("text: cannot read '{}': {}; check the path or create the file", file,
                        problems.file_error));
    } else if (!font_issue_.empty()) {
        status_.set_warning(font_issue_);
    } else if (problems.invalid_utf8) {
        status_.set_warning(
            settings_.from_file
                ? fmt::format("text: '{}' is not valid UTF-8; the invalid bytes show as U+FFFD "
                              "(a question mark in a diamond); save the file as UTF-8",
                              file)
                : "text: the text is not valid UTF-8; the invalid bytes show as U+FFFD");
    } else if (problems.truncated) {
        status_.set_warning(
            fmt::format("text: '{}' is larger than {} KiB; only its beginning "
                        "is shown",
                        file, kMaxTextFileBytes / 1024));
    } else if (rendered.clipped) {
        status_.set_warning(fmt::format(
            "text: the text needs {}x{} pixels, more than {} on a side; it is cut off. Use a "
            "smaller size or turn on wrapping",
            rendered.full_width, rendered.full_height, kMaxTextSidePx));
    } else if (rendered.unknown_glyphs > 0) {
        status_.set_warning(
            fmt::format("text: {} character(s) are in no installed font and show "
                        "as boxes; install a font that has them",
                        rendered.unknown_glyphs));
    } else {
        status_.set_ok();
    }
}

}  // namespace lm
