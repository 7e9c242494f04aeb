#include "core/plugin/module_loader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include "core/plugin/plugin_api.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string load_error(lm::ModuleLoader& loader, const std::filesystem::path& path,
                       lm::PluginRegistry& registry) {
    try {
        loader.load(path, registry);
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "(loaded)";
}

}  // namespace

TEST_CASE("loading a file that does not exist names the file and the reason", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const std::filesystem::path path = "/nonexistent/livemachine-nothing.so";
    const std::string error = load_error(loader, path, registry);
    CHECK_THAT(error, StartsWith(path.string() + ": cannot load plugin: "));
    CHECK_THAT(error, Contains("No such file or directory"));
    CHECK(registry.sources().empty());
}

TEST_CASE("loading a folder that does not exist is one reported error", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const auto report = loader.load_directory("/nonexistent/plugins", registry);
    CHECK(report.loaded.empty());
    REQUIRE(report.errors.size() == 1);
    CHECK_THAT(report.errors[0], StartsWith("/nonexistent/plugins: cannot read plugin folder: "));
}

#ifdef LM_TEST_PLUGIN_FIXTURE_DIR
// These need the modules built by tests/core/plugin/CMakeLists.txt.

namespace {
const std::filesystem::path kFixtures = LM_TEST_PLUGIN_FIXTURE_DIR;
}

TEST_CASE("a plugin module registers its types and its sources work", "[plugin]") {
    lm::ModuleLoader loader;      // declared first: the module must outlive the registry,
    lm::PluginRegistry registry;  // whose factories are code inside the module
    const lm::LoadedModule module = loader.load(kFixtures / "good.so", registry);
    CHECK(module.name == "good_fixture");
    CHECK(module.path == kFixtures / "good.so");

    const lm::SourceType* type = registry.source("fixture_square");
    REQUIRE(type != nullptr);
    CHECK(type->display_name == "Fixture square");
    const auto square = registry.create_source("fixture_square", {{"size", 32}});
    CHECK(square->width() == 32);
    CHECK(square->height() == 32);
    // The module's schema is applied like any other.
    CHECK(registry.create_source("fixture_square", {})->width() == 64);
    CHECK_THROWS_WITH(registry.create_source("fixture_square", {{"size", 0}}),
                      Contains("setting 'size' is 0"));
}

TEST_CASE("a bare file name means the file in the current folder", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const std::filesystem::path previous = std::filesystem::current_path();
    std::filesystem::current_path(kFixtures);
    std::string error;
    try {
        loader.load("good.so", registry);  // not searched for in the library path
    } catch (const std::runtime_error& failure) {
        error = failure.what();
    }
    std::filesystem::current_path(previous);
    CHECK(error.empty());
    CHECK(registry.source("fixture_square") != nullptr);
}

TEST_CASE("a module built for another plugin API is refused before it registers", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const auto path = kFixtures / "future_api.so";
    CHECK(load_error(loader, path, registry) ==
          path.string() +
              ": plugin future_fixture was built for plugin API 99, this Live "
              "Machine has " +
              std::to_string(LM_PLUGIN_API_VERSION));
    CHECK(registry.source("fixture_square") == nullptr);
}

TEST_CASE("a shared object without the entry point is not a plugin", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const auto path = kFixtures / "no_entry.so";
    CHECK(load_error(loader, path, registry) ==
          path.string() +
              ": not a Live Machine plugin: it has no 'livemachine_plugin_info' entry point");
}

TEST_CASE("a file named .so that is not a shared object is refused with its name", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const auto path = kFixtures / "not_elf.so";
    CHECK_THAT(load_error(loader, path, registry),
               StartsWith(path.string() + ": cannot load plugin: "));
}

TEST_CASE("load_directory loads what it can, in name order, and reports the rest", "[plugin]") {
    lm::ModuleLoader loader;
    lm::PluginRegistry registry;
    const auto report = loader.load_directory(kFixtures, registry);

    REQUIRE(report.loaded.size() == 1);
    CHECK(report.loaded[0].name == "good_fixture");
    // README.txt is skipped; every other file gets one line, sorted by file name.
    REQUIRE(report.errors.size() == 4);
    CHECK_THAT(report.errors[0], StartsWith((kFixtures / "future_api.so").string() +
                                            ": plugin future_fixture was built for plugin API 99"));
    CHECK(report.errors[1] == (kFixtures / "later_clash.so").string() +
                                  ": plugin clash_fixture failed to register its types: source "
                                  "type 'fixture_square' is already registered");
    CHECK_THAT(report.errors[2],
               StartsWith((kFixtures / "no_entry.so").string() + ": not a Live Machine plugin"));
    CHECK_THAT(report.errors[3],
               StartsWith((kFixtures / "not_elf.so").string() + ": cannot load plugin"));
    // The type "good" registered is the one in the registry, and it works.
    REQUIRE(registry.source("fixture_square") != nullptr);
    CHECK(registry.create_source("fixture_square", {{"size", 8}})->width() == 8);
}
#endif
