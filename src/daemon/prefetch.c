/* Reading PID 1's shutdown files into the page cache (see prefetch.h). */
#include "daemon/prefetch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"

#define PF_MAPS_MAX	(256 * 1024)	/* PID 1's maps: a few KB */

const char *pf_maps_next(const char *maps, size_t *pos, char *buf,
			 size_t size)
{
	while (maps[*pos]) {
		const char *line = maps + *pos, *end = strchr(line, '\n');
		const char *path;
		size_t len, i;
		int field = 0;

		if (!end)
			end = line + strlen(line);
		*pos = end - maps + (*end == '\n');
		/* address perms offset dev inode, then the path */
		for (path = line; path < end && field < 5; field++) {
			while (path < end && *path != ' ')
				path++;
			while (path < end && *path == ' ')
				path++;
		}
		len = end - path;
		if (field < 5 || !len || *path != '/' || len >= size)
			continue;
		if (len > 10 && !memcmp(end - 10, " (deleted)", 10))
			continue;
		if (!strncmp(buf, path, len) && !buf[len])
			continue;	/* the same file's next range */
		for (i = 0; i < len; i++)
			buf[i] = path[i];
		buf[len] = 0;
		return buf;
	}
	return NULL;
}

/* Read path (absolute in root) to its end; what is read stays cached. */
static void read_whole(int root, const char *path)
{
	static char chunk[64 * 1024];
	int fd = openat(root, path + 1, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return;
	while (read(fd, chunk, sizeof(chunk)) > 0)
		;
	close(fd);
}

/* The text of /proc/1/maps, or NULL. */
static char *read_maps(int procfd)
{
	int fd = openat(procfd, "1/maps", O_RDONLY | O_CLOEXEC);
	char *text = malloc(PF_MAPS_MAX);
	size_t len = 0;
	ssize_t n;

	if (fd < 0 || !text) {
		if (fd >= 0)
			close(fd);
		free(text);
		return NULL;
	}
	while (len < PF_MAPS_MAX - 1 &&
	       (n = read(fd, text + len, PF_MAPS_MAX - 1 - len)) > 0)
		len += n;
	close(fd);
	text[len] = 0;
	return text;
}

static void read_pid1_files(int procfd)
{
	char path[4096], *slash, *maps;
	int root = openat(procfd, "1/root", O_RDONLY | O_DIRECTORY |
			  O_CLOEXEC);
	ssize_t n;
	size_t pos = 0;

	if (root < 0)
		return;
	/* systemd-shutdown lives beside systemd itself */
	n = readlinkat(procfd, "1/exe", path, sizeof(path) - 1);
	if (n > 0 && path[0] == '/') {
		path[n] = 0;
		slash = strrchr(path, '/');
		if (slash - path + sizeof("/systemd-shutdown") <= sizeof(path)) {
			strcpy(slash, "/systemd-shutdown");
			read_whole(root, path);
		}
	}
	maps = read_maps(procfd);
	path[0] = 0;
	while (maps && pf_maps_next(maps, &pos, path, sizeof(path)))
		read_whole(root, path);
	free(maps);
	close(root);
}

/* The reader keeps none of the daemon's fds (its control socket, the
 * paths' nodes) when it outlives the daemon, waiting for a root whose
 * paths are gone. */
static void close_others(int procfd)
{
	int dfd = openat(procfd, "self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *e;

	if (!dir) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((e = readdir(dir))) {
		int fd = atoi(e->d_name);

		if (fd > 2 && fd != procfd && fd != dfd)
			close(fd);
	}
	closedir(dir);
}

void pf_shutdown_files(int procfd)
{
	pid_t child = fork();

	if (child < 0) {
		log_warn("fork: %s: the shutdown's files are not read ahead",
			 strerror(errno));
		return;
	}
	if (child == 0) {
		/* the reader is a grandchild, PID 1's to reap: this child
		 * ends at once and the loop waits only for that */
		if (fork() == 0) {
			close_others(procfd);
			read_pid1_files(procfd);
		}
		_exit(0);
	}
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
}
