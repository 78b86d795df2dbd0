"""The rig behind e2e.py: the visitors' own sshd set up from data/ (its
sshd_config, PAM service, limits and unit), the visitors' throwaway
account, ssh clients on pseudo-terminals, and the checks' bookkeeping.
See e2e.py."""
import errno
import fcntl
import os
import pwd
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time

SKIP = 77
SSHD = "/usr/sbin/sshd"
SSH = "/usr/bin/ssh"
# The names in the shipped files (data/) that a test replaces, and those
# files: the visitors' sshd_config, its PAM service, its limits, its unit.
CONF_USER = "resume"
CONF_VITAE = "/usr/local/bin/vitae"
CONF_RESUME = "/srv/vitae/resume.yaml"
CONF_PORT = "Port 2222\n"
CONF_HOSTKEY = "/etc/vitae/ssh_host_ed25519_key"
CONF_PIDFILE = "/run/sshd-vitae.pid"
CONF_LIMITS = "/etc/vitae/limits.conf"
CONF_PROGRAM = "/usr/local/sbin/sshd-vitae"
CONF_PER_SOURCE = "/usr/local/lib/vitae/per-source 2222 "
DATA_CONFIG = "data/sshd-vitae.conf"
DATA_PAM = "data/pam-sshd-vitae"
DATA_LIMITS = "data/vitae-limits.conf"
DATA_UNIT = "data/sshd-vitae.service"
DATA_PER_SOURCE = "data/sshd-vitae-per-source"
# The résumé served: not the bundled one, to show the fixed file is read.
RESUME = "tests/samples/rendercv-classic.yaml"
NAME, PANE2 = "John Doe", "Welcome to RenderCV"
# Debian 12's /etc/ssh/sshd_config (its uncommented lines): the
# administrator's sshd, which case admin runs beside the visitors' one.
DEBIAN_GLOBAL = """\
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem\tsftp\t/usr/lib/openssh/sftp-server
"""
GECOS = "vitae e2e test account, safe to remove"

failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print(f"FAIL: {what}", file=sys.stderr)
    return cond


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def note(msg):
    print(msg, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(argv, timeout=30, **kw):
    kw.setdefault("stdin", subprocess.DEVNULL)
    kw.setdefault("start_new_session", True)
    return subprocess.run(argv, capture_output=True, timeout=timeout, **kw)


def pids_of_uid(uid):
    """The live processes of uid, {pid: (comm, ppid)}. A zombie is dead:
    it holds nothing but its exit status, until its parent (init, once
    sshd is gone, which may take its time) collects it."""
    found = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/status") as f:
                st = f.read()
        except OSError:
            continue
        m = re.search(r"^Uid:\s+(\d+)", st, re.M)
        if re.search(r"^State:\s+[ZX]", st, re.M):
            continue
        if m and int(m.group(1)) == uid:
            comm = re.search(r"^Name:\s+(.*)$", st, re.M).group(1)
            ppid = int(re.search(r"^PPid:\s+(\d+)", st, re.M).group(1))
            found[int(d)] = (comm, ppid)
    return found


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    st = f.read()
            except OSError:
                continue
            if int(st[st.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(d))
    return out


def mem_kb(pid):
    """(Rss, Pss) of a process in kB, from smaps_rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            t = f.read()
    except OSError:
        return (0, 0)
    rss = int(re.search(r"^Rss:\s+(\d+)", t, re.M).group(1))
    pss = int(re.search(r"^Pss:\s+(\d+)", t, re.M).group(1))
    return (rss, pss)


def wait_until(pred, timeout, step=0.02):
    end = time.monotonic() + timeout
    while True:
        if pred():
            return True
        if time.monotonic() > end:
            return False
        time.sleep(step)


class Account:
    """A throwaway account, made the way the README makes `resume`: its
    password locked (`*`, which no password matches), or, for the tests
    that show what an empty one would open, empty (`passwd -d`)."""

    def __init__(self, name, home, shell="/bin/sh", empty_password=False):
        self.name = name
        for attempt in range(10):
            # useradd waits for /etc/passwd's lock only so long; parallel
            # tests can collide.
            r = run(["useradd", "--system", "--no-create-home", "--home-dir", home,
                     "--shell", shell, "--password", "*", "--comment", GECOS, name])
            if r.returncode == 0:
                break
            if b"lock" not in r.stderr:
                raise RuntimeError(f"useradd {name}: {r.stderr.decode().strip()}")
            time.sleep(0.5 + attempt * 0.3)
        else:
            raise RuntimeError(f"useradd {name}: {r.stderr.decode().strip()}")
        self.created = True
        if empty_password:
            r = run(["passwd", "-d", name])
            if r.returncode != 0:
                raise RuntimeError(f"passwd -d {name}: {r.stderr.decode().strip()}")
        pw = pwd.getpwnam(name)
        self.uid, self.gid = pw.pw_uid, pw.pw_gid

    def remove(self):
        # Anything still running as the account (there should be nothing)
        # goes first: userdel refuses a user with processes.
        for pid in pids_of_uid(self.uid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        wait_until(lambda: not pids_of_uid(self.uid), 5)
        for attempt in range(10):
            r = run(["userdel", self.name])
            if r.returncode == 0 or b"does not exist" in r.stderr:
                return
            time.sleep(0.5)
        print(f"warning: userdel {self.name}: {r.stderr.decode().strip()}",
              file=sys.stderr)


def remove_stale_accounts():
    """Accounts left by a run that was killed: their creator is gone."""
    for pw in pwd.getpwall():
        m = re.fullmatch(r"vitae-e2e-(?:[a-z]+-)?(\d+)", pw.pw_name)
        if m and pw.pw_gecos == GECOS and not os.path.exists(f"/proc/{m.group(1)}"):
            run(["userdel", pw.pw_name])
    for name in os.listdir("/etc/pam.d"):
        m = re.fullmatch(r"sshd-vitae-e2e-(\d+)", name)
        if m and not os.path.exists(f"/proc/{m.group(1)}"):
            os.unlink(os.path.join("/etc/pam.d", name))


def shipped(opts, rel, replace):
    """A file of data/ with names replaced, each of which must occur in it
    exactly as often as said: if the file changes, this fails rather than
    testing something else."""
    path = os.path.join(opts.source, rel)
    with open(path) as f:
        text = f.read()
    for old, (new, times) in replace.items():
        n = text.count(old)
        if n != times:
            raise RuntimeError(f"{path}: {old.strip()!r} occurs {n} times, not {times}")
        text = text.replace(old, new)
    return text


def unit_settings(text):
    """The [Service] settings of a systemd unit, {key: [values]}."""
    out, section = {}, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            k, _, v = line.partition("=")
            out.setdefault(k, []).append(v)
    return out


class Rig:
    """The visitors' own sshd, started as the shipped unit starts it: the
    shipped sshd_config, PAM service and limits, and the unit's capability
    bounding set and no_new_privs; the résumé; the visitors' account."""

    def __init__(self, opts):
        self.opts = opts
        self.accounts = []
        self.sshd = None
        self.pam = None
        self.dir = tempfile.mkdtemp(prefix="vitae-ssh-")
        os.chmod(self.dir, 0o755)

    def setup(self, login_shell=False):
        opts = self.opts
        # The installed layout: the program, and the résumé in the
        # account's home, both root's and readable by all.
        self.bin = os.path.join(self.dir, "bin", "vitae")
        os.mkdir(os.path.dirname(self.bin), 0o755)
        shutil.copy(opts.vitae, self.bin)
        os.chmod(self.bin, 0o755)
        self.home = os.path.join(self.dir, "srv")
        os.mkdir(self.home, 0o755)
        self.resume = os.path.join(self.home, "resume.yaml")
        shutil.copy(os.path.join(opts.source, RESUME), self.resume)
        os.chmod(self.resume, 0o644)

        self.user = f"vitae-e2e-{os.getpid()}"
        self.account = self.add_account(self.user, self.home,
                                        shell=self.bin if login_shell else "/bin/sh")

        # The program name selects the PAM service: a symbolic link to
        # sshd named after a service of this run's own, holding the
        # shipped stack.
        self.service = f"sshd-vitae-e2e-{os.getpid()}"
        self.program = os.path.join(self.dir, "bin", self.service)
        self.comm = self.service[:15]       # as /proc shows its processes
        os.symlink(SSHD, self.program)
        self.limits = os.path.join(self.dir, "limits.conf")
        with open(self.limits, "w") as f:
            f.write(shipped(opts, DATA_LIMITS, {f"\n{CONF_USER}\t": (f"\n{self.user}\t", 1)}))
        self.per_source = os.path.join(self.dir, "bin", "per-source")
        shutil.copy(os.path.join(opts.source, DATA_PER_SOURCE), self.per_source)
        os.chmod(self.per_source, 0o755)
        self.pam = os.path.join("/etc/pam.d", self.service)
        self.write_pam(0)
        self.unit = unit_settings(shipped(opts, DATA_UNIT, {}))

        self.hostkey = os.path.join(self.dir, "host_key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "",
                        "-f", self.hostkey], check=True)
        self.config = os.path.join(self.dir, "sshd_config")
        self.pidfile = os.path.join(self.dir, "sshd.pid")
        self.log = os.path.join(self.dir, "sshd.log")
        self.template = self.make_config(login_shell)
        # sshd needs its privilege separation directory, which the unit's
        # RuntimeDirectory= makes.
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)

    def make_config(self, login_shell):
        text = shipped(self.opts, DATA_CONFIG, {
            CONF_PORT: ("Port {port}\nListenAddress 127.0.0.1\n", 1),
            CONF_HOSTKEY: (self.hostkey, 1),
            CONF_PIDFILE: (self.pidfile, 1),
            f"AllowUsers {CONF_USER}\n": (f"AllowUsers {self.user}\n", 1),
            CONF_VITAE: (self.bin, 1),
            CONF_RESUME: (self.resume, 1),
        })
        if login_shell:
            # vitae as the account's shell: the one line that differs; and
            # ~/.hushlogin, or sshd shows the motd before the shell.
            text = re.sub(r"^\s*ForceCommand .*\n", "", text, flags=re.M)
            open(os.path.join(self.home, ".hushlogin"), "w").close()
        return text

    def add_account(self, name, home, **kw):
        acct = Account(name, home, **kw)
        self.accounts.append(acct)
        return acct

    def write_pam(self, port):
        """The PAM stack, for the visitors' sshd on port."""
        with open(self.pam, "w") as f:
            f.write(shipped(self.opts, DATA_PAM, {
                f"user = {CONF_USER}\n": (f"user = {self.user}\n", 2),
                CONF_LIMITS: (self.limits, 1),
                CONF_PER_SOURCE: (f"{self.per_source} {port} ", 1)}))

    def write_config(self, port):
        with open(self.config, "w") as f:
            f.write(self.template.replace("{port}", str(port)))
        self.write_pam(port)

    def confinement(self):
        """setpriv's arguments for the unit's CapabilityBoundingSet= and
        NoNewPrivileges=, which sshd must run under."""
        caps = " ".join(self.unit.get("CapabilityBoundingSet", [])).split()
        argv = ["setpriv"]
        if caps:
            argv.append("--bounding-set=-all," +
                        ",".join("+" + c.lower().removeprefix("cap_") for c in caps))
        if self.unit.get("NoNewPrivileges", ["no"])[-1] == "yes":
            argv.append("--no-new-privs")
        return argv

    def start(self):
        for attempt in range(5):
            self.port = free_port()
            self.write_config(self.port)
            logf = open(self.log, "w")
            self.sshd = subprocess.Popen([*self.confinement(), self.program, "-D", "-e",
                                          "-f", self.config],
                                         stdin=subprocess.DEVNULL, stdout=logf,
                                         stderr=logf)
            logf.close()
            if wait_until(lambda: "Server listening" in self.sshd_log() or
                          self.sshd.poll() is not None, 15):
                if self.sshd.poll() is None:
                    return
            log = self.sshd_log()
            self.stop_sshd()
            if "Address already in use" not in log:
                raise RuntimeError(f"sshd did not start:\n{log}")
        raise RuntimeError("sshd: no free port")

    def sshd_log(self):
        try:
            with open(self.log) as f:
                return f.read()
        except OSError:
            return ""

    def stop_sshd(self):
        if self.sshd and self.sshd.poll() is None:
            self.sshd.terminate()
            try:
                self.sshd.wait(5)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait()
        self.sshd = None

    def close(self):
        self.stop_sshd()
        for a in self.accounts:
            a.remove()
        if self.pam:
            try:
                os.unlink(self.pam)
            except FileNotFoundError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- clients ----------------------------------------------------------

    def client_opts(self, batch=False):
        """The client's options. A visitor's login is keyboard-interactive,
        which BatchMode turns off in OpenSSH's client: batch only for key
        logins. run() starts clients without a controlling terminal, so a
        prompt that should not be there fails instead of waiting."""
        o = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
             "-o", "ConnectTimeout=20"]
        if batch:
            o += ["-o", "BatchMode=yes"]
        return o

    def ssh_argv(self, *args, user=None, batch=False, opts=()):
        return [SSH, *self.client_opts(batch), "-p", str(self.port), *opts,
                f"{user or self.user}@127.0.0.1", *args]

    def ssh(self, *args, user=None, batch=False, opts=(), input=None, timeout=30):
        return run(self.ssh_argv(*args, user=user, batch=batch, opts=opts), timeout=timeout,
                   input=input, stdin=None if input is not None else subprocess.DEVNULL)

    def local(self, *args):
        """vitae run here on the same file, for comparison."""
        r = run([self.opts.vitae, *args, self.resume])
        if r.returncode != 0:
            raise RuntimeError(f"vitae {args}: {r.stderr.decode()}")
        return r.stdout

    def vitae_pids(self, uid=None):
        uid = self.account.uid if uid is None else uid
        return sorted(p for p, (comm, _) in pids_of_uid(uid).items() if comm == "vitae")


