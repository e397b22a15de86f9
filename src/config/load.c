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
#include "util/str.h"

int cfg_blank_binary_lines(const char *name, char *text, size_t len)
{
	size_t off = 0;
	int n = 0, line = 0, at;

	while ((at = str_binary_line(text + off, len - off)) > 0) {
		char *s = text + off, *end;

		line += at;
		while (--at > 0)
			s = (char *)memchr(s, '\n', text + len - s) + 1;
		end = memchr(s, '\n', text + len - s);
		if (!end)
			end = text + len;
		log_err("%s:%d: binary data (NUL or control byte): line ignored",
			name, line);
		memset(s, ' ', end - s);
		off = end - text;
		line--;		/* the next scan counts this line again */
		n++;
	}
	return n;
}

int cfg_read_file(int rootfd, const char *path, const char *shown,
		  int warn_missing, char **text, int *binary)
{
	size_t len;
	int r = fs_slurp(rootfd, path, text, &len);

	*binary = 0;
	if (r == -ENOENT && !warn_missing)
		log_info("%s: not found", shown);
	else if (r < 0 && r != -ENOMEM)
		log_err("%s: cannot read: %s", shown, fs_strerror(r));
	if (r < 0)
		return r;
	*binary = cfg_blank_binary_lines(shown, *text, len);
	return 0;
}

/* An absolute path is -c FILE, outside the root and required; a relative
 * one is inside the root and may be missing. One that is there but cannot
 * be read (a folder, a FIFO, no permission) is an error, as in
 * multipath-tools: defaults in its place could rename every map, and a
 * reconfigure keeps the settings it has. */
static int load_file(struct config *cfg, int rootfd, const char *rel,
		     const char *shown, int warn_missing)
{
	int required = rel[0] == '/', binary;
	char *text;
	int r = cfg_read_file(required ? AT_FDCWD : rootfd, rel, shown,
			      warn_missing, &text, &binary);

	if (r)
		return r == -ENOENT && !required ? 0 : r;
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
	char **names = NULL, rel[sizeof(cfg->config_dir)], path[600];
	char shown[sizeof(path) + 1];
	size_t n = 0, i;
	struct dirent *de;
	int fd, r = 0;
	DIR *d;

	if (fs_path_in_root(dir, rel, sizeof(rel)) < 0)
		return 0;	/* cannot happen: it only gets shorter */
	fd = fs_open(rootfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (fd != -ENOENT)
			log_warn("%s: cannot open (%s), drop-ins not used", dir,
				 strerror(-fd));
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
	int binary, r = cfg_read_file(rootfd, path, path, 0, &text, &binary);

	if (r == -ENOENT)
		return 0;
	if (r)
		return r;
	r = cfg_parse_lines(obj, path, text, fn);
	free(text);
	return r ? r : binary ? -EILSEQ : 0;
}

FILE *cfg_append_open(const char *name, const char *header, const char *cur,
		      size_t len, char **text, size_t *size, int *err)
{
	int line = str_binary_line(cur, len);
	FILE *f;

	*text = NULL;
	if (line) {
		log_err("%s:%d: binary data (NUL or control byte): the file is "
			"not rewritten", name, line);
		*err = -EILSEQ;
		return NULL;
	}
	f = open_memstream(text, size);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (len == 0)
		fputs(header, f);
	else if (cur[len - 1] != '\n')
		fputc('\n', f);
	return f;
}

int cfg_append_close(FILE *f, char **text, size_t added, int err, char **out)
{
	/* the stream sets *text when it is closed */
	if (fclose(f) || err == -ENOMEM) {
		free(*text);
		return -ENOMEM;
	}
	if (!added)
		free(*text);
	else
		*out = *text;
	return 0;
}
