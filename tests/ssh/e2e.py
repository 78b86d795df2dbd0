#!/usr/bin/python3
"""End-to-end tests of vitae behind its own OpenSSH server.

Each run starts the visitors' sshd the way data/sshd-vitae.service does:
/usr/sbin/sshd under a program name that selects a PAM service holding
data/pam-sshd-vitae (with data/vitae-limits.conf), configured by
data/sshd-vitae.conf, under the unit's capability bounding set and
no_new_privs, on 127.0.0.1 and a free port, with a host key made for the
run. Only the port, paths and the account's name are replaced. A
throwaway account is created the way the README creates `resume`
(useradd, password locked) and removed at the end; that needs root, so
elsewhere the tests skip (exit 77). The real ssh, sftp and scp clients
connect to it, and pamtester asks every PAM service about the account.
rig.py holds the machinery, this file the cases.

usage: e2e.py CASE --vitae VITAE --source SRCDIR [--tty SSH_TTY] [--sanitized]
"""

import argparse
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

import rig as R
from rig import (NAME, PANE2, SSH, SSHD, PtyClient, Rig, check, children_of, free_port,
                 mem_kb, no_escapes, note, pids_of_uid, remove_stale_accounts, run, skip,
                 wait_until)


def effective(rig, user, addr="192.0.2.7"):
    """sshd -T: the settings the visitors' sshd applies to a login."""
    r = run([rig.program, "-T", "-f", rig.config, "-C",
             f"user={user},host=visitor.example,addr={addr}"])
    check(r.returncode == 0, f"sshd -T for {user}: {r.stderr.decode()}")
    conf = {}
    for line in r.stdout.decode().splitlines():
        k, _, v = line.partition(" ")
        conf.setdefault(k, []).append(v)
    return {k: " ; ".join(v) for k, v in conf.items()}


def case_config(rig):
    """sshd -t accepts the shipped configuration; sshd -T shows what it
    sets; the unit passes systemd-analyze verify and agrees with the
    configuration and the limits on the program, the files and the caps."""
    rig.write_config(free_port())
    r = run([rig.program, "-t", "-f", rig.config])
    check(r.returncode == 0, f"sshd -t: {r.stderr.decode()}")
    want = {
        "forcecommand": f"exec {rig.bin} --kiosk {rig.resume}",
        "allowusers": rig.user,
        "permitrootlogin": "no",
        "usepam": "yes",
        "authenticationmethods": "keyboard-interactive",
        "kbdinteractiveauthentication": "yes",
        "passwordauthentication": "no",
        "permitemptypasswords": "no",
        "pubkeyauthentication": "no",
        "hostbasedauthentication": "no",
        "authorizedkeysfile": "none",
        "disableforwarding": "yes",
        "allowtcpforwarding": "no",
        "allowagentforwarding": "no",
        "allowstreamlocalforwarding": "no",
        "x11forwarding": "no",
        "permittunnel": "no",
        "permittty": "yes",
        "permituserrc": "no",
        "permituserenvironment": "no",
        "acceptenv": "NO_COLOR",
        "setenv": "LANG=C.UTF-8 ; LC_ALL=C.UTF-8",
        "clientaliveinterval": "15",
        "clientalivecountmax": "2",
        "maxsessions": "1",
        "unusedconnectiontimeout": "10",
        "maxstartups": "10:30:30",
        "persourcemaxstartups": "4",
        "logingracetime": "20",
        "maxauthtries": "2",
        "pidfile": rig.pidfile,
    }
    for user in (rig.user, "root", "admin"):
        got = effective(rig, user)
        for k, v in want.items():
            check(got.get(k) == v, f"{user}: {k} is {got.get(k)!r}, want {v!r}")
        # No sftp server to reach, even past the forced command.
        check("subsystem" not in got, f"{user}: subsystem {got.get('subsystem')!r}")

    # The unit: systemd's own check (every setting known, every program
    # there), on a copy whose program is this run's.
    unit = os.path.join(rig.dir, "sshd-vitae.service")
    with open(unit, "w") as f:
        f.write(R.shipped(rig.opts, R.DATA_UNIT, {R.CONF_PROGRAM: (rig.program, 4)}))
    analyze = shutil.which("systemd-analyze")
    if analyze:
        r = run([analyze, "verify", "--man=no", unit])
        check(r.returncode == 0 and not r.stderr.strip(),
              f"systemd-analyze verify: {r.returncode} {r.stderr.decode()}")
    else:
        note("systemd-analyze is missing: the unit's structure is checked only")
    u = rig.unit
    conf = "/etc/vitae/sshd_config"
    check(u.get("ExecStart") == [f"{R.CONF_PROGRAM} -D -f {conf}"], f"ExecStart {u.get('ExecStart')}")
    check(u.get("ExecStartPre") == [f"{R.CONF_PROGRAM} -t -f {conf}"], "ExecStartPre: sshd -t")
    check(u.get("Type") == ["notify"], "Type=notify (Debian's sshd tells systemd it is up)")
    check(u.get("NoNewPrivileges") == ["yes"], "NoNewPrivileges=yes")
    check(u.get("RuntimeDirectory") == ["sshd"] and u.get("RuntimeDirectoryPreserve") == ["yes"],
          "the privilege separation directory, kept on stop")
    # The PAM stack's per-source cap counts connections to the port the
    # configuration listens on.
    with open(os.path.join(rig.opts.source, R.DATA_PAM)) as f:
        pam_text = f.read()
    with open(os.path.join(rig.opts.source, R.DATA_CONFIG)) as f:
        port = re.search(r"^Port (\d+)$", f.read(), re.M).group(1)
    check(re.search(rf"per-source {port} \d+$", pam_text, re.M), "per-source: the port")
    # The program name is the PAM service the shipped stack is for.
    check(os.path.basename(R.CONF_PROGRAM) == "sshd-vitae", "program name sshd-vitae")
    with open(os.path.join(rig.opts.source, R.DATA_PAM)) as f:
        check("/etc/pam.d/sshd-vitae" in f.read(), "the PAM file names its service")
    # The caps agree: the tasks 200 visitors and 30 logins (sshd's two
    # processes, the per-source helper and its ss) need fit in TasksMax,
    # and MemoryMax is set.
    with open(rig.limits) as f:
        nproc = int(re.search(r"\snproc\s+(\d+)", f.read()).group(1))
    visitors = nproc // 2
    full = int(want["maxstartups"].split(":")[-1])
    tasks = int(u["TasksMax"][-1])
    check(visitors == 200, f"the limits allow {visitors} visitors")
    check(tasks >= 3 * visitors + 4 * full + 1, f"TasksMax={tasks} for {visitors} visitors")
    check(re.fullmatch(r"\d+[KMG]", u.get("MemoryMax", [""])[-1]), f"MemoryMax {u.get('MemoryMax')}")


