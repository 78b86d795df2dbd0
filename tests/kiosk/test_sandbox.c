/*
 * kiosk_sandbox() in a process of its own, then every way there is to start
 * a program or open a file, and what the allowlist exists to refuse
 * besides (sockets, new files and names, namespaces, signals to others,
 * executable memory, terminal requests the viewer does not make): each
 * must fail, and the process must still be able to do what the viewer
 * needs (write, read, map memory, its own signals).
 *
 * Each probe runs in a child forked before the filter goes on, so one
 * probe cannot spoil the next and the test itself stays unconfined. A
 * child's exit code says what happened (see enum outcome).
 *
 * Skips (77) where kiosk_filter() says there is no filter:
 * sanitizer builds (whose runtime must open files and start a symbolizer)
 * and architectures other than x86-64 and arm64.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk.h"
#include "../t.h"

extern char **environ;

enum outcome {
	DENIED = 10,            /* failed with the expected errno */
	WRONG_ERRNO = 11,       /* failed, but not as the filter fails */
	ALLOWED = 12,           /* worked */
	NO_SANDBOX = 13,        /* kiosk_sandbox() itself failed */
	SKIPPED = 14,           /* the kernel lacks the call anyway */
};

/* A file that exists everywhere, and one for creat() to try. */
static const char *const victim = "/etc/passwd";
static char created[256];

static int denied(long r, int want)
{
	if (r >= 0)
		return ALLOWED;
	return errno == want ? DENIED : WRONG_ERRNO;
}

/* --- the probes: each returns an outcome --------------------------------- */

static int p_open_libc(void)
{
	return denied(open(victim, O_RDONLY), EPERM);
}

static int p_fopen(void)
{
	FILE *f = fopen(victim, "r");
	return f ? ALLOWED : errno == EPERM ? DENIED : WRONG_ERRNO;
}

static int p_open_raw(void)
{
#ifdef SYS_open
	return denied(syscall(SYS_open, victim, O_RDONLY), EPERM);
#else
	return SKIPPED;
#endif
}

static int p_openat_raw(void)
{
	return denied(syscall(SYS_openat, AT_FDCWD, victim, O_RDONLY), EPERM);
}

static int p_openat2(void)
{
	struct open_how how = { .flags = O_RDONLY };
	long r = syscall(SYS_openat2, AT_FDCWD, victim, &how, sizeof how);
	if (r < 0 && errno == ENOSYS)
		return SKIPPED;
	return denied(r, EPERM);
}

static int p_creat(void)
{
#ifdef SYS_creat
	return denied(syscall(SYS_creat, created, 0600), EPERM);
#else
	return denied(open(created, O_WRONLY | O_CREAT, 0600), EPERM);
#endif
}

static int p_open_create(void)
{
	return denied(open(created, O_WRONLY | O_CREAT | O_EXCL, 0600), EPERM);
}

/* Made before the filter goes on (see main); NULL if the kernel or the
 * file system has no handles. */
static struct file_handle *handle;
static int handle_mount = -1;

static int p_open_by_handle(void)
{
	if (!handle)
		return SKIPPED;
	return denied(syscall(SYS_open_by_handle_at, handle_mount, handle, O_RDONLY), EPERM);
}

static int p_execve(void)
{
	char *const argv[] = { "true", NULL };
	execve("/bin/true", argv, environ);
	return errno == EPERM ? DENIED : WRONG_ERRNO;
}

static int p_execveat(void)
{
	char *const argv[] = { "true", NULL };
	long r = syscall(SYS_execveat, AT_FDCWD, "/bin/true", argv, environ, 0);
	return denied(r, EPERM);
}

/* fexecve: a descriptor opened before the filter. */
static int exe_fd = -1;
static int p_fexecve(void)
{
	char *const argv[] = { "true", NULL };
	fexecve(exe_fd, argv, environ);
	return errno == EPERM ? DENIED : WRONG_ERRNO;
}

