// A private headless Wayland desktop with a screen-cast portal, for the PipeWire capture tests:
// a session bus, sway (wlroots, headless, pixman: no GPU, no seat), PipeWire, WirePlumber,
// xdg-desktop-portal-wlr (set to share the one output without asking) and xdg-desktop-portal,
// all in a temporary runtime directory. Everything is stopped when the object goes; the
// children also get SIGKILL if the test process dies first (PR_SET_PDEATHSIG).
#pragma once

#include <systemd/sd-bus.h>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace lm::test {

class WaylandPortalSession {
public:
    enum class Parts {
        bus_only = 1,       ///< just a session bus, with no services to start on demand
        full,               ///< the whole desktop with its portal, sharing the one output
        full_user_cancels,  ///< the same, but the user cancels every screen selection
    };

    /// The first program `parts` needs that is not installed, or empty.
    static std::string missing_program(Parts parts) {
        if (access("/usr/bin/dbus-daemon", X_OK) != 0)
            return "/usr/bin/dbus-daemon";
        if (parts == Parts::bus_only)
            return {};
        for (const char* p :
             {"/usr/bin/sway", "/usr/bin/swaymsg", "/usr/bin/swaybg", "/usr/bin/pipewire",
              "/usr/bin/wireplumber", "/usr/libexec/xdg-desktop-portal",
              "/usr/libexec/xdg-permission-store", "/usr/libexec/xdg-desktop-portal-wlr"}) {
            if (access(p, X_OK) != 0)
                return p;
        }
        return {};
    }

    /// Starts the parts; the output is `width` x `height`, filled with `rgb` (0xRRGGBB).
    /// `xdpw_shim` is the LD_PRELOAD library that lets xdg-desktop-portal-wlr 0.7 cast from a
    /// compositor without DMA-BUF (see xdpw_shm_shim.c).
    WaylandPortalSession(Parts parts, int width, int height, uint32_t rgb,
                         const std::string& xdpw_shim = {}) {
        char dir_template[] = "/tmp/lm-wayland-XXXXXX";
        REQUIRE(mkdtemp(dir_template) != nullptr);
        dir_ = dir_template;
        runtime_dir_ = dir_ + "/run";
        std::filesystem::create_directory(runtime_dir_);
        std::filesystem::permissions(runtime_dir_, std::filesystem::perms::owner_all);
        try {
            start_bus(parts);
            if (parts != Parts::bus_only)
                start_desktop(parts, width, height, rgb, xdpw_shim);
        } catch (...) {
            stop_all();  // a failed start has no destructor run
            throw;
        }
    }

    ~WaylandPortalSession() { stop_all(); }
    WaylandPortalSession(const WaylandPortalSession&) = delete;
    WaylandPortalSession& operator=(const WaylandPortalSession&) = delete;

    const std::string& bus_address() const { return bus_address_; }

    /// Fills the output with `rgb` (0xRRGGBB).
    void set_background(uint32_t rgb) {
        REQUIRE(run_and_wait(
                    {"/usr/bin/swaymsg", "output", output_, "bg", hex(rgb), "solid_color"}) == 0);
    }

    /// Stops the screen-cast backend, as when the desktop stops sharing.
    void stop_portal_backend() { stop(pid_of("xdg-desktop-portal-wlr")); }

    /// The end of a part's log, for failure messages.
    std::string log_tail(const std::string& name) const {
        std::ifstream in(dir_ + "/" + name + ".log");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
    }

private:
    struct Child {
        std::string name;
        pid_t pid;
    };