def case_text(rig):
    """Without a terminal: the text, byte for byte what vitae prints here,
    with no escape sequence; the request words; unknown requests."""
    rig.start()
    text = rig.local("--dump")
    markdown = rig.local("--format", "markdown")
    check(NAME.encode() in text and no_escapes(text), "local text is sane")
    for args in ((), ("text",), (" text ",)):
        r = rig.ssh(*args)
        check(r.returncode == 0, f"ssh {args}: status {r.returncode} {r.stderr!r}")
        check(r.stdout == text, f"ssh {args}: not the text ({len(r.stdout)} bytes)")
        check(no_escapes(r.stdout), f"ssh {args}: control bytes in the text")
        check(r.stderr == b"", f"ssh {args}: stderr {r.stderr!r}")
    # -T: no terminal even when this side has one.
    r = rig.ssh(opts=("-T",))
    check(r.returncode == 0 and r.stdout == text, "ssh -T: the text")
    for word in ("markdown", "md"):
        r = rig.ssh(word)
        check(r.returncode == 0 and r.stdout == markdown, f"ssh {word}: the Markdown")
        check(r.stdout.startswith(b"# " + NAME.encode()), f"ssh {word}: a Markdown title")
    # Anything else: the text, and one line saying what is accepted.
    for req, shown in (("bogus", "bogus"), ("TEXT", "TEXT"),
                       ("text markdown", "text markdown"),
                       ("\x1b]0;pwned\x07\x1b[31mred", "?]0;pwned??[31mred"),
                       ("x" * 100, "x" * 40 + "...")):
        r = rig.ssh(req)
        check(r.returncode == 0, f"ssh {req!r}: status {r.returncode}")
        check(r.stdout == text, f"ssh {req!r}: not the text")
        want = f'vitae: unknown request "{shown}"; accepted: text, markdown\n'.encode()
        check(r.stderr == want, f"ssh {req!r}: stderr {r.stderr!r}, want {want!r}")
        check(no_escapes(r.stderr), f"ssh {req!r}: control bytes on stderr")
    check("Accepted keyboard-interactive/pam for " + rig.user in rig.sshd_log(),
          "sshd logs the prompt-less keyboard-interactive login through PAM")
    # The pid file the unit's sshd writes.
    with open(rig.pidfile) as f:
        check(int(f.read()) == rig.sshd.pid, "sshd's pid file")


