// The studio window's scene collections and profiles: opening a collection (with a broken
// file left untouched and the session saved under a new name), switching collections and
// profiles, and saving the collection as it is edited.
#include <QTimer>

#include <spdlog/spdlog.h>

#include "core/plugin/plugin_registry.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/settings/profile_json.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/studio_status_bar.hpp"

namespace lm::ui {

void MainWindow::load_collection(const std::string& name) {
    collection_name_ = name;
    const auto fallback =
        default_collection(controller_->canvas_width(), controller_->canvas_height(),
                           registry_.source("text_source") != nullptr);
    OpenedCollection opened = collections_.open(collection_name_, registry_, fallback);
    try {
        controller_->load(opened.description);
    } catch (const SceneCollectionError& e) {
        opened.problem = e.what();
        controller_->load(fallback);
    }
    if (opened.file_broken) {
        // Leave the broken file exactly as it is for the creator to repair or inspect; this
        // session's edits are saved under a new name.
        const std::string broken = collections_.file_of(collection_name_).string();
        collection_name_ = collections_.free_name(collection_name_ + " (recovered)");
        opened.problem += "\n" + tr("The file '%1' was left untouched; changes are saved as "
                                    "the collection '%2'.")
                                     .arg(QString::fromStdString(broken),
                                          QString::fromStdString(collection_name_))
                                     .toStdString();
    }
    if (!opened.problem.empty())
        show_error(tr("Scene collection"), QString::fromStdString(opened.problem));
    collections_.set_current(collection_name_);
    setWindowTitle(
        tr("Live Machine - %1 - %2")
            .arg(QString::fromStdString(profile_name_), QString::fromStdString(collection_name_)));
}

void MainWindow::switch_collection(const std::string& name) {
    if (name == collection_name_)
        return;
    save_timer_->stop();
    save_collection();
    load_collection(name);
    save_collection();  // a new collection exists on disk from now on
}

QString MainWindow::switch_profile(const std::string& name) {
    if (outputs_->any_active())
        return tr("Stop streaming and recording before switching profiles.");
    Profile profile;
    try {
        profile = profiles_.load(name);
    } catch (const ProfileError& e) {
        return QString::fromStdString(e.what());
    }
    profile_name_ = name;
    profiles_.set_current(name);
    apply_profile(profile);
    return {};
}

void MainWindow::save_collection() {
    try {
        collections_.save(collection_name_, controller_->description());
    } catch (const SceneCollectionError& e) {
        status_bar_->showMessage(QString::fromStdString(e.what()), 15000);
        spdlog::warn("{}", e.what());
    }
}

}  // namespace lm::ui
