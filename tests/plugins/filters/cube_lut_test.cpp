// The .cube parser, on the CPU.
#include "plugins/filters/cube_lut.hpp"

#include <catch2/catch.hpp>

using namespace lm;

TEST_CASE("a .cube file is read with its size, domain and entries in order", "[filters]") {
    const auto result = parse_cube_lut(
        "# made by hand\r\nTITLE \"Warm look\"\r\nDOMAIN_MIN 0 0 0\r\nDOMAIN_MAX 1 1 2\r\n"
        "LUT_3D_SIZE 2\r\n\r\n0 0 0\r\n1 0 0\r\n0 1 0\r\n1 1 0\r\n0 0 1\r\n1 0 1\r\n"
        "0 1 1\r\n  1.0\t1.0 1e0  \r\n");
    REQUIRE(result.error.empty());
    CHECK(result.lut.size == 2);
    CHECK(result.lut.domain_max[2] == 2.0f);
    REQUIRE(result.lut.rgb.size() == 24);
    CHECK(result.lut.rgb[3] == 1.0f);   // entry 1: red fastest
    CHECK(result.lut.rgb[21] == 1.0f);  // the last entry, 1 1 1
}

TEST_CASE("malformed .cube files are refused with the line and what is wrong", "[filters]") {
    const auto error = [](const char* text) { return parse_cube_lut(text).error; };
    CHECK(error("") == "no LUT_3D_SIZE line: not a 3D .cube LUT");
    CHECK(error("LUT_1D_SIZE 4\n") ==
          "line 1: a 1D LUT (LUT_1D_SIZE); only 3D LUTs (LUT_3D_SIZE) are supported");
    CHECK(error("LUT_3D_SIZE 1\n") == "line 1: LUT_3D_SIZE must be a whole number from 2 to 256");
    CHECK(error("LUT_3D_SIZE 2\n0 0 0\n1 0\n") == "line 3: expected three numbers, found 2");
    CHECK(error("LUT_3D_SIZE 2\n0 0 0\n") == "1 entries where LUT_3D_SIZE 2 needs 8");
    CHECK(error("0 0 0\n") == "line 1: a table entry before LUT_3D_SIZE");
    CHECK(error("LUT_3D_SIZE 2\nGAMMA 2.2\n") == "line 2: unknown keyword 'GAMMA'");
    CHECK(error("<html>\n") == "line 1: expected three numbers, found 1");
    CHECK(load_cube_lut("/nonexistent/look.cube").error ==
          "LUT '/nonexistent/look.cube': file not found; pick a .cube file");
}
