/* Reading multipath.conf and its drop-ins, and the bindings and wwids
 * files, from the root directory: the configuration module's only I/O. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/internal.h"
#include "log.h"
#include "util/fs.h"

#define CONF_MAX_SIZE	(1 << 20)

int cfg_read_file(int rootfd, const char *path, const char *shown,
		  int warn_missing, char **text)
{
	int r = fs_slurp(rootfd, path, CONF_MAX_SIZE, text, NULL);

	if (r == -ENOMEM)
		return r;
	if (r == -ENOENT && !warn_missing) {
		log_info("%s: not found", shown);
	} else if (r < 0) {
		log_warn("%s: cannot read (%s), not used", shown,
			 strerror(-r));
	}
	if (r < 0)
		*text = NULL;
	return 0;
}

static int load_file(struct config *cfg, int rootfd, const char *rel,
		     const char *shown, int warn_missing)
{
	char *text;
	int r = cfg_read_file(rootfd, rel, shown, warn_missing, &text);

	if (r || !text)
		return r;
	r = config_parse_text(cfg, shown, text);
	free(text);
	return r;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int conf_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 5 && !strcmp(name + n - 5, ".conf");
}

/* <config_dir>/ *.conf in alphabetical (C locale) order. */
static int load_dropins(struct config *cfg, int rootfd)
{
	const char *dir = cfg->config_dir;
	const char *rel = dir[0] == '/' ? dir + 1 : dir;
	char **names = NULL, path[600], shown[sizeof(path) + 1];
	size_t n = 0, i;
	struct dirent *de;
	int fd, r = 0;
	DIR *d;

	fd = openat(rootfd, rel[0] ? rel : ".",
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			log_warn("%s: cannot open (%s), drop-ins not used", dir,
				 strerror(errno));
		return 0;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -ENOMEM;
	}
	while ((de = readdir(d))) {
		char **v;

		if (!conf_name(de->d_name))
			continue;
		v = realloc(names, (n + 1) * sizeof(*v));
		if (!v || !(v[n] = strdup(de->d_name))) {
			names = v ? v : names;
			r = -ENOMEM;
			break;
		}
		names = v;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && !r; i++) {
		snprintf(path, sizeof(path), "%s/%s", rel, names[i]);
		snprintf(shown, sizeof(shown), "/%s", path);
		r = load_file(cfg, rootfd, path, shown, 1);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

int config_load(struct config *cfg, int rootfd, const char *path)
{
	char shown[600];
	int r;

	r = config_init(cfg);
	if (r)
		return r;
	/* Messages name files as they are seen from the root. */
	snprintf(shown, sizeof(shown), "%s%s", path[0] == '/' ? "" : "/",
		 path);
	r = load_file(cfg, rootfd, path, shown, 0);
	if (!r)
		r = load_dropins(cfg, rootfd);
	return r;
}

int cfg_parse_lines(void *obj, const char *name, const char *text,
		    cfg_line_fn *fn)
{
	char *copy = strdup(text), *line, *next;
	int lineno = 0, r = 0;

	if (!copy)
		return -ENOMEM;
	for (line = copy; line && !r; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		r = fn(obj, name, ++lineno, line);
	}
	free(copy);
	return r;
}

int cfg_load_lines(void *obj, int rootfd, const char *path, cfg_line_fn *fn)
{
	char *text;
	int r = cfg_read_file(rootfd, path + strspn(path, "/"), path, 0,
			      &text);

	if (r || !text)
		return r;
	r = cfg_parse_lines(obj, path, text, fn);
	free(text);
	return r;
}
