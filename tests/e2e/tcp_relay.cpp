// lm_tcp_relay: a TCP relay on loopback that misbehaves on command, for the network tests.
//
//   lm_tcp_relay --to HOST:PORT [--listen-port N] [--delay-ms MS] [--rate-kbit K]
//
// Listens on 127.0.0.1 (a free port unless --listen-port), prints the port on stdout, and
// forwards every connection it accepts to HOST:PORT, both ways. It reads commands, one a line,
// on stdin (a FIFO in the tests), and applies them at once to every connection:
//
//   stall SECONDS   forward nothing for SECONDS, then resume (what was read waits)
//   delay MS        hold every byte read from now on MS milliseconds before forwarding it
//   rate KBIT       forward at most KBIT kbit/s each way (0: no cap)
//   quit            close everything and exit
//
// The relay buffers little (64 KiB each way, plus what a delay needs) and keeps the kernel's
// receive buffer of the accepted socket small, so when it stops forwarding the sender's TCP
// window fills within a fraction of a second and the sender's own queue grows, as behind a
// stalled or slow link. Each command and each connection is logged on stderr with the time
// since the relay started.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace {

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int64_t g_start_ns = 0;

void log_line(const char* format, ...) __attribute__((format(printf, 1, 2)));
void log_line(const char* format, ...) {
    std::fprintf(stderr, "lm_tcp_relay %8.3f s: ", double(now_ns() - g_start_ns) / 1e9);
    va_list args;
    va_start(args, format);
    std::vfprintf(stderr, format, args);
    va_end(args);
    std::fputc('\n', stderr);
}

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "lm_tcp_relay: %s\n", message.c_str());
    std::exit(2);
}

void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/// The impairments now in force, shared by every connection.
struct Impairment {
    int64_t stalled_until_ns = 0;
    int64_t delay_ns = 0;
    double rate_bytes_per_s = 0;  ///< 0: no cap
};

/// Bytes read from one socket, waiting to be written to the other.
struct Chunk {
    std::vector<uint8_t> data;
    size_t sent = 0;
    int64_t due_ns = 0;  ///< read time + the delay in force then
};

/// One direction of a connection: reads `from`, writes `to`.
class Pipe {
public:
    Pipe(int from, int to, const char* name) : from_(from), to_(to), name_(name) {}

    /// Bytes waiting beyond which reading stops, so the sender's window fills: a small
    /// margin plus what the delay needs at up to 32 Mbit/s.
    static size_t limit(const Impairment& impairment) {
        return size_t(64 * 1024) + size_t(double(impairment.delay_ns) / 1e9 * 4'000'000.0);
    }
    bool wants_read(const Impairment& impairment) const {
        return !eof_ && !failed_ && queued_ < limit(impairment);
    }
    bool wants_write() const { return blocked_on_write_; }
    bool done() const { return failed_ || (eof_ && chunks_.empty() && shut_down_); }
    bool failed() const { return failed_; }

    void read(const Impairment& impairment) {
        uint8_t buffer[16 * 1024];
        const ssize_t n = ::read(from_, buffer, sizeof buffer);
        if (n > 0) {
            Chunk chunk;
            chunk.data.assign(buffer, buffer + n);
            chunk.due_ns = now_ns() + impairment.delay_ns;
            chunks_.push_back(std::move(chunk));
            queued_ += size_t(n);
        } else if (n == 0) {
            eof_ = true;
        } else if (errno != EAGAIN && errno != EINTR) {
            log_line("%s: read failed: %s", name_, std::strerror(errno));
            failed_ = true;
        }
    }

