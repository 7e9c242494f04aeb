// A 3D colour look-up table read from an Adobe/Resolve .cube file, on the CPU.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lm {

struct CubeLut {
    int size = 0;  ///< entries per side: size^3 colours
    std::array<float, 3> domain_min{0, 0, 0};
    std::array<float, 3> domain_max{1, 1, 1};
    /// size^3 RGB triples, red changing fastest, then green, then blue (the file's order,
    /// which is also a 3D texture's x, y, z).
    std::vector<float> rgb;
};

/// Either a LUT or what is wrong with the text, as a line a creator can act on.
struct CubeLutResult {
    CubeLut lut;
    std::string error;  ///< empty on success: "line 7: expected three numbers, found 'abc'"
};

/// Parses the text of a .cube file: TITLE, LUT_3D_SIZE (2 to 256), DOMAIN_MIN/MAX, comments
/// (#) and exactly size^3 lines of three numbers. A 1D LUT, a missing size, a wrong count of
/// entries or anything that is not a number is an error. Pure; MT safe.
CubeLutResult parse_cube_lut(std::string_view text);

/// Reads and parses `path`; errors name the file ("LUT 'look.cube': line 7: ...").
CubeLutResult load_cube_lut(const std::filesystem::path& path);

}  // namespace lm