    void stop_all() {
        // Portal first, compositor last: each goes before what it uses.
        for (auto it = children_.rbegin(); it != children_.rend(); ++it)
            stop(it->pid);
        children_.clear();
        // Services the bus started exit when it goes, maybe a moment later than it.
        std::error_code error;
        for (int attempt = 0; attempt < 50; ++attempt) {
            std::filesystem::remove_all(dir_, error);
            if (!error)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    static std::string hex(uint32_t rgb) {
        char text[8];
        std::snprintf(text, sizeof text, "#%06x", rgb & 0xFFFFFFu);
        return text;
    }

    void start_bus(Parts parts) {
        const std::string socket = dir_ + "/bus";
        // The one service started on demand is the permission store, which keeps restore
        // tokens; a bus-only session has none. Not the document portal in particular: its FUSE
        // mount in the runtime directory would outlive the test.
        const std::string services = dir_ + "/services";
        std::filesystem::create_directory(services);
        if (parts != Parts::bus_only) {
            std::ofstream(services + "/org.freedesktop.impl.portal.PermissionStore.service")
                << "[D-BUS Service]\nName=org.freedesktop.impl.portal.PermissionStore\n"
                << "Exec=/usr/libexec/xdg-permission-store\n";
        }
        std::ofstream(dir_ + "/bus.conf")
            << "<busconfig><type>session</type><listen>unix:path=" << socket << "</listen>"
            << "<servicedir>" << services << "</servicedir>"
            << "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
            << "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n";
        bus_address_ = "unix:path=" + socket;
        spawn("dbus-daemon",
              {"/usr/bin/dbus-daemon", "--nofork", "--config-file=" + dir_ + "/bus.conf"});
        wait_for("the session bus", [&] { return std::filesystem::exists(socket); });
    }

    void start_desktop(Parts parts, int width, int height, uint32_t rgb,
                       const std::string& xdpw_shim) {
        // sway refuses to run as root (it could not drop the privileges): run it as nobody,
        // owning the runtime directory; the other parts reach its sockets as root anyway.
        if (geteuid() == 0) {
            const passwd* nobody = getpwnam("nobody");
            REQUIRE(nobody != nullptr);
            sway_uid_ = nobody->pw_uid;
            sway_gid_ = nobody->pw_gid;
            REQUIRE(chown(runtime_dir_.c_str(), sway_uid_, sway_gid_) == 0);
            REQUIRE(chown(dir_.c_str(), sway_uid_, sway_gid_) == 0);
        }
        std::ofstream(dir_ + "/sway.conf")
            << "xwayland disable\noutput " << output_ << " resolution " << width << "x" << height
            << " bg " << hex(rgb) << " solid_color\n";
        spawn("sway", {"/usr/bin/sway", "-c", dir_ + "/sway.conf"}, /*as_sway_user=*/true);
        // The Wayland socket comes before the control socket; once both are there, sway is up.
        wait_for("sway's sockets", [&] {
            for (const auto& entry : std::filesystem::directory_iterator(runtime_dir_)) {
                const std::string name = entry.path().filename().string();
                if (name.starts_with("wayland-") && !name.ends_with(".lock"))
                    wayland_display_ = name;
                if (name.starts_with("sway-ipc."))
                    swaysock_ = entry.path().string();
            }
            return !wayland_display_.empty() && !swaysock_.empty();
        });
        spawn("pipewire", {"/usr/bin/pipewire"});
        wait_for("PipeWire", [&] { return std::filesystem::exists(runtime_dir_ + "/pipewire-0"); });
        spawn("wireplumber", {"/usr/bin/wireplumber"});

        // No dialog: the one output is shared, or a chooser that fails stands for a user
        // closing the dialog (xdpw then answers "cancelled").
        std::ofstream(dir_ + "/xdpw.conf")
            << "[screencast]\nmax_fps=30\n"
            << (parts == Parts::full_user_cancels
                    ? "chooser_type=dmenu\nchooser_cmd=/bin/false\n"
                    : "chooser_type=none\noutput_name=" + output_ + "\n");
        spawn("xdg-desktop-portal-wlr",
              {"/usr/libexec/xdg-desktop-portal-wlr", "-l", "INFO", "-c", dir_ + "/xdpw.conf"},
              false, xdpw_shim.empty() ? "" : "LD_PRELOAD=" + xdpw_shim);
        // The front end must find the backend running: started on demand it would miss the
        // configuration above and the shim.
        wait_for("xdg-desktop-portal-wlr on the bus",
                 [&] { return bus_has_name("org.freedesktop.impl.portal.desktop.wlr"); });
        spawn("xdg-desktop-portal", {"/usr/libexec/xdg-desktop-portal"});
        wait_for("xdg-desktop-portal on the bus",
                 [&] { return bus_has_name("org.freedesktop.portal.Desktop"); });
    }

    std::vector<std::string> environment(const std::string& extra) const {
        std::vector<std::string> env{"PATH=/usr/bin:/bin",
                                     "HOME=" + dir_,
                                     "XDG_RUNTIME_DIR=" + runtime_dir_,
                                     "XDG_CONFIG_HOME=" + dir_ + "/config",
                                     "XDG_DATA_HOME=" + dir_ + "/data",
                                     "XDG_STATE_HOME=" + dir_ + "/state",
                                     "DBUS_SESSION_BUS_ADDRESS=" + bus_address_,
                                     "WAYLAND_DISPLAY=" + wayland_display_,
                                     "XDG_CURRENT_DESKTOP=sway",
                                     "XDG_SESSION_TYPE=wayland",
                                     "WLR_BACKENDS=headless",
                                     "WLR_RENDERER=pixman",
                                     "WLR_LIBINPUT_NO_DEVICES=1"};
        // Set but empty, sway would take it as the path of its own control socket.
        if (!swaysock_.empty())
            env.push_back("SWAYSOCK=" + swaysock_);
        if (!extra.empty())
            env.push_back(extra);
        return env;
    }

    pid_t spawn(const std::string& name, const std::vector<std::string>& args,
                bool as_sway_user = false, const std::string& extra_env = {}) {
        // Everything the child needs is made before fork: after it, only system calls.
        std::vector<std::string> env_strings = environment(extra_env);
        std::vector<char*> argv, envp;
        std::vector<std::string> arg_strings = args;
        for (auto& s : arg_strings)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        for (auto& s : env_strings)
            envp.push_back(s.data());
        envp.push_back(nullptr);
        const int log = open((dir_ + "/" + name + ".log").c_str(),
                             O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        REQUIRE(log >= 0);
        const bool drop = as_sway_user && sway_uid_ != 0;
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dup2(log, 1);
            dup2(log, 2);
            if (drop &&
                (setgroups(0, nullptr) != 0 || setgid(sway_gid_) != 0 || setuid(sway_uid_) != 0))
                _exit(126);
            // After the uid change: changing credentials clears the death signal.
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        close(log);
        children_.push_back({name, pid});
        return pid;
    }

    int run_and_wait(const std::vector<std::string>& args) {
        const pid_t pid = spawn("command", args);
        int status = 0;
        waitpid(pid, &status, 0);
        children_.pop_back();
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    pid_t pid_of(const std::string& name) const {
        for (const Child& c : children_)
            if (c.name == name)
                return c.pid;
        return -1;
    }

    static void stop(pid_t pid) {
        if (pid <= 0 || waitpid(pid, nullptr, WNOHANG) != 0)
            return;  // already gone (and reaped now)
        kill(pid, SIGTERM);
        for (int i = 0; i < 300; ++i) {  // 3 s to exit cleanly
            if (waitpid(pid, nullptr, WNOHANG) == pid)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }

    bool bus_has_name(const char* name) const {
        sd_bus* bus = nullptr;
        if (sd_bus_new(&bus) < 0)
            return false;
        int has_owner = 0;
        sd_bus_message* reply = nullptr;
        if (sd_bus_set_address(bus, bus_address_.c_str()) >= 0 &&
            sd_bus_set_bus_client(bus, 1) >= 0 && sd_bus_start(bus) >= 0 &&
            sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "NameHasOwner", nullptr, &reply, "s",
                               name) >= 0) {
            sd_bus_message_read(reply, "b", &has_owner);
        }
        sd_bus_message_unref(reply);
        sd_bus_flush_close_unref(bus);
        return has_owner != 0;
    }

    template <typename Ready>
    void wait_for(const std::string& what, Ready ready) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (!ready()) {
            if (std::chrono::steady_clock::now() > deadline)
                FAIL("timed out waiting for " << what << "\nsway: " << log_tail("sway")
                                              << "\nxdpw: " << log_tail("xdg-desktop-portal-wlr"));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    std::string dir_;
    std::string runtime_dir_;
    std::string bus_address_;
    std::string swaysock_;
    std::string wayland_display_;
    const std::string output_ = "HEADLESS-1";
    uid_t sway_uid_ = 0;
    gid_t sway_gid_ = 0;
    std::vector<Child> children_;
};

}  // namespace lm::test
