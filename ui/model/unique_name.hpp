// Two naming rules the controller's edits share: names are trimmed, and a taken name gets a
// number ("Scene 2"). Internal to ui/model.
#pragma once

#include <QString>

#include <string>

namespace lm::ui {

/// The name the creator typed, without surrounding spaces.
inline std::string trimmed_name(const QString& name) {
    return name.trimmed().toStdString();
}

/// `base`, then `base 2`, `base 3`... until `taken` says no.
template <typename Taken>
std::string first_free(const std::string& base, Taken taken) {
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + " " + std::to_string(n);
        if (!taken(candidate))
            return candidate;
    }
}

}  // namespace lm::ui
