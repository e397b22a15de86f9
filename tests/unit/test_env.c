/* What env.c finds out about the running system. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "cmd/env.h"
#include "log.h"
#include "util/fs.h"

/* Bind an abstract unix socket; returns the fd or -1. */
static int listen_on(const char *name)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	size_t len = strlen(name);

	memcpy(a.sun_path + 1, name, len);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a,
			   offsetof(struct sockaddr_un, sun_path) + 1 + len) ||
	    listen(fd, 1)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Lines of text holding word. */
static int count(const char *text, const char *word)
{
	int n = 0;

	for (; text && (text = strstr(text, word)); text++)
		n++;
	return n;
}

/* In a network namespace of its own, with enough sockets that the
 * kernel's /proc/net/unix spans many pages (a seq_file hands over one per
 * read, about 4 KiB): every socket is read, wherever its line falls, and
 * multipathd's is found once it listens, and mpboot daemon's. Exit status: 0 right, 1 wrong,
 * 2 cannot set up. */
static int child(void)
{
	int rootfd, fd, i, before, after, gone, mpboot, seen;
	char name[64], *text = NULL;

	if (unshare(CLONE_NEWNET))
		return 2;
	for (i = 0; i < 800; i++) {
		snprintf(name, sizeof(name), "mpboot-test/%04d", i);
		if (listen_on(name) < 0)
			return 2;
	}
	rootfd = fs_open_root("/");
	if (fs_slurp(rootfd, "proc/net/unix", &text, NULL))
		return 1;
	seen = count(text, " @mpboot-test/");
	free(text);
	before = env_multipathd_running(rootfd);
	fd = listen_on("/org/kernel/linux/storage/multipathd");
	if (fd < 0)
		return 2;
	after = env_multipathd_running(rootfd) && env_daemon_running(rootfd);
	/* mpboot daemon's socket is a daemon but not multipathd; the
	 * test's are neither */
	close(fd);
	gone = env_daemon_running(rootfd);
	if (listen_on("mpboot") < 0)
		return 2;
	mpboot = env_daemon_running(rootfd) && !env_multipathd_running(rootfd);
	if (seen != 800)
		printf("  %d of 800 sockets read\n", seen);
	fflush(stdout);
	return seen == 800 && before == 0 && after && gone == 0 && mpboot ?
	       0 : 1;
}

static void test_multipathd_socket_found(void)
{
	int status;
	pid_t pid;

	if (geteuid() != 0) {
		printf("  (not root: no network namespace, skipped)\n");
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child());
	T_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
	T_INTEQ(WEXITSTATUS(status), 0);
}

static void test_proc_net_unix_read_whole(void)
{
	char *text = NULL;
	int rootfd = fs_open_root("/");
	size_t len = 0;

	T_INTEQ(fs_slurp(rootfd, "proc/net/unix", &text, &len), 0);
	T_CHECK(text && !strncmp(text, "Num ", 4) && text[len - 1] == '\n');
	free(text);
	close(rootfd);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_multipathd_socket_found);
	T_RUN(test_proc_net_unix_read_whole);
	return t_done();
}