static int p_fork(void)
{
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	if (p > 0) {
		waitpid(p, NULL, 0);
		return ALLOWED;
	}
	return errno == EPERM ? DENIED : WRONG_ERRNO;
}

static int p_fork_raw(void)
{
#ifdef SYS_fork
	long p = syscall(SYS_fork);
	if (p == 0)
		_exit(0);
	if (p > 0)
		waitpid((pid_t)p, NULL, 0);
	return denied(p, EPERM);
#else
	return SKIPPED;
#endif
}

static int p_vfork_raw(void)
{
#ifdef SYS_vfork
	/* The child of a raw vfork shares our stack: it may only _exit. */
	long p = syscall(SYS_vfork);
	if (p == 0)
		syscall(SYS_exit, 0);
	if (p > 0)
		waitpid((pid_t)p, NULL, 0);
	return denied(p, EPERM);
#else
	return SKIPPED;
#endif
}

static int p_clone_process(void)
{
	/* A new process, not a thread: clone(SIGCHLD) is fork. The flags
	 * come first on both architectures. */
	long p = syscall(SYS_clone, (unsigned long)SIGCHLD, 0UL, 0UL, 0UL, 0UL);
	if (p == 0)
		syscall(SYS_exit, 0);
	if (p > 0)
		waitpid((pid_t)p, NULL, 0);
	return denied(p, EPERM);
}

static int p_clone3(void)
{
	/* clone3's flags are in memory the filter cannot read: it must fail
	 * whatever they are (ENOSYS, so that libraries fall back to clone). */
	struct clone_args ca = { .exit_signal = SIGCHLD };
	long p = syscall(SYS_clone3, &ca, sizeof ca);
	if (p == 0)
		syscall(SYS_exit, 0);
	if (p > 0) {
		waitpid((pid_t)p, NULL, 0);
		return ALLOWED;
	}
	return errno == ENOSYS || errno == EPERM ? DENIED : WRONG_ERRNO;
}

static int p_posix_spawn(void)
{
	char *const argv[] = { "true", NULL };
	pid_t p;
	int r = posix_spawn(&p, "/bin/true", NULL, NULL, argv, environ);
	if (r == 0) {
		waitpid(p, NULL, 0);
		return ALLOWED;
	}
	return DENIED;
}

static int p_system(void)
{
	int r = system("exit 0");
	return r == 0 ? ALLOWED : DENIED;
}

static int p_popen(void)
{
	FILE *f = popen("exit 0", "r");
	if (f) {
		int r = pclose(f);
		return r == 0 ? ALLOWED : DENIED;
	}
	return DENIED;
}

#if defined(__x86_64__)
/* The x32 ABI's numbers (bit 30 set) reach other entry points. */
static int p_x32_openat(void)
{
	return denied(syscall(0x40000000L | SYS_openat, AT_FDCWD, victim, O_RDONLY), EPERM);
}

/* i386's open through int 0x80: the filter checks the architecture, and
 * kills. The path must sit below 4 GiB for a 32-bit call. */
static int p_i386_open(void)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED)
		return SKIPPED;
	strcpy(low, victim);
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(5L), "b"(low), "c"(0L) : "memory");
	if (r >= 0)
		return ALLOWED;
	return WRONG_ERRNO;
}
#endif

/*
 * io_uring performs openat (and more) in the kernel, outside the
 * seccomp filter's sight: a ring that can be set up opens files.
 */
