// Text read from a file: shown at once, followed when the file changes, an error naming the
// file when it goes away, back when it returns; bad bytes repaired with a warning.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "plugins/text/text_file.hpp"
#include "plugins/text/text_source.hpp"
#include "tests/plugins/text/text_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

TextSettings from_file(const std::filesystem::path& path) {
    TextSettings settings;
    settings.text = "not this";
    settings.from_file = true;
    settings.file = path;
    settings.style.size_px = 32;
    return settings;
}

}  // namespace

TEST_CASE("the file's text shows, and follows the file as it changes", "[text][file]") {
    TempDir dir;
    const auto path = dir.path() / "now playing.txt";
    write_file(path, "Song\n");
    TextSource source(from_file(path));
    CHECK(source.status().ok());
    const int short_width = source.width();
    CHECK(short_width > 0);

    // The setting's text is not what is shown: "not this" is wider than "Song".
    TextSettings typed;
    typed.text = "not this";
    typed.style.size_px = 32;
    CHECK(TextSource(typed).width() > short_width);

    write_file(path, "A much longer song title");
    CHECK(eventually([&] { return source.width() > 3 * short_width; }));

    std::filesystem::remove(path);
    CHECK(eventually([&] { return !source.status().ok(); }));
    const SourceStatus gone = source.status();
    CHECK(gone.level == SourceStatus::Level::error);
    CHECK_THAT(gone.message, Catch::Contains(path.string()));
    CHECK_THAT(gone.message, Catch::Contains("No such file or directory"));
    CHECK(!source.rendered());
    CHECK(source.width() == 0);

    write_file(path, "Back");
    CHECK(eventually([&] { return source.status().ok() && source.width() > 0; }));
    CHECK(source.rendered());
}

TEST_CASE("a missing file at start is an error naming it, and recovers when it appears",
          "[text][file]") {
    TempDir dir;
    const auto path = dir.path() / "later.txt";
    TextSource source(from_file(path));  // must not throw
    CHECK(source.status().level == SourceStatus::Level::error);
    CHECK(source.status().message ==
          "text: cannot read '" + path.string() +
              "': No such file or directory; check the path or create the file");
    CHECK(source.width() == 0);
    write_file(path, "Here now");
    CHECK(eventually([&] { return source.status().ok() && source.width() > 0; }));
}

TEST_CASE("reading from file with no file chosen is an error, not an exception", "[text][file]") {
    TextSource source(from_file({}));
    CHECK(source.status().level == SourceStatus::Level::error);
    CHECK_THAT(source.status().message, Catch::Contains("no file is chosen"));
    CHECK(!source.rendered());
}

TEST_CASE("a folder instead of a file is reported as such", "[text][file]") {
    TempDir dir;
    TextSource source(from_file(dir.path()));
    CHECK(source.status().level == SourceStatus::Level::error);
    CHECK_THAT(source.status().message, Catch::Contains("Is a directory"));
}

TEST_CASE("invalid UTF-8 in the file warns and shows the rest of the text", "[text][file]") {
    TempDir dir;
    const auto path = dir.path() / "latin1.txt";
    write_file(path, "Caf\xE9 ok");  // Latin-1 é: not UTF-8
    TextSource source(from_file(path));
    CHECK(source.status().level == SourceStatus::Level::warning);
    CHECK_THAT(source.status().message,
               Catch::Contains("'" + path.string() + "' is not valid UTF-8"));
    REQUIRE(source.rendered());
    CHECK(source.unknown_glyphs() == 0);

    write_file(path, "Caf\xC3\xA9 ok");  // fixed
    CHECK(eventually([&] { return source.status().ok(); }));
}

TEST_CASE("reading a text file drops the BOM and the last newline and repairs bytes",
          "[text][file]") {
    TempDir dir;
    const auto path = dir.path() / "t.txt";
    write_file(path, "\xEF\xBB\xBFline one\nline two\n");
    TextFileContent content = read_text_file(path);
    REQUIRE(content.text);
    CHECK(*content.text == "line one\nline two");
    CHECK(!content.had_invalid_utf8);

    write_file(path, std::string("a\xFF") + '\0' + "b");
    content = read_text_file(path);
    REQUIRE(content.text);
    CHECK(*content.text ==
          "a\xEF\xBF\xBD\xEF\xBF\xBD"
          "b");
    CHECK(content.had_invalid_utf8);

    // A long file is cut at a character boundary: no replacement character from the cut.
    std::string big = "x";
    while (big.size() < kMaxTextFileBytes + 100)
        big += "\xE6\x97\xA5";  // 日
    write_file(path, big);
    content = read_text_file(path);
    REQUIRE(content.text);
    CHECK(content.truncated);
    CHECK(!content.had_invalid_utf8);
    CHECK(content.text->size() <= kMaxTextFileBytes);
    CHECK(content.text->size() > kMaxTextFileBytes - 3);

    content = read_text_file(dir.path() / "missing.txt");
    CHECK(!content.text);
    CHECK(content.error == "No such file or directory");
}