def case_escape(rig):
    """Commands, a shell, sftp and scp: the client gets the résumé text or
    a protocol error, never a shell or a file, in either direction."""
    rig.start()
    text = rig.local("--dump")
    # A directory the account may write to: an upload that got through
    # would land here.
    drop = os.path.join(rig.dir, "drop")
    os.mkdir(drop, 0o700)
    os.chown(drop, rig.account.uid, rig.account.gid)
    secret = os.path.join(rig.dir, "secret")
    with open(secret, "w") as f:
        f.write("not for visitors\n")
    os.chmod(secret, 0o644)      # readable by the account: only vitae stops it

    shellish = (
        ("id",), ("--", "-c", "sh"), ("--", "-c", "id"), ("sh",), ("/bin/sh", "-i"),
        ("exec", "sh"), ("; id",), ("$(id)",), ("`id`",), ("text; id",),
        ("--", "--help"), ("--", "--kiosk", secret), (secret,), ("cat", secret),
        ("internal-sftp",), ("scp", "-f", secret),
    )
    for args in shellish:
        r = rig.ssh(*args, input=b"id\necho shell-was-here\nexit\n")
        out = r.stdout + r.stderr
        check(b"uid=" not in out and b"shell-was-here" not in out,
              f"ssh {args}: a shell answered")
        check(b"not for visitors" not in out, f"ssh {args}: the file was read")
        check(r.stdout == text, f"ssh {args}: not the résumé text")
        check(b"unknown request" in r.stderr, f"ssh {args}: no note {r.stderr!r}")
    # With a terminal too: `ssh -t host sh`.
    c = PtyClient(rig.ssh_argv("sh", opts=("-tt",)))
    try:
        c.send(b"id\n")
        status = c.finish(20)
        check(status == 0, f"ssh -tt sh: status {status}")
        check(NAME.encode() in c.out and b"uid=" not in c.out, "ssh -tt sh: no shell")
    finally:
        c.close()

    got = os.path.join(rig.dir, "got")
    up = os.path.join(drop, "up")
    common = [*rig.client_opts(), "-P", str(rig.port)]
    target = f"{rig.user}@127.0.0.1"
    tries = {
        "sftp get": (["sftp", *common, "-b", "-", target], f"get {secret} {got}\n"),
        "sftp put": (["sftp", *common, "-b", "-", target], f"put {secret} {up}\n"),
        "sftp ls": (["sftp", *common, "-b", "-", target], "ls /\n"),
        "scp get": (["scp", *common, f"{target}:{secret}", got], None),
        "scp put": (["scp", *common, secret, f"{target}:{up}"], None),
        "scp -O get": (["scp", "-O", *common, f"{target}:{secret}", got], None),
        "scp -O put": (["scp", "-O", *common, secret, f"{target}:{up}"], None),
    }
    for what, (argv, script) in tries.items():
        r = run(argv, input=script.encode() if script else None,
                stdin=None if script else subprocess.DEVNULL)
        check(r.returncode != 0, f"{what}: succeeded")
        check(not os.path.exists(got), f"{what}: a file came down")
        check(not os.listdir(drop), f"{what}: a file went up")
        check(b"etc" not in r.stdout and b"not for visitors" not in r.stdout,
              f"{what}: listed or read something: {r.stdout[:200]!r}")
    # The subsystem request itself (ssh -s) is refused: no Subsystem is
    # configured, so nothing answers it, not even vitae.
    for sub in ("sftp", "internal-sftp"):
        r = rig.ssh(sub, opts=("-s",))
        check(r.returncode != 0 and r.stdout == b"", f"ssh -s {sub}: {r.stdout[:80]!r}")
    check("subsystem request for sftp" in rig.sshd_log(), "sshd logs no refused subsystem")
    check(not rig.vitae_pids(), "no vitae left running")