    /// Forwards what is due and allowed; returns the time of the next thing to do (0: none).
    int64_t forward(const Impairment& impairment) {
        const int64_t now = now_ns();
        if (impairment.rate_bytes_per_s > 0) {
            // A token bucket with 20 ms of burst (at least one TCP segment's worth).
            const double burst = std::max(4096.0, impairment.rate_bytes_per_s * 0.02);
            tokens_ = std::min(
                burst, tokens_ + impairment.rate_bytes_per_s * double(now - tokens_at_ns_) / 1e9);
        }
        tokens_at_ns_ = now;
        blocked_on_write_ = false;
        while (!failed_ && !chunks_.empty() && now >= impairment.stalled_until_ns) {
            Chunk& chunk = chunks_.front();
            if (chunk.due_ns > now)
                return chunk.due_ns;
            size_t want = chunk.data.size() - chunk.sent;
            if (impairment.rate_bytes_per_s > 0) {
                if (tokens_ < 1)
                    return now + int64_t((1 - tokens_) / impairment.rate_bytes_per_s * 1e9) + 1;
                want = std::min(want, size_t(tokens_));
            }
            const ssize_t n = ::send(to_, chunk.data.data() + chunk.sent, want, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EINTR) {
                    blocked_on_write_ = true;
                    return 0;
                }
                log_line("%s: write failed: %s", name_, std::strerror(errno));
                failed_ = true;
                return 0;
            }
            chunk.sent += size_t(n);
            queued_ -= size_t(n);
            if (impairment.rate_bytes_per_s > 0)
                tokens_ -= double(n);
            if (chunk.sent == chunk.data.size())
                chunks_.pop_front();
        }
        if (!chunks_.empty())
            return std::max(impairment.stalled_until_ns, chunks_.front().due_ns);
        if (eof_ && !shut_down_) {
            // The sender finished and everything it sent is through: pass the end on.
            ::shutdown(to_, SHUT_WR);
            shut_down_ = true;
        }
        return 0;
    }

private:
    int from_;
    int to_;
    const char* name_;
    std::deque<Chunk> chunks_;
    size_t queued_ = 0;
    bool eof_ = false;
    bool shut_down_ = false;
    bool failed_ = false;
    bool blocked_on_write_ = false;
    double tokens_ = 0;
    int64_t tokens_at_ns_ = 0;
};

struct Connection {
    int client = -1;
    int server = -1;
    Pipe up{-1, -1, "studio->server"};
    Pipe down{-1, -1, "server->studio"};
    int id = 0;
    ~Connection() {
        if (client >= 0)
            close(client);
        if (server >= 0)
            close(server);
    }
};

int connect_to(const sockaddr_storage& address, socklen_t length) {
    const int fd = socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), length) < 0) {
        close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    set_nonblocking(fd);
    return fd;
}

