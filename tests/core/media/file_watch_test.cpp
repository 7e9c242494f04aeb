#include <catch2/catch.hpp>

#include <unistd.h>
#include <atomic>

#include <fstream>
#include <thread>

#include "core/media/file_watch.hpp"

using namespace lm;
using namespace std::chrono_literals;

namespace {

bool wait_for(const std::atomic<int>& counter, int at_least) {
    for (int i = 0; i < 200 && counter.load() < at_least; ++i)
        std::this_thread::sleep_for(10ms);
    return counter.load() >= at_least;
}

}  // namespace

TEST_CASE("a file watch reports writes, deletion and re-creation, and nothing else", "[media]") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("lm-file-watch-" + std::to_string(::getpid()) + ".txt");
    std::filesystem::remove(path);
    std::ofstream(path) << "one";
    std::atomic<int> changes{0};
    {
        FileWatch watch(path, 20ms, [&] { ++changes; });
        std::this_thread::sleep_for(100ms);
        CHECK(changes == 0);  // nothing changed yet

        std::ofstream(path) << "two, longer";
        REQUIRE(wait_for(changes, 1));

        std::filesystem::remove(path);
        REQUIRE(wait_for(changes, 2));

        std::ofstream(path) << "three";
        REQUIRE(wait_for(changes, 3));
        std::this_thread::sleep_for(100ms);
        CHECK(changes == 3);
    }
    const int after_destruction = changes;
    std::ofstream(path) << "four, after the watch is gone";
    std::this_thread::sleep_for(60ms);
    CHECK(changes == after_destruction);
    std::filesystem::remove(path);
}
