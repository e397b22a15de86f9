/* mpboot daemon [--foreground] [--first WWID]: assemble every map like
 * --once (queueing kept), then check the paths until SIGTERM. Without
 * --foreground it runs in a child of its own session; the parent returns
 * once the child is ready (maps built and adopted, its fds open), with
 * the child's set-up exit code if it failed. With --first (the init
 * mode's root) it is ready once that LUN's maps are; the other LUNs are
 * assembled in the loop afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "daemon/daemon.h"
#include "log.h"

/* The parent: wait for the child's one byte (its set-up's exit code). */
static int wait_ready(int fd, pid_t child)
{
	unsigned char code;
	ssize_t n;

	do
		n = read(fd, &code, 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n == 1)
		return code;
	/* it died before saying anything */
	waitpid(child, NULL, WNOHANG);
	fprintf(stderr, "mpboot daemon: exited before it was ready\n");
	return 1;
}

/* Whether stderr is a file or a pipe: someone collects what the daemon
 * says there. A terminal or the console does not keep it. */
static int stderr_kept(void)
{
	struct stat st;

	return !fstat(2, &st) && (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode));
}

/* From now on the daemon holds nothing of its caller's terminal or
 * directory; it logs to the kernel's log unless its stderr is kept. */
static void detach(struct dmn *d)
{
	int null = openat(d->env.devfd, "null", O_RDWR | O_CLOEXEC);
	int keep = stderr_kept();

	if (fchdir(d->env.rootfd))
		log_warn("cannot change to the root directory: %s",
			 strerror(errno));
	if (null < 0)
		return;
	dup2(null, 0);
	dup2(null, 1);
	if (!keep && !log_use_kmsg(d->env.devfd))
		dup2(null, 2);
	close(null);
}

static void tell(int fd, int code)
{
	unsigned char c = (unsigned char)code;

	if (fd < 0)
		return;
	if (write(fd, &c, 1) != 1)
		log_warn("cannot tell the parent: %s", strerror(errno));
	close(fd);
}

int cmd_daemon(const struct mpb_opts *o, int argc, char **argv)
{
	int fg = 0, ready = -1, rc, i;
	const char *first = NULL;
	struct dmn d;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--foreground")) {
			fg = 1;
		} else if (!strcmp(argv[i], "--first") && i + 1 < argc) {
			first = argv[++i];
		} else {
			fprintf(stderr, "mpboot: daemon: unknown option '%s' or "
				"missing value\nusage: mpboot daemon "
				"[--foreground] [--first WWID]\n", argv[i]);
			return 2;
		}
	}
	if (!fg) {
		int p[2];
		pid_t pid;

		if (pipe2(p, O_CLOEXEC)) {
			log_err("pipe: %s", strerror(errno));
			return 1;
		}
		fflush(NULL);
		pid = fork();
		if (pid < 0) {
			log_err("fork: %s", strerror(errno));
			return 1;
		}
		if (pid > 0) {
			close(p[1]);
			return wait_ready(p[0], pid);
		}
		close(p[0]);
		ready = p[1];
		setsid();
	}
	rc = dmn_open(&d, o, first);
	if (rc) {
		tell(ready, rc);
		dmn_close(&d);
		return rc;
	}
	if (!first)
		log_info("ready: %u maps, %u paths", d.st.n_maps, d.st.n_paths);
	fflush(NULL);
	if (!fg)
		detach(&d);
	if (first) {	/* a step of the boot: in its log, by default */
		log_warn("ready with the LUN of %s: %u maps, %u paths; the "
			 "other LUNs follow", first, d.st.n_maps, d.st.n_paths);
		/* the init mode's raised priority was for the root's LUN
		 * (decision 99); the others share the CPU as usual */
		setpriority(PRIO_PROCESS, 0, 0);
	}
	tell(ready, 0);
	rc = dmn_run(&d);
	dmn_close(&d);
	return rc;
}