/// Applies one command line from stdin; returns false on "quit".
bool apply_command(const std::string& line, Impairment& impairment) {
    char word[32] = {};
    double value = 0;
    if (std::sscanf(line.c_str(), "%31s %lf", word, &value) < 1)
        return true;
    const std::string command = word;
    if (command == "quit") {
        log_line("quit");
        return false;
    }
    if (command == "stall" && value > 0) {
        impairment.stalled_until_ns = now_ns() + int64_t(value * 1e9);
        log_line("stall for %.3f s", value);
    } else if (command == "delay" && value >= 0) {
        impairment.delay_ns = int64_t(value * 1e6);
        log_line("delay %.0f ms", value);
    } else if (command == "rate" && value >= 0) {
        impairment.rate_bytes_per_s = value * 1000 / 8;
        log_line(value > 0 ? "rate capped at %.0f kbit/s" : "rate cap lifted (%.0f)", value);
    } else {
        log_line("unknown command '%s' (stall S, delay MS, rate KBIT, quit)", line.c_str());
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    g_start_ns = now_ns();
    std::signal(SIGPIPE, SIG_IGN);
    std::string target;
    int listen_port = 0;
    Impairment impairment;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            die("usage: lm_tcp_relay --to HOST:PORT [--listen-port N] [--delay-ms MS] "
                "[--rate-kbit K]");
        const char* value = argv[++i];
        if (arg == "--to")
            target = value;
        else if (arg == "--listen-port")
            listen_port = std::atoi(value);
        else if (arg == "--delay-ms")
            impairment.delay_ns = int64_t(std::atof(value) * 1e6);
        else if (arg == "--rate-kbit")
            impairment.rate_bytes_per_s = std::atof(value) * 1000 / 8;
        else
            die("unknown option " + arg);
    }
    const size_t colon = target.rfind(':');
    if (colon == std::string::npos)
        die("--to HOST:PORT is required");
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* resolved = nullptr;
    if (getaddrinfo(target.substr(0, colon).c_str(), target.substr(colon + 1).c_str(), &hints,
                    &resolved) != 0 ||
        resolved == nullptr)
        die("cannot resolve " + target);
    sockaddr_storage server_address{};
    const socklen_t server_length = resolved->ai_addrlen;
    std::memcpy(&server_address, resolved->ai_addr, resolved->ai_addrlen);
    freeaddrinfo(resolved);

    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // Set before listen() so accepted sockets inherit it (and their window scale fits it):
    // a small receive buffer makes a stall reach the sender quickly.
    const int receive_buffer = 32 * 1024;
    setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(listen_port));
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 ||
        listen(listener, 8) < 0)
        die(std::string("cannot listen: ") + std::strerror(errno));
    socklen_t length = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::printf("%d\n", ntohs(address.sin_port));
    std::fflush(stdout);
    log_line("port %d to %s, delay %.0f ms, rate %.0f kbit/s (0: no cap)", ntohs(address.sin_port),
             target.c_str(), double(impairment.delay_ns) / 1e6,
             impairment.rate_bytes_per_s * 8 / 1000);
    set_nonblocking(listener);

    std::vector<std::unique_ptr<Connection>> connections;
    bool stdin_open = true;
    std::string pending_command;
    int next_id = 1;
    for (;;) {
        int64_t next_ns = 0;
        for (auto& c : connections) {
            for (Pipe* pipe : {&c->up, &c->down}) {
                const int64_t t = pipe->forward(impairment);
                if (t > 0 && (next_ns == 0 || t < next_ns))
                    next_ns = t;
            }
        }
        std::erase_if(connections, [](const std::unique_ptr<Connection>& c) {
            const bool over =
                c->up.failed() || c->down.failed() || (c->up.done() && c->down.done());
            if (over)
                log_line("connection %d closed", c->id);
            return over;
        });

        std::vector<pollfd> fds;
        fds.push_back({listener, POLLIN, 0});
        if (stdin_open)
            fds.push_back({STDIN_FILENO, POLLIN, 0});
        for (auto& c : connections) {
            short client_events = 0, server_events = 0;
            if (c->up.wants_read(impairment))
                client_events |= POLLIN;
            if (c->down.wants_read(impairment))
                server_events |= POLLIN;
            if (c->up.wants_write())
                server_events |= POLLOUT;
            if (c->down.wants_write())
                client_events |= POLLOUT;
            fds.push_back({c->client, client_events, 0});
            fds.push_back({c->server, server_events, 0});
        }
        int timeout_ms = -1;
        if (next_ns > 0)
            timeout_ms =
                int(std::clamp<int64_t>((next_ns - now_ns() + 999'999) / 1'000'000, 0, 1000));
        if (poll(fds.data(), fds.size(), timeout_ms) < 0 && errno != EINTR)
            die(std::string("poll: ") + std::strerror(errno));

        size_t index = 0;
        if (fds[index++].revents & POLLIN) {
            const int client = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                const int server = connect_to(server_address, server_length);
                if (server < 0) {
                    log_line("cannot connect to %s: %s", target.c_str(), std::strerror(errno));
                    close(client);
                } else {
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    set_nonblocking(client);
                    auto c = std::make_unique<Connection>();
                    c->client = client;
                    c->server = server;
                    c->up = Pipe(client, server, "studio->server");
                    c->down = Pipe(server, client, "server->studio");
                    c->id = next_id++;
                    log_line("connection %d opened", c->id);
                    connections.push_back(std::move(c));
                    continue;  // the poll set no longer matches the connections
                }
            }
        }
        if (stdin_open) {
            if (fds[index++].revents & (POLLIN | POLLHUP)) {
                char buffer[256];
                const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
                if (n <= 0) {
                    stdin_open = false;
                } else {
                    pending_command.append(buffer, size_t(n));
                    size_t newline;
                    while ((newline = pending_command.find('\n')) != std::string::npos) {
                        const std::string line = pending_command.substr(0, newline);
                        pending_command.erase(0, newline + 1);
                        if (!apply_command(line, impairment))
                            return 0;
                    }
                }
            }
        }
        for (auto& c : connections) {
            const short client_revents = fds[index++].revents;
            const short server_revents = fds[index++].revents;
            // POLLHUP and POLLERR come whether asked for or not: read only when there is room
            // (or an error to collect), so a full buffer is not read past its limit.
            if ((client_revents & POLLERR) ||
                ((client_revents & (POLLIN | POLLHUP)) && c->up.wants_read(impairment)))
                c->up.read(impairment);
            if ((server_revents & POLLERR) ||
                ((server_revents & (POLLIN | POLLHUP)) && c->down.wants_read(impairment)))
                c->down.read(impairment);
        }
    }
}