static int p_io_uring(void)
{
	struct io_uring_params p = { 0 };
	int fd = (int)syscall(SYS_io_uring_setup, 4, &p);
	if (fd < 0)
		return errno == EPERM || errno == ENOSYS ? DENIED : WRONG_ERRNO;
	/* It was set up: show that it opens the file, to make the point. */
	size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP)
		sq_len = cq_len = sq_len > cq_len ? sq_len : cq_len;
	char *sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
	                fd, IORING_OFF_SQ_RING);
	char *cq = (p.features & IORING_FEAT_SINGLE_MMAP) ? sq :
	           mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
	                fd, IORING_OFF_CQ_RING);
	struct io_uring_sqe *sqes = mmap(NULL, p.sq_entries * sizeof *sqes,
	                                 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
	                                 fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		return ALLOWED;
	memset(&sqes[0], 0, sizeof sqes[0]);
	sqes[0].opcode = IORING_OP_OPENAT;
	sqes[0].fd = AT_FDCWD;
	sqes[0].addr = (uint64_t)(uintptr_t)victim;
	sqes[0].open_flags = O_RDONLY;
	unsigned *tail = (unsigned *)(sq + p.sq_off.tail);
	unsigned *mask = (unsigned *)(sq + p.sq_off.ring_mask);
	unsigned *array = (unsigned *)(sq + p.sq_off.array);
	array[*tail & *mask] = 0;
	__atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
	syscall(SYS_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0);
	unsigned head = __atomic_load_n((unsigned *)(cq + p.cq_off.head), __ATOMIC_ACQUIRE);
	unsigned cmask = *(unsigned *)(cq + p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	int res = cqes[head & cmask].res;
	fprintf(stderr, "io_uring under the sandbox: openat(\"%s\") gave %d%s\n", victim, res,
	        res >= 0 ? " (a file opened)" : "");
	return ALLOWED;
}

/*
 * Every visitor's vitae runs as the same user. One taken over must not
 * reach into another, say one still starting up and not yet confined, to
 * start a program from there. The parent (this test) stands in for it.
 */
static int p_ptrace(void)
{
	pid_t target = getppid();
	long r = ptrace(PTRACE_ATTACH, target, NULL, NULL);
	if (r == 0) {
		waitpid(target, NULL, __WALL);
		ptrace(PTRACE_DETACH, target, NULL, NULL);
	}
	return denied(r, EPERM);
}

static int p_process_vm(void)
{
	static char here[16], there[16];
	struct iovec local = { .iov_base = here, .iov_len = sizeof here };
	struct iovec remote = { .iov_base = there, .iov_len = sizeof there };
	return denied(process_vm_readv(getppid(), &local, 1, &remote, 1, 0), EPERM);
}

/* --- what the allowlist refuses besides --------------------------------- */

static void *thread_main_refused(void *arg)
{
	return arg;
}

/* Made before the filter goes on: a loopback listener, a socket to
 * connect to it with, and a file to truncate and rename. */
static int listener = -1, client = -1;
static struct sockaddr_in listen_addr;
static char existing[256], renamed[256], made[256];

static int p_socket(void)
{
	return denied(socket(AF_INET, SOCK_STREAM, 0), EPERM);
}

static int p_socket_unix(void)
{
	return denied(socket(AF_UNIX, SOCK_STREAM, 0), EPERM);
}

static int p_connect(void)
{
	if (client < 0)
		return SKIPPED;
	return denied(connect(client, (struct sockaddr *)&listen_addr, sizeof listen_addr), EPERM);
}

static int p_mkdir(void)
{
	return denied(mkdir(made, 0700), EPERM);
}

static int p_symlink(void)
{
	return denied(symlink("/etc/passwd", made), EPERM);
}

static int p_mknod(void)
{
	return denied(mknod(made, S_IFIFO | 0600, 0), EPERM);
}

static int p_truncate(void)
{
	return denied(truncate(existing, 0), EPERM);
}

static int p_rename(void)
{
	return denied(rename(existing, renamed), EPERM);
}

static int p_unshare(void)
{
	return denied(unshare(CLONE_NEWUSER | CLONE_NEWNS), EPERM);
}

static int p_kill_all(void)
{
	/* Signal 0: nothing is sent, only the permission is checked. */
	return denied(kill(-1, 0), EPERM);
}

static int p_kill_parent(void)
{
	return denied(kill(getppid(), 0), EPERM);
}

static int p_mmap_exec(void)
{
	void *m = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return m == MAP_FAILED ? (errno == EPERM ? DENIED : WRONG_ERRNO) : ALLOWED;
}

static int p_mprotect_exec(void)
{
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return WRONG_ERRNO;
	return denied(mprotect(m, 4096, PROT_READ | PROT_EXEC), EPERM);
}

static int p_tiocsti(void)
{
	/* Typing into a terminal: on no descriptor, EBADF if let through. */
	char c = 'x';
	return denied(ioctl(-1, TIOCSTI, &c), EPERM);
}

static int p_thread(void)
{
	/* The viewer starts no thread: clone is refused whatever its flags. */
	pthread_t t;
	int r = pthread_create(&t, NULL, thread_main_refused, NULL);
	if (r == 0) {
		pthread_join(t, NULL);
		return ALLOWED;
	}
	return DENIED;
}

/* --- what must keep working ---------------------------------------------- */

static int pipe_fds[2] = { -1, -1 };

static int p_still_works(void)
{
	if (write(pipe_fds[1], "ok", 2) != 2)
		return WRONG_ERRNO;
	char buf[2];
	if (read(pipe_fds[0], buf, 2) != 2 || memcmp(buf, "ok", 2) != 0)
		return WRONG_ERRNO;
	void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return WRONG_ERRNO;
	memset(m, 1, 1 << 20);
	munmap(m, 1 << 20);
	char *big = malloc(64 << 20);
	if (!big)
		return WRONG_ERRNO;
	memset(big, 2, 64 << 20);
	free(big);
	/* Its own signals (abort() on running out of memory), the time,
	 * the terminal's size (here on no terminal: EBADF, not EPERM). */
	if (kill(getpid(), 0) != 0)
		return WRONG_ERRNO;
	struct winsize ws;
	if (ioctl(-1, TIOCGWINSZ, &ws) == 0 || errno != EBADF)
		return WRONG_ERRNO;
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return WRONG_ERRNO;
	/* Irreversible: no_new_privs is set and the filter is on. */
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return WRONG_ERRNO;
	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
		return WRONG_ERRNO;
	return ALLOWED;
}

/* --- running them -------------------------------------------------------- */

static int probe(const char *name, int (*fn)(void), int *sig)
{
	fflush(NULL);
	pid_t p = fork();
	if (p < 0) {
		perror("fork");
		exit(2);
	}
	if (p == 0) {
		const char *what;
		if (kiosk_sandbox(&what) != 0)
			_exit(NO_SANDBOX);
		_exit(fn());
	}
	int st;
	waitpid(p, &st, 0);
	*sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	int r = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	printf("%-16s %s\n", name,
	       *sig ? strsignal(*sig) : r == DENIED ? "denied" : r == ALLOWED ? "ALLOWED" :
	       r == WRONG_ERRNO ? "failed, wrong errno" : r == SKIPPED ? "not in this kernel" :
	       r == NO_SANDBOX ? "kiosk_sandbox() failed" : "?");
	return r;
}

#define DENY(name, fn) do { \
	int sig_, r_ = probe(name, fn, &sig_); \
	t_checks++; \
	if (r_ != DENIED && r_ != SKIPPED) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: %s was not denied\n", __FILE__, __LINE__, name); \
	} \
} while (0)

int main(void)
{
	/* valgrind runs the program on its own syscall layer, which does
	 * not honour seccomp filters: nothing to probe there. */
	if (getenv("VITAE_VALGRIND")) {
		printf("SKIP: under valgrind, which cannot run seccomp filters\n");
		return 77;
	}
	if (kiosk_filter() != KIOSK_FILTER_ON) {
		printf("SKIP: no sandbox in this build (sanitizers, or not x86-64/arm64)\n");
		return 77;
	}
	snprintf(created, sizeof created, "/tmp/vitae-sandbox-%ld", (long)getpid());
	unlink(created);
	exe_fd = open("/bin/true", O_RDONLY | O_CLOEXEC);
	snprintf(existing, sizeof existing, "/tmp/vitae-sandbox-%ld.file", (long)getpid());
	snprintf(renamed, sizeof renamed, "/tmp/vitae-sandbox-%ld.renamed", (long)getpid());
	snprintf(made, sizeof made, "/tmp/vitae-sandbox-%ld.made", (long)getpid());
	FILE *ef = fopen(existing, "w");
	if (ef) {
		fputs("keep", ef);
		fclose(ef);
	}
	/* A loopback service the probe must not reach. */
	listener = socket(AF_INET, SOCK_STREAM, 0);
	listen_addr = (struct sockaddr_in){ .sin_family = AF_INET,
	                                     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof listen_addr;
	if (listener < 0 || bind(listener, (struct sockaddr *)&listen_addr, sizeof listen_addr) ||
	    listen(listener, 1) || getsockname(listener, (struct sockaddr *)&listen_addr, &alen))
		listener = -1;
	else
		client = socket(AF_INET, SOCK_STREAM, 0);
	if (pipe(pipe_fds) != 0)
		return 2;
	/* A handle for open_by_handle_at (which needs CAP_DAC_READ_SEARCH,
	 * so as root: the filter must stop it before the capability check). */
	handle = malloc(sizeof *handle + MAX_HANDLE_SZ);
	handle->handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, victim, handle, &handle_mount, 0) != 0 ||
	    (handle_mount = open("/", O_RDONLY | O_DIRECTORY)) < 0) {
		free(handle);
		handle = NULL;
	}

	DENY("open", p_open_libc);
	DENY("fopen", p_fopen);
	DENY("SYS_open", p_open_raw);
	DENY("SYS_openat", p_openat_raw);
	DENY("openat2", p_openat2);
	DENY("creat", p_creat);
	DENY("open O_CREAT", p_open_create);
	DENY("open_by_handle", p_open_by_handle);
	DENY("execve", p_execve);
	DENY("execveat", p_execveat);
	DENY("fexecve", p_fexecve);
	DENY("fork", p_fork);
	DENY("SYS_fork", p_fork_raw);
	DENY("SYS_vfork", p_vfork_raw);
	DENY("clone(SIGCHLD)", p_clone_process);
	DENY("clone3", p_clone3);
	DENY("posix_spawn", p_posix_spawn);
	DENY("system", p_system);
	DENY("popen", p_popen);
	DENY("io_uring", p_io_uring);
	DENY("ptrace", p_ptrace);
	DENY("process_vm", p_process_vm);
	DENY("socket", p_socket);
	DENY("socket AF_UNIX", p_socket_unix);
	DENY("connect", p_connect);
	DENY("mkdir", p_mkdir);
	DENY("symlink", p_symlink);
	DENY("mknod", p_mknod);
	DENY("truncate", p_truncate);
	DENY("rename", p_rename);
	DENY("unshare", p_unshare);
	DENY("kill(-1)", p_kill_all);
	DENY("kill(parent)", p_kill_parent);
	DENY("mmap PROT_EXEC", p_mmap_exec);
	DENY("mprotect EXEC", p_mprotect_exec);
	DENY("TIOCSTI", p_tiocsti);
	DENY("thread", p_thread);
#if defined(__x86_64__)
	DENY("x32 openat", p_x32_openat);
	{
		/* Killed, or refused: anything but the file opened. */
		int sig, r = probe("i386 open", p_i386_open, &sig);
		CHECK(r != ALLOWED);
	}
#endif
	struct stat st;
	CHECK(stat(created, &st) != 0 && errno == ENOENT);
	unlink(created);
	/* Nothing was made, truncated or renamed. */
	CHECK(lstat(made, &st) != 0 && errno == ENOENT);
	CHECK(stat(existing, &st) == 0 && st.st_size == 4);
	CHECK(stat(renamed, &st) != 0 && errno == ENOENT);
	unlink(made);
	unlink(existing);
	unlink(renamed);

	int sig;
	CHECK_INT(probe("still works", p_still_works, &sig), ALLOWED);
	CHECK_INT(sig, 0);
	free(handle);
	T_DONE();
}
