// RTMPS certificate checks: which certificates a destination trusts, and why a TLS connection
// was refused. FFmpeg verifies the server for us but reports every TLS failure as a bare I/O
// error, so on failure we shake hands once more with GnuTLS ourselves to say what was wrong.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace lm {

/// Where Debian keeps the certificate authorities the system trusts (ca-certificates).
inline constexpr const char* kSystemTrustBundle = "/etc/ssl/certs/ca-certificates.crt";

/// Reads a PEM file holding one or more certificates a destination should trust besides the
/// system's authorities (a self-signed server's own certificate, or a private CA). Throws
/// OutputError naming the file and what is wrong with it (missing, unreadable, not PEM).
std::string read_trusted_certificates(const std::string& path);

/// A private temporary file holding the system's authorities followed by `extra_pem`, for
/// FFmpeg's `ca_file` option (which replaces the system store rather than adding to it).
/// Removed when destroyed; FFmpeg reads it while connecting, so keep it until open returns.
class TrustBundleFile {
public:
    /// Throws OutputError if the file cannot be written.
    explicit TrustBundleFile(const std::string& extra_pem);
    ~TrustBundleFile();
    TrustBundleFile(const TrustBundleFile&) = delete;
    TrustBundleFile& operator=(const TrustBundleFile&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Connects to host:port and performs a TLS handshake that verifies the server's certificate
/// against the system's authorities plus `extra_pem` and checks it names `host`. Returns why
/// the server would be refused and what to do ("its TLS certificate is not signed by an
/// authority this machine trusts (a self-signed certificate?); if you trust ..."), or nothing if it
/// would be accepted or could not be reached at all (the caller's own message covers that).
std::optional<std::string> tls_refusal_reason(const std::string& host, int port,
                                              const std::string& extra_pem,
                                              std::chrono::seconds timeout);

}  // namespace lm