class PtyClient:
    """ssh -tt on a pseudo-terminal of its own, read in the background."""

    def __init__(self, argv, rows=24, cols=80, env=None):
        self.master, slave = os.openpty()
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        e = dict(os.environ if env is None else env)
        e["TERM"] = "xterm-256color"

        def ctty():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                     env=e, start_new_session=True, preexec_fn=ctty,
                                     close_fds=True)
        os.close(slave)
        os.set_blocking(self.master, False)
        self.out = b""

    def pump(self, timeout=0.0):
        r, _, _ = select.select([self.master], [], [], timeout)
        if r:
            try:
                data = os.read(self.master, 65536)
            except OSError as e:
                if e.errno != errno.EIO:
                    raise
                data = b""
            self.out += data
            return len(data)
        return 0

    def wait_output(self, needle, timeout):
        end = time.monotonic() + timeout
        while needle not in self.out:
            left = end - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and not self.pump(0):
                return needle in self.out
            self.pump(min(left, 0.1))
        return True

    def send(self, data):
        os.write(self.master, data)

    def finish(self, timeout):
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.05)
        while self.pump(0):
            pass
        return self.proc.poll()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def no_escapes(b):
    """Text output: no ESC, no C0 control but newline, no C1 in UTF-8."""
    return (not any(c < 0x20 and c != 0x0A for c in b) and b"\x7f" not in b and
            not re.search("[\x80-\x9f]", b.decode("utf-8", "replace")))
