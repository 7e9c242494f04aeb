// Finds out whether NVENC can encode on this machine, and if not, the first thing that is
// missing, in words a user can act on. Nothing NVIDIA is linked: the driver's libraries are
// loaded at run time (nv-codec-headers' loader), so this builds and runs on every machine.
#pragma once

#include <string>

#include "core/plugin/plugin_registry.hpp"

namespace lm {

enum class NvencCodec {
    h264 = 1,
    hevc,
};

/// "H.264", "HEVC".
const char* display_name(NvencCodec codec);

/// Loads libcuda.so.1 and libnvidia-encode.so.1, opens one encode session on the first CUDA
/// device, checks that it offers `codec`, and closes everything again. Takes tens of
/// milliseconds with a driver (it creates a CUDA context), microseconds without. MT safe.
EncoderAvailability probe_nvenc(NvencCodec codec);

/// The words for each failure, by the real error codes (CUresult, NVENCSTATUS), separate from
/// the probe so every one can be checked on a machine that has none of the hardware.
std::string cuda_init_failure(int cuda_result);
/// CUDA's "no device" (CUDA_ERROR_NO_DEVICE), for failures found without a CUresult.
constexpr int kCudaErrorNoDevice = 100;
std::string nvenc_session_failure(int nvenc_status);

}  // namespace lm
