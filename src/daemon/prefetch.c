/* Reading PID 1's shutdown files into the page cache (see prefetch.h). */
#include "daemon/prefetch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "util/fs.h"

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

static void read_pid1_files(int procfd)
{
	char path[4096], *slash, *maps = NULL;
	int root = openat(procfd, "1/root", O_RDONLY | O_DIRECTORY |
			  O_CLOEXEC);
	ssize_t n;
	size_t pos = 0, len;

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
	/* the dynamic loader reads it at the exec, before any library */
	read_whole(root, "/etc/ld.so.cache");
	path[0] = 0;
	if (fs_slurp(procfd, "1/maps", &maps, &len))
		maps = NULL;
	while (maps && pf_maps_next(maps, &pos, path, sizeof(path)))
		read_whole(root, path);
	free(maps);
	close(root);
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
			/* none of the daemon's fds, when it outlives it */
			fs_close_others(procfd, procfd);
			read_pid1_files(procfd);
		}
		_exit(0);
	}
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
}
