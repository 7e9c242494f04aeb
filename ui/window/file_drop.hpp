// Files dragged onto the window become sources: a picture an image source, a video or sound
// file a media source, a text file a text source reading it. Anything else is refused with a
// message saying which file and why.
#pragma once

#include <nlohmann/json.hpp>

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>
#include <string>

namespace lm {
class PluginRegistry;
}

namespace lm::ui {

class StudioController;

struct DroppedSource {
    std::string type;  ///< "image_source", "media_source", "text_source"
    nlohmann::json settings;
    QString name;  ///< the file's name without its extension
};

/// What `path` would become, judged by its extension; nothing for a kind of file no source
/// shows (or whose plugin is not installed: `type_installed` says which ids exist).
std::optional<DroppedSource> source_for_file(
    const QString& path, const std::function<bool(const std::string&)>& type_installed);

/// Adds one source per local file in `urls` on top of the current scene, in order. Returns
/// one line per file refused ("notes.pdf: not a picture, video, sound or text file").
QStringList add_dropped_files(StudioController& controller, const QList<QUrl>& urls);

/// True when `urls` holds at least one local file (worth accepting the drag).
bool has_local_files(const QList<QUrl>& urls);

}  // namespace lm::ui
