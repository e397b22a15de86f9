/* fs_update, the one writer of state files, on arbitrary file contents
 * and edits, in both modes, in a scratch root: the result must be exactly
 * the old text plus the appended one (FS_APPEND) or the new text
 * (FS_REPLACE), an edit that fails or has nothing to add must leave the
 * file byte for byte, and nothing but the file may be left in the root
 * (no temporary). Input: a mode byte, then the old text and the edit's
 * text separated by the first 0xff byte. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "log.h"
#include "util/fs.h"
#include "scratch.h"

static int rootfd = -1;

struct edit {
	const char *text;
	int fail;
};

static int edit(void *ctx, const char *cur, size_t len, char **out)
{
	const struct edit *e = ctx;

	(void)cur;
	(void)len;
	if (e->fail)
		return -EPROTO;
	*out = e->text[0] ? strdup(e->text) : NULL;
	return 0;
}

/* Entries in <root>/etc: the file alone, no temporary. */
static size_t entries(void)
{
	int fd = openat(rootfd, "etc", O_RDONLY | O_DIRECTORY);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void put_old(const char *old, size_t len)
{
	int fd = openat(rootfd, "etc/f", O_WRONLY | O_CREAT | O_TRUNC, 0640);

	if (fd < 0 && mkdirat(rootfd, "etc", 0755) == 0)
		fd = openat(rootfd, "etc/f", O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd < 0 || write(fd, old, len) != (ssize_t)len ||
	    fchmod(fd, 0640))
		abort();
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep;
	const char *old;
	size_t old_len, add_len, got_len;
	struct edit e;
	char *add, *got = NULL;
	struct stat st;
	int mode, r, flags;

	log_verbosity = 0;
	if (rootfd < 0)
		rootfd = fuzz_scratch_open("update");
	if (size < 1)
		return 0;
	flags = data[0];
	mode = flags & 1 ? FS_REPLACE : FS_APPEND;
	e.fail = (flags & 6) == 6;
	old = (const char *)data + 1;
	sep = memchr(old, 0xff, size - 1);
	old_len = sep ? (size_t)((const char *)sep - old) : size - 1;
	add = sep ? strndup((const char *)sep + 1, size - 1 - old_len - 1) :
		    strdup("");
	if (!add)
		abort();
	e.text = add;
	add_len = strlen(add);		/* the edit hands over a C string */
	put_old(old, old_len);

	r = fs_update(rootfd, flags & 8 ? "//etc/../etc/f" : "/etc/f", mode,
		      edit, &e);
	if (r != (e.fail ? -EPROTO : 0))
		abort();
	if (fs_slurp(rootfd, "etc/f", &got, &got_len))
		abort();
	if (e.fail || !add_len) {		/* untouched */
		if (got_len != old_len || memcmp(got, old, old_len))
			abort();
	} else if (mode == FS_APPEND) {
		if (got_len != old_len + add_len || memcmp(got, old, old_len) ||
		    memcmp(got + old_len, add, add_len))
			abort();
	} else if (got_len != add_len || memcmp(got, add, add_len)) {
		abort();
	}
	if (entries() != 1 || fstatat(rootfd, "etc/f", &st, 0) ||
	    (st.st_mode & 07777) != 0640)
		abort();
	free(got);
	free(add);
	return 0;
}
