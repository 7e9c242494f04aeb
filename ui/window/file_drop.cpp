#include "ui/window/file_drop.hpp"

#include <QFileInfo>

#include <array>
#include <stdexcept>

#include "core/plugin/plugin_registry.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

constexpr std::array kImageSuffixes = {"png", "jpg", "jpeg", "webp", "gif", "svg",
                                       "bmp", "tif", "tiff", "tga",  "apng"};
constexpr std::array kMediaSuffixes = {"mp4", "mkv",  "mov",  "webm", "avi", "flv", "ts",
                                       "m4v", "mpg",  "mpeg", "wmv",  "ogv", "mp3", "wav",
                                       "ogg", "opus", "flac", "m4a",  "aac", "wma"};
constexpr std::array kTextSuffixes = {"txt", "text"};

template <size_t N>
bool listed(const std::array<const char*, N>& suffixes, const QString& suffix) {
    for (const char* each : suffixes) {
        if (suffix == QLatin1String(each))
            return true;
    }
    return false;
}

}  // namespace

std::optional<DroppedSource> source_for_file(
    const QString& path, const std::function<bool(const std::string&)>& type_installed) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    DroppedSource source;
    source.name = info.completeBaseName().isEmpty() ? info.fileName() : info.completeBaseName();
    const std::string file = info.absoluteFilePath().toStdString();
    if (listed(kImageSuffixes, suffix)) {
        source.type = "image_source";
        source.settings = {{"file", file}};
    } else if (listed(kMediaSuffixes, suffix)) {
        source.type = "media_source";
        source.settings = {{"file", file}};
    } else if (listed(kTextSuffixes, suffix)) {
        source.type = "text_source";
        source.settings = {{"from_file", true}, {"file", file}};
    } else {
        return std::nullopt;
    }
    if (!type_installed(source.type))
        return std::nullopt;
    return source;
}

QStringList add_dropped_files(StudioController& controller, const QList<QUrl>& urls) {
    QStringList refused;
    auto installed = [&](const std::string& id) {
        for (const SourceType* type : controller.source_types()) {
            if (type->id == id)
                return true;
        }
        return false;
    };
    for (const QUrl& url : urls) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        const QString file_name = QFileInfo(path).fileName();
        const std::optional<DroppedSource> source = source_for_file(path, installed);
        if (!source) {
            refused << QObject::tr(
                           "%1: not a picture, video, sound or text file Live Machine "
                           "can show")
                           .arg(file_name);
            continue;
        }
        try {
            controller.add_source(source->type, controller.unique_source_name(source->name),
                                  source->settings);
        } catch (const std::exception& error) {
            refused << QStringLiteral("%1: %2").arg(file_name, QString::fromUtf8(error.what()));
        }
    }
    return refused;
}

bool has_local_files(const QList<QUrl>& urls) {
    for (const QUrl& url : urls) {
        if (url.isLocalFile())
            return true;
    }
    return false;
}

}  // namespace lm::ui
