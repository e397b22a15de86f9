/* A fuzz target's scratch folder: made once, in /dev/shm (memory, so a
 * file write per input costs no disk) or else /tmp, and removed with all
 * it holds when the process exits; after a crash it stays, to look at. */
#pragma once

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

static char fuzz_scratch_path[64];

static int fuzz_scratch_remove(const char *path, const struct stat *st,
			       int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fuzz_scratch_cleanup(void)
{
	nftw(fuzz_scratch_path, fuzz_scratch_remove, 16, FTW_DEPTH | FTW_PHYS);
}

/* A descriptor on the new folder mpboot-fuzz-NAME-XXXXXX; aborts when
 * none can be made (the target cannot run). */
static int fuzz_scratch_open(const char *name)
{
	static const char *const bases[] = { "/dev/shm", "/tmp" };
	size_t i;
	int fd;

	for (i = 0; i < sizeof(bases) / sizeof(*bases); i++) {
		snprintf(fuzz_scratch_path, sizeof(fuzz_scratch_path),
			 "%s/mpboot-fuzz-%s-XXXXXX", bases[i], name);
		if (mkdtemp(fuzz_scratch_path))
			break;
	}
	if (i == sizeof(bases) / sizeof(*bases))
		abort();
	fd = open(fuzz_scratch_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || atexit(fuzz_scratch_cleanup))
		abort();
	return fd;
}