def read_socket(port, send=b"", timeout=5.0):
    """Connects to 127.0.0.1:port; what comes back until EOF or timeout."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    data = b""
    try:
        if send:
            s.sendall(send)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    finally:
        s.close()
    return data


def listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def case_forward(rig):
    """-L, -D, -W and -R are refused; one session per connection; a
    connection without a session is closed after 10 s."""
    rig.start()
    banner = read_socket(rig.port, timeout=3)
    check(banner.startswith(b"SSH-2.0-"), f"sshd's banner: {banner!r}")

    # -L: the client listens, the server refuses the channel. The target
    # is sshd itself: a forward that worked would bring its banner.
    lport = free_port()
    start = time.monotonic()
    p = subprocess.Popen(rig.ssh_argv(opts=("-N", "-L", f"{lport}:127.0.0.1:{rig.port}")),
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        if check(wait_until(lambda: listening(lport), 15), "-L: client listens"):
            got = read_socket(lport, timeout=3)
            check(b"SSH-2.0" not in got, f"-L: forwarded: {got!r}")
        # The connection has no session: UnusedConnectionTimeout ends it.
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            pass
        took = time.monotonic() - start
        check(p.returncode is not None, "ssh -N -L: still connected after 30 s")
        note(f"ssh -N -L: closed by the server after {took:.1f} s")
        check(took >= 8, f"ssh -N -L: closed after {took:.1f} s, before the 10 s timeout")
        check("refused local port forward" in rig.sshd_log(), "-L: sshd logs no refusal")
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()

    # -D: a SOCKS5 request to sshd's port through the client.
    dport = free_port()
    p = subprocess.Popen(rig.ssh_argv(opts=("-N", "-D", str(dport))),
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    try:
        if check(wait_until(lambda: listening(dport), 15), "-D: client listens"):
            req = (b"\x05\x01\x00" + b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") +
                   struct.pack(">H", rig.port))
            got = read_socket(dport, send=req, timeout=3)
            check(b"SSH-2.0" not in got, f"-D: forwarded: {got!r}")
            # After the method reply (05 00), a connect reply 05 00 would
            # be success; the client closes instead.
            check(got[2:4] != b"\x05\x00", f"-D: SOCKS success: {got!r}")
    finally:
        p.kill()
        p.wait()

    # -W: stdio forwarding is a TCP channel too.
    r = run(rig.ssh_argv(opts=("-W", f"127.0.0.1:{rig.port}")), timeout=20)
    check(b"SSH-2.0" not in r.stdout, f"-W: forwarded: {r.stdout[:80]!r}")
    check(r.returncode != 0, "-W: succeeded")

    # -R: the server refuses to listen.
    rport = free_port()
    r = run(rig.ssh_argv(opts=("-N", "-o", "ExitOnForwardFailure=yes",
                               "-R", f"{rport}:127.0.0.1:{rig.port}")), timeout=20)
    check(r.returncode != 0, "-R: the client stayed")
    check(b"forwarding failed" in r.stderr, f"-R: {r.stderr!r}")
    check(not listening(rport), "-R: the server listens")

    # -A: no agent socket reaches the session.
    agent = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True)
    m = re.search(r"SSH_AUTH_SOCK=([^;]+);.*SSH_AGENT_PID=(\d+);", agent.stdout, re.S)
    if m:
        env = dict(os.environ, SSH_AUTH_SOCK=m.group(1))
        try:
            c = PtyClient(rig.ssh_argv(opts=("-tt", "-A")), env=env)
            try:
                if check(c.wait_output(b"? help", 20), "-A: the viewer"):
                    pids = rig.vitae_pids()
                    envs = [open(f"/proc/{p}/environ", "rb").read() for p in pids]
                    check(envs and all(b"SSH_AUTH_SOCK" not in e for e in envs),
                          "-A: an agent socket was forwarded")
                c.send(b"q")
                c.finish(10)
            finally:
                c.close()
        finally:
            os.kill(int(m.group(2)), signal.SIGTERM)

    # MaxSessions 1: a multiplexed second session is refused while the
    # first is open.
    sock = os.path.join(rig.dir, "mux")
    master = PtyClient(rig.ssh_argv(opts=("-tt", "-o", "ControlMaster=yes",
                                          "-o", f"ControlPath={sock}")))
    try:
        if check(master.wait_output(b"? help", 20), "mux: the first session"):
            r = run(rig.ssh_argv("text", opts=("-o", "ControlMaster=no",
                                               "-o", f"ControlPath={sock}")), timeout=20)
            # (The client then falls back to a connection of its own.)
            check(b"Session open refused" in r.stderr, f"mux: no refusal in {r.stderr!r}")
            check("no more sessions" in rig.sshd_log(), "mux: sshd logs no refusal")
            check(len(rig.vitae_pids()) == 1, "one viewer for one connection")
        master.send(b"q")
        check(master.finish(10) == 0, "mux: the first session ends with 0")
    finally:
        master.close()


def case_tty(rig):
    """The viewer through ssh -tt, on a libvterm screen (ssh_tty.c)."""
    if not rig.opts.tty:
        skip("ssh_tty was not built (libvterm missing)")
    rig.start()
    # No BatchMode: a password prompt would show on the screen, and fail.
    argv = rig.ssh_argv(batch=False, opts=("-tt",))
    r = run([rig.opts.tty, NAME, PANE2, "--", *argv], timeout=110)
    sys.stderr.write(r.stderr.decode())
    sys.stdout.write(r.stdout.decode())
    check(r.returncode == 0, "the viewer through ssh -tt")
    # A terminal the server's terminfo does not know: the text.
    for term in ("no-such-terminal", "x" * 200, "../../../../etc/passwd"):
        r = run([rig.opts.tty, "--term", term, "--text", NAME, PANE2, "--", *argv],
                timeout=60)
        sys.stderr.write(r.stderr.decode())
        check(r.returncode == 0, f"TERM={term[:20]}...: the text through ssh -tt")
    check(not rig.vitae_pids(), "no vitae left running")


def case_env(rig):
    """What the session's vitae gets: the environment the block allows, one
    process with the kiosk limits and sandbox, no shell around it."""
    rig.start()
    env = dict(os.environ, LANG="fr_FR.UTF-8", LC_ALL="POSIX", LC_CTYPE="POSIX",
               PAGER="/bin/false", TERMINFO="/tmp", LD_PRELOAD="/tmp/x.so")
    opts = ("-tt", "-o", "SendEnv=LANG LC_* PAGER TERMINFO LD_PRELOAD",
            "-o", "SetEnv=NO_COLOR=1 BASH_ENV=/tmp/x ENV=/tmp/x")
    c = PtyClient(rig.ssh_argv(opts=opts), env=env)
    try:
        if not check(c.wait_output(b"? help", 20), "the viewer"):
            print(c.out.decode("utf-8", "replace"), file=sys.stderr)
            return
        procs = pids_of_uid(rig.account.uid)
        comms = sorted(comm for comm, _ in procs.values())
        # sshd's session process and vitae itself: `exec` left no shell.
        check(comms == sorted([rig.comm, "vitae"]), f"the session's processes: {comms}")
        pid = rig.vitae_pids()[0]
        with open(f"/proc/{pid}/environ", "rb") as f:
            envs = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if b"=" in e)
        check(envs.get(b"LANG") == b"C.UTF-8", f"LANG={envs.get(b'LANG')}")
        check(envs.get(b"LC_ALL") == b"C.UTF-8", f"LC_ALL={envs.get(b'LC_ALL')}")
        check(envs.get(b"NO_COLOR") == b"1", "NO_COLOR is accepted")
        check(envs.get(b"TERM") == b"xterm-256color", f"TERM={envs.get(b'TERM')}")
        for name in (b"LC_CTYPE", b"PAGER", b"TERMINFO", b"LD_PRELOAD", b"BASH_ENV", b"ENV"):
            check(name not in envs, f"{name.decode()} reached the session")
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().split(b"\0")[:-1]
        check(cmd == [rig.bin.encode(), b"--kiosk", rig.resume.encode()], f"argv {cmd}")
        with open(f"/proc/{pid}/limits") as f:
            limits = f.read()

        def limit(name):
            m = re.search(rf"^{name}\s+(\S+)\s+(\S+)", limits, re.M)
            return m.groups() if m else None

        check(limit("Max core file size") == ("0", "0"), "no core files")
        check(limit("Max file size") == ("0", "0"), "no file size")
        check(limit("Max cpu time")[0] == "300", f"cpu {limit('Max cpu time')}")
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        # Sanitizer builds keep NPROC, the address space and the filter:
        # their runtimes clone a leak checker and map terabytes.
        if not rig.opts.sanitized:
            check(limit("Max processes") == ("0", "0"), "no processes")
            space = limit("Max address space")
            check(space[0].isdigit() and int(space[0]) <= 512 << 20,
                  f"address space {space}")
            check(re.search(r"^Seccomp:\s+2$", status, re.M), "the seccomp filter is on")
            check(re.search(r"^NoNewPrivs:\s+1$", status, re.M), "no_new_privs is set")
        c.send(b"q")
        check(c.finish(10) == 0, "q ends it with 0")
        check(b"Last login" not in c.out, "no last-login banner")
    finally:
        c.close()


def case_hangup(rig):
    """Killing the client mid-session: nothing of the visitor's is left
    after a second."""
    rig.start()
    for round in range(3):
        c = PtyClient(rig.ssh_argv(opts=("-tt",)))
        try:
            if not check(c.wait_output(b"? help", 20), "the viewer"):
                return
            check(len(rig.vitae_pids()) == 1, "one vitae")
            c.pump(0.2)
            t0 = time.monotonic()
            c.proc.kill()
            gone = wait_until(lambda: not pids_of_uid(rig.account.uid), 5, step=0.005)
            took = time.monotonic() - t0
            check(gone, "processes of the visitor remain 5 s after the client died: "
                  f"{pids_of_uid(rig.account.uid)}")
            check(took <= 1.0, f"the session outlived its client by {took:.2f} s")
            note(f"client killed: the visitor's processes were gone after {took * 1000:.0f} ms")
        finally:
            c.close()


def held_connections(src, port, count):
    """count TCP connections to sshd from src that never log in."""
    socks = []
    for _ in range(count):
        s = socket.socket()
        s.bind((src, 0))
        s.connect(("127.0.0.1", port))
        socks.append(s)
    return socks


def case_sessions(rig):
    """200 visitors at once, from 50 addresses: each gets the viewer; all
    end with q, status 0; the memory each costs while all are open. The
    caps: the 201st visitor gets no session (the limits); a ninth visitor
    from one address is refused (the PAM stack's per-source helper); and an
    address with 4 connections that have not logged in gets no fifth
    (PerSourceMaxStartups). Each time the next address is let in."""
    with open(rig.limits) as f:
        count = int(re.search(r"\snproc\s+(\d+)", f.read()).group(1)) // 2
    capped = not rig.opts.sanitized
    if not capped:
        # Sanitized builds: 50 visitors, and room for their runtimes' own
        # threads (the leak checker clones one at exit), so no cap test.
        count = 50
        with open(rig.limits, "w") as f:
            f.write(f"{rig.user} - nproc {count * 4}\n")
    rig.start()
    per_source = int(effective(rig, rig.user)["persourcemaxstartups"])
    sources = [f"127.0.0.{2 + i // per_source}" for i in range(count)]
    clients = []
    t0 = time.monotonic()
    try:
        # In waves of 8, under MaxStartups' 10 at which random drops of
        # connections still logging in begin, as visitors arriving over a
        # few seconds would be.
        wave = 8
        for i in range(0, count, wave):
            batch = [PtyClient(rig.ssh_argv(opts=("-tt", "-b", src)))
                     for src in sources[i:i + wave]]
            for c in batch:
                c.wait_output(b"? help", 60)
            clients += batch
        ok = [c for c in clients if b"? help" in c.out and NAME.encode() in c.out]
        check(len(ok) == count, f"{len(ok)} of {count} sessions show the résumé")
        opened = time.monotonic() - t0
        pids = rig.vitae_pids()
        check(len(pids) == count, f"{len(pids)} vitae processes for {count} sessions")
        vm = [mem_kb(p) for p in pids]
        # The server's side of each session: sshd's privileged monitor (root,
        # a child of the listener) and its session process (the account).
        monitors = children_of(rig.sshd.pid)
        users = [p for p, (comm, _) in pids_of_uid(rig.account.uid).items()
                 if comm == rig.comm]
        sm = [mem_kb(p) for p in monitors + users]
        n = max(len(pids), 1)
        rss = sum(r for r, _ in vm) / n
        pss = sum(p for _, p in vm) / n
        spss = sum(p for _, p in sm) / n
        note(f"{count} sessions open in {opened:.1f} s")
        note(f"vitae per session: RSS {rss:.0f} kB, PSS {pss:.0f} kB "
             f"(all {len(pids)}: PSS {sum(p for _, p in vm) / 1024:.1f} MB)")
        note(f"sshd per session ({len(monitors)} monitors, {len(users)} session "
             f"processes): PSS {spss:.0f} kB; a session in all: PSS {pss + spss:.0f} kB")
        # Generous: vitae's own share is a few MB (sanitizers add tens).
        if not rig.opts.sanitized:
            check(pss < 16 * 1024, f"vitae PSS per session {pss:.0f} kB")

        # One visitor more than the limits allow: no viewer, no process.
        if capped:
            extra = PtyClient(rig.ssh_argv(opts=("-tt", "-b", "127.0.0.200")))
            try:
                status = extra.finish(30)
            finally:
                extra.close()
            check(status == 255 and b"? help" not in extra.out,
                  f"visitor {count + 1}: status {status} {extra.out[-200:]!r}")
            check(b"shell request failed" in extra.out, f"visitor {count + 1}: {extra.out!r}")
            check("fork: Resource temporarily unavailable" in rig.sshd_log(),
                  "sshd logs no refused session")
            check(len(rig.vitae_pids()) == count, "a vitae over the cap")

        for c in clients:
            c.send(b"q")
        statuses = [c.finish(20) for c in clients]
        check(statuses.count(0) == count, f"exit statuses {sorted(set(map(str, statuses)))}")
        check(wait_until(lambda: not rig.vitae_pids(), 10), "vitae processes left")
    finally:
        for c in clients:
            c.close()

    # Per source, logged in: 8 visitors from one address get the viewer,
    # a ninth from it is refused, one from the next address is not.
    src = "127.0.0.11"
    with open(rig.pam) as f:
        per_address = int(re.search(r"per-source \d+ (\d+)", f.read()).group(1))
    clients = []
    try:
        for i in range(0, per_address, per_source):
            batch = [PtyClient(rig.ssh_argv(opts=("-tt", "-b", src)))
                     for _ in range(min(per_source, per_address - i))]
            for c in batch:
                c.wait_output(b"? help", 60)
            clients += batch
        ok = [c for c in clients if b"? help" in c.out]
        check(len(ok) == per_address, f"{len(ok)} of {per_address} from one address")
        r = rig.ssh("text", opts=("-b", src))
        check(r.returncode == 255 and b"Permission denied" in r.stderr,
              f"visitor {per_address + 1} from one address: {r.returncode} {r.stderr!r}")
        r = rig.ssh("text", opts=("-b", "127.0.0.12"))
        check(r.returncode == 0 and NAME.encode() in r.stdout,
              f"the next address: {r.returncode} {r.stderr!r}")
        for c in clients:
            c.send(b"q")
        check([c.finish(20) for c in clients].count(0) == per_address, "q ends them")
    finally:
        for c in clients:
            c.close()

    # Per source: 4 connections that never log in take the address's
    # share; a fifth ssh from it is dropped before the banner, one from
    # the next address logs in.
    held = held_connections("127.0.0.9", rig.port, per_source)
    try:
        for s in held:
            s.settimeout(10)
            check(s.recv(8).startswith(b"SSH-2.0"), "a held connection gets the banner")
        r = rig.ssh("text", opts=("-b", "127.0.0.9"))
        check(r.returncode == 255 and NAME.encode() not in r.stdout,
              f"over the per-source cap: {r.returncode} {r.stderr!r}")
        check(re.search(r"drop connection #\d+ from \[127\.0\.0\.9\]", rig.sshd_log()),
              "sshd logs no per-source drop")
        r = rig.ssh("text", opts=("-b", "127.0.0.10"))
        check(r.returncode == 0 and NAME.encode() in r.stdout,
              f"the next address: {r.returncode} {r.stderr!r}")
    finally:
        for s in held:
            s.close()


def case_keepalive(rig):
    """A client that stops answering (as behind a dropped network) is cut
    off after about a minute, as the configuration and the README say: the
    viewer ends with the connection."""
    rig.start()
    c = PtyClient(rig.ssh_argv(opts=("-tt",)))
    try:
        if not check(c.wait_output(b"? help", 20), "the viewer"):
            return
        c.pump(0.5)
        t0 = time.monotonic()
        os.kill(c.proc.pid, signal.SIGSTOP)
        gone = wait_until(lambda: not rig.vitae_pids(), 120, step=0.1)
        took = time.monotonic() - t0
        check(gone, "the viewer outlived a silent client by 120 s")
        note(f"a client that stopped answering was cut off after {took:.1f} s")
        check(50 <= took <= 70, f"cut off after {took:.1f} s, not about a minute")
        check("Timeout, client not responding" in rig.sshd_log(), "sshd logs no timeout")
    finally:
        try:
            os.kill(c.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        c.close()


def admin_sshd(rig, extra):
    """The administrator's sshd beside the visitors': /usr/sbin/sshd by its
    own name (so PAM service sshd), with Debian's configuration."""
    port = free_port()
    conf = os.path.join(rig.dir, "admin_sshd_config")
    with open(conf, "w") as f:
        f.write(R.DEBIAN_GLOBAL + extra +
                f"HostKey {rig.hostkey}\nListenAddress 127.0.0.1\nPort {port}\nPidFile none\n")
    log = open(os.path.join(rig.dir, "admin_sshd.log"), "w")
    p = subprocess.Popen([SSHD, "-D", "-e", "-f", conf], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log)
    log.close()
    check(wait_until(lambda: listening(port), 15), "the admin's sshd listens")
    return p, port


def case_admin(rig):
    """The visitors' sshd lets no one else in, not even with a key. The
    administrator's sshd (PAM service sshd), even configured as loosely as
    an administrator might (passwords, empty ones, keyboard-interactive),
    lets the administrator in with a key and the visitors' account not at
    all; an account with an empty password (the old recipe) it lets in."""
    rig.start()
    admin_home = os.path.join(rig.dir, "admin")
    os.mkdir(admin_home, 0o755)
    admin = rig.add_account(f"vitae-e2e-admin-{os.getpid()}", admin_home)
    key = os.path.join(rig.dir, "admin_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key],
                   check=True)
    os.makedirs(os.path.join(admin_home, ".ssh"), 0o700)
    shutil.copy(key + ".pub", os.path.join(admin_home, ".ssh", "authorized_keys"))
    for root, dirs, files in os.walk(admin_home):
        for name in [root] + [os.path.join(root, f) for f in files]:
            os.chown(name, admin.uid, admin.gid)
    other_home = os.path.join(rig.dir, "other")
    os.mkdir(other_home, 0o755)
    other = rig.add_account(f"vitae-e2e-other-{os.getpid()}", other_home,
                            empty_password=True)

    # The visitors' sshd: only the visitors' account, only through PAM.
    for user, opts in ((admin.name, ("-i", key)), (admin.name, ()), ("root", ()),
                       (other.name, ())):
        r = rig.ssh("id", user=user, opts=opts)
        check(r.returncode == 255 and b"Permission denied" in r.stderr,
              f"visitors' sshd, {user} {opts}: {r.returncode} {r.stderr!r}")
        check(b"uid=" not in r.stdout, f"visitors' sshd let {user} run a command")
    check(f"User {admin.name} from 127.0.0.1 not allowed because not listed in AllowUsers"
          in rig.sshd_log(), "AllowUsers refuses the others")
    # The visitors' account with a key gets the résumé, no shell.
    r = rig.ssh("id", opts=("-i", key))
    check(b"uid=" not in r.stdout and NAME.encode() in r.stdout, "visitor with a key")

    proc, port = admin_sshd(rig, "PasswordAuthentication yes\nPermitEmptyPasswords yes\n"
                                 "KbdInteractiveAuthentication yes\n")
    try:
        def admin_ssh(*args, user, opts=()):
            return run([SSH, *rig.client_opts(), "-p", str(port), *opts,
                        f"{user}@127.0.0.1", *args], stdin=subprocess.DEVNULL)
        r = admin_ssh("id", "-un", user=admin.name, opts=("-o", "BatchMode=yes", "-i", key))
        check(r.returncode == 0 and r.stdout.strip() == admin.name.encode(),
              f"admin key login runs commands: {r.returncode} {r.stdout!r} {r.stderr!r}")
        # The admin may still forward, unlike visitors.
        r = run([SSH, *rig.client_opts(), "-o", "BatchMode=yes", "-i", key, "-p", str(port),
                 "-W", f"127.0.0.1:{rig.port}", f"{admin.name}@127.0.0.1"], input=b"",
                stdin=None)
        check(r.stdout.startswith(b"SSH-2.0-"), f"admin -W works: {r.stdout[:40]!r}")
        # The visitors' account: locked, so no password, empty or not.
        r = admin_ssh("id", user=rig.user)
        check(r.returncode == 255 and b"uid=" not in r.stdout and NAME.encode() not in r.stdout,
              f"the admin's sshd let the visitors' account in: {r.returncode} {r.stderr!r}")
        # The door the locked password closes: an empty one gets a shell.
        r = admin_ssh("id", "-un", user=other.name)
        check(r.returncode == 0 and r.stdout.strip() == other.name.encode(),
              f"the control: an empty password logs in: {r.returncode} {r.stderr!r}")
    finally:
        proc.terminate()
        proc.wait()


PAM_SERVICES = ("login", "su", "other", "sshd")


def pamtester(service, user, *ops, as_user=None, rhost=None):
    """True if pamtester SERVICE USER OPS... succeeds given an empty
    password, run by root or, as_user, the way a set-user-ID program such
    as su runs when an ordinary user starts it: that user's real uid, an
    effective uid of root."""
    argv = ["pamtester", *(("-I", f"rhost={rhost}") if rhost else ()), service, user,
            *(ops or ("authenticate",))]
    setuid = (lambda: os.setresuid(as_user.uid, 0, 0)) if as_user else None
    r = run(argv, input=b"\n\n\n", stdin=None, timeout=20, preexec_fn=setuid)
    return r.returncode == 0


def case_pam(rig):
    """pamtester asks every service for the visitors' account with an empty
    password: login, su, other and sshd refuse it, as root asks and as an
    ordinary user asks (root's su needs no password, for any account); the
    visitors' service alone lets it in, and no one else. An account with
    an empty password, as the old recipe made, is let in by them: the
    probe sees that door."""
    if not shutil.which("pamtester"):
        skip("pamtester is missing: apt-get install pamtester")
    nobody = f"vitae-e2e-nobody-{os.getpid()}"
    home = os.path.join(rig.dir, "nobody")
    os.mkdir(home, 0o755)
    caller = rig.add_account(nobody, home)
    other = rig.add_account(f"vitae-e2e-other-{os.getpid()}", home, empty_password=True)
    rows = []
    for service in (*PAM_SERVICES, rig.service):
        visitors = service == rig.service
        as_root = pamtester(service, rig.user)
        as_user = pamtester(service, rig.user, as_user=caller)
        control = pamtester(service, other.name, as_user=caller)
        rows.append((service, as_root, as_user, control))
        if visitors:
            check(as_root and as_user, f"{service}: the visitors' service refuses them")
            check(pamtester(service, rig.user, "authenticate", "acct_mgmt", "open_session",
                            "close_session", rhost="192.0.2.7"), f"{service}: account and session")
            # The per-source helper refuses what is not an address.
            for rhost in (None, "visitor.example", "deadbeef.cafe", "192.0.2.7;id"):
                check(not pamtester(service, rig.user, "acct_mgmt", rhost=rhost),
                      f"{service}: account for rhost {rhost!r}")
            for who in ("root", other.name, caller.name, "no-such-user"):
                check(not pamtester(service, who), f"{service}: lets {who} in")
        else:
            check(not as_user, f"{service}: lets the visitors' account in (asked by a user)")
            check(not as_root or service == "su",
                  f"{service}: lets the visitors' account in (asked by root)")
            check(control, f"{service}: refuses an empty password: the probe sees nothing")
    # And su itself, as an ordinary user at a terminal: the password it
    # asks for does not exist; an empty one gives a shell.
    for who, opens in ((rig.user, False), (other.name, True)):
        c = PtyClient(["setpriv", f"--reuid={caller.uid}", f"--regid={caller.gid}",
                       "--clear-groups", "su", who, "-c", "id -un"])
        try:
            # (An empty password is not even asked for.)
            if not opens:
                check(c.wait_output(b"Password:", 10), f"su {who}: no password asked")
                c.send(b"\n")
            status = c.finish(15)
        finally:
            c.close()
        shell = who.encode() + b"\r\n" in c.out
        check(shell == opens and (status == 0) == opens,
              f"su {who} by {caller.name}: status {status} {c.out!r}")
        if not opens:
            check(b"Authentication failure" in c.out, f"su {who}: {c.out!r}")
    note("pamtester SERVICE ACCOUNT authenticate, empty password:")
    note(f"  {'service':<26} {'visitor (root asks)':<20} {'visitor (user asks)':<20} "
         f"empty password (user asks)")
    word = {True: "accepted", False: "refused"}
    for service, a, b, c in rows:
        note(f"  {service:<26} {word[a]:<20} {word[b]:<20} {word[c]}")


def case_login_shell(rig):
    """vitae as the account's login shell instead of ForceCommand: sshd
    starts it as -vitae or `vitae -c '...'`; the bundled résumé is shown
    and nothing the client types is run. Whose résumé that is depends on
    -Dresume: what is shown is compared with --bundled, the file compiled
    in, given by name to the local vitae."""
    rig.start()
    bundled = run([rig.opts.vitae, "--dump"]).stdout
    check(bundled and bundled == run([rig.opts.vitae, "--dump", rig.opts.bundled]).stdout,
          "the bundled résumé")
    markdown = run([rig.opts.vitae, "--format", "markdown", rig.opts.bundled]).stdout
    r = rig.ssh()
    check(r.returncode == 0 and r.stdout == bundled, f"ssh: the text {r.stderr!r}")
    r = rig.ssh("markdown")
    check(r.returncode == 0 and r.stdout == markdown, "ssh markdown")
    for args in (("id",), ("--", "-c", "sh"), ("cat", rig.resume), (rig.resume,)):
        r = rig.ssh(*args, input=b"id\n")
        check(r.stdout == bundled and b"uid=" not in r.stdout, f"ssh {args}: the text")
        check(b"unknown request" in r.stderr, f"ssh {args}: {r.stderr!r}")
    r = run(["sftp", *rig.client_opts(), "-P", str(rig.port), "-b", "-",
             f"{rig.user}@127.0.0.1"], input=b"ls /\n", stdin=None)
    check(r.returncode != 0 and b"etc" not in r.stdout, "sftp: refused")
    if rig.opts.tty:
        argv = rig.ssh_argv(batch=False, opts=("-tt",))
        # Its name heads the text, its first section is the second pane.
        name = bundled.decode().split("\n", 1)[0]
        pane2 = next(line[3:] for line in markdown.decode().split("\n")
                     if line.startswith("## "))
        r = run([rig.opts.tty, name, pane2, "--", *argv], timeout=110)
        sys.stderr.write(r.stderr.decode())
        check(r.returncode == 0, "the viewer with vitae as the login shell")


CASES = {
    "config": case_config,
    "text": case_text,
    "escape": case_escape,
    "forward": case_forward,
    "tty": case_tty,
    "env": case_env,
    "hangup": case_hangup,
    "sessions": case_sessions,
    "keepalive": case_keepalive,
    "admin": case_admin,
    "pam": case_pam,
    "login-shell": case_login_shell,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=sorted(CASES))
    ap.add_argument("--vitae", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--bundled", required=True, help="the résumé -Dresume compiled in")
    ap.add_argument("--tty")
    ap.add_argument("--sanitized", action="store_true")
    opts = ap.parse_args()
    opts.vitae = os.path.abspath(opts.vitae)

    for prog in (SSHD, SSH, "/usr/bin/sftp", "/usr/bin/scp", "/usr/bin/ssh-keygen"):
        if not os.access(prog, os.X_OK):
            skip(f"{prog} is missing: apt-get install openssh-server openssh-client")
    if os.geteuid() != 0:
        skip("needs root: it creates a throwaway account, as the README does for "
             "`resume`, a PAM service, and runs sshd on a free port")
    for prog in ("useradd", "userdel", "passwd", "setpriv"):
        if not shutil.which(prog, path="/usr/sbin:/usr/bin:/sbin:/bin"):
            skip(f"{prog} is missing (Debian's passwd package)")
    os.environ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin"

    # meson's timeout sends SIGTERM: clean up the account and sshd anyway.
    def on_term(sig, frame):
        raise SystemExit(f"killed by signal {sig}")
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    remove_stale_accounts()
    t0 = time.monotonic()
    rig = Rig(opts)
    ok = False
    try:
        rig.setup(login_shell=opts.case == "login-shell")
        CASES[opts.case](rig)
        ok = not R.failures
    finally:
        if not ok:
            print(f"--- sshd log ---\n{rig.sshd_log()[-4000:]}", file=sys.stderr)
        rig.close()
    print(f"{opts.case}: {R.checks} checks, {R.failures} failed, "
          f"{time.monotonic() - t0:.1f} s")
    sys.exit(1 if R.failures else 0)


if __name__ == "__main__":
    main()
