#include "plugins/rtmp/tls_trust.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gnutls/gnutls.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "core/output/output.hpp"

namespace lm {
namespace {

constexpr const char* kPemCertificate = "-----BEGIN CERTIFICATE-----";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool is_ip_address(const std::string& host) {
    unsigned char address[sizeof(in6_addr)];
    return inet_pton(AF_INET, host.c_str(), address) == 1 ||
           inet_pton(AF_INET6, host.c_str(), address) == 1;
}

struct FdCloser {
    int fd = -1;
    ~FdCloser() {
        if (fd >= 0)
            ::close(fd);
    }
};

/// A blocking TCP connection to host:port with `timeout` on connecting and on each read and
/// write, or -1.
int connect_with_timeout(const std::string& host, int port, std::chrono::seconds timeout) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0)
        return -1;
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
    const int timeout_ms = static_cast<int>(timeout.count() * 1000);
    for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
        FdCloser socket_fd{
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol)};
        if (socket_fd.fd < 0)
            continue;
        if (::connect(socket_fd.fd, a->ai_addr, a->ai_addrlen) != 0) {
            if (errno != EINPROGRESS)
                continue;
            pollfd wait{socket_fd.fd, POLLOUT, 0};
            int error = 0;
            socklen_t length = sizeof error;
            if (::poll(&wait, 1, timeout_ms) != 1 ||
                getsockopt(socket_fd.fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0)
                continue;
        }
        const int flags = fcntl(socket_fd.fd, F_GETFL);
        fcntl(socket_fd.fd, F_SETFL, flags & ~O_NONBLOCK);
        timeval io_timeout{static_cast<time_t>(timeout.count()), 0};
        setsockopt(socket_fd.fd, SOL_SOCKET, SO_RCVTIMEO, &io_timeout, sizeof io_timeout);
        setsockopt(socket_fd.fd, SOL_SOCKET, SO_SNDTIMEO, &io_timeout, sizeof io_timeout);
        return std::exchange(socket_fd.fd, -1);
    }
    return -1;
}

/// The sentence for a failed verification (`status` from GnuTLS), most useful reason first.
std::string describe_verify_status(unsigned status, const std::string& host) {
    std::vector<std::string> reasons;
    if ((status & GNUTLS_CERT_SIGNER_NOT_FOUND) != 0 || (status & GNUTLS_CERT_SIGNER_NOT_CA) != 0)
        reasons.push_back(
            "is not signed by an authority this machine trusts (a self-signed certificate?)");
    if ((status & GNUTLS_CERT_EXPIRED) != 0)
        reasons.push_back("has expired");
    if ((status & GNUTLS_CERT_NOT_ACTIVATED) != 0)
        reasons.push_back("is not valid yet (check this computer's clock)");
    if ((status & GNUTLS_CERT_REVOKED) != 0)
        reasons.push_back("has been revoked");
    if ((status & GNUTLS_CERT_UNEXPECTED_OWNER) != 0)
        reasons.push_back(fmt::format("was issued for another name, not '{}'", host));
    if ((status & GNUTLS_CERT_INSECURE_ALGORITHM) != 0)
        reasons.push_back("is signed with an insecure algorithm");
    if (reasons.empty())
        reasons.push_back(fmt::format("failed verification (GnuTLS status 0x{:x})", status));
    std::string text = "its TLS certificate " + reasons.front();
    for (size_t i = 1; i < reasons.size(); ++i)
        text += (i + 1 == reasons.size() ? " and " : ", ") + reasons[i];
    if ((status & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA)) != 0) {
        text +=
            "; if you trust this server, give its certificate as the destination's trusted "
            "certificate (--trust-cert FILE on the command line)";
    } else if ((status & GNUTLS_CERT_UNEXPECTED_OWNER) != 0) {
        text += "; connect with the name the certificate was issued for";
    }
    return text;
}

}  // namespace

std::string read_trusted_certificates(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        throw OutputError(fmt::format("the trusted certificate file '{}' cannot be opened: {}",
                                      path, std::strerror(errno)));
    }
    if (!S_ISREG(info.st_mode))
        throw OutputError(fmt::format("the trusted certificate file '{}' is not a file", path));
    const std::string pem = read_file(path);
    if (pem.find(kPemCertificate) == std::string::npos) {
        throw OutputError(fmt::format(
            "the trusted certificate file '{}' holds no PEM certificate (a text file with "
            "\"{}\"; convert a DER file with: openssl x509 -inform der -in FILE -out FILE.pem)",
            path, kPemCertificate));
    }
    return pem;
}

TrustBundleFile::TrustBundleFile(const std::string& extra_pem) {
    const char* folder = std::getenv("TMPDIR");
    std::string pattern = std::string(folder != nullptr && *folder != '\0' ? folder : "/tmp") +
                          "/livemachine-trust-XXXXXX";
    const int fd = ::mkstemp(pattern.data());  // created 0600
    if (fd < 0) {
        throw OutputError(
            fmt::format("cannot create a temporary file for the trusted "
                        "certificates in '{}': {}",
                        pattern.substr(0, pattern.rfind('/')), std::strerror(errno)));
    }
    path_ = pattern;
    const std::string bundle = read_file(kSystemTrustBundle) + "\n" + extra_pem + "\n";
    size_t written = 0;
    while (written < bundle.size()) {
        const ssize_t n = ::write(fd, bundle.data() + written, bundle.size() - written);
        if (n <= 0 && errno != EINTR)
            break;
        written += n > 0 ? static_cast<size_t>(n) : 0;
    }
    ::close(fd);
    if (written < bundle.size()) {
        ::unlink(path_.c_str());
        throw OutputError(fmt::format("cannot write the trusted certificates to '{}'", path_));
    }
}

TrustBundleFile::~TrustBundleFile() {
    ::unlink(path_.c_str());
}

std::optional<std::string> tls_refusal_reason(const std::string& host, int port,
                                              const std::string& extra_pem,
                                              std::chrono::seconds timeout) {
    FdCloser connection{connect_with_timeout(host, port, timeout)};
    if (connection.fd < 0)
        return std::nullopt;

    gnutls_certificate_credentials_t credentials = nullptr;
    if (gnutls_certificate_allocate_credentials(&credentials) != GNUTLS_E_SUCCESS)
        return std::nullopt;
    std::unique_ptr<gnutls_certificate_credentials_st,
                    decltype(&gnutls_certificate_free_credentials)>
        credentials_owner(credentials, gnutls_certificate_free_credentials);
    gnutls_certificate_set_x509_system_trust(credentials);
    if (!extra_pem.empty()) {
        const gnutls_datum_t pem{
            reinterpret_cast<unsigned char*>(const_cast<char*>(extra_pem.data())),
            static_cast<unsigned>(extra_pem.size())};
        gnutls_certificate_set_x509_trust_mem(credentials, &pem, GNUTLS_X509_FMT_PEM);
    }

    gnutls_session_t session = nullptr;
    if (gnutls_init(&session, GNUTLS_CLIENT) != GNUTLS_E_SUCCESS)
        return std::nullopt;
    std::unique_ptr<gnutls_session_int, decltype(&gnutls_deinit)> session_owner(session,
                                                                                gnutls_deinit);
    gnutls_set_default_priority(session);
    gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, credentials);
    if (!is_ip_address(host))
        gnutls_server_name_set(session, GNUTLS_NAME_DNS, host.data(), host.size());
    gnutls_session_set_verify_cert(session, host.c_str(), 0);
    gnutls_transport_set_int(session, connection.fd);
    gnutls_handshake_set_timeout(session, static_cast<unsigned>(timeout.count() * 1000));

    int result = 0;
    do {
        result = gnutls_handshake(session);
    } while (result < 0 && gnutls_error_is_fatal(result) == 0);
    if (result == GNUTLS_E_SUCCESS) {
        gnutls_bye(session, GNUTLS_SHUT_WR);
        return std::nullopt;
    }
    if (result == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR)
        return describe_verify_status(gnutls_session_get_verify_cert_status(session), host);
    return fmt::format("the TLS handshake failed: {} (is this a TLS port?)",
                       gnutls_strerror(result));
}

}  // namespace lm
