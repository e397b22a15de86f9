/* mpboot udev-db [--run DIR]: the udev database entries of every
 * multipath map, its partition maps and its paths, as the kernel has them
 * now, for a real root booted without udev in the initramfs (the init
 * mode does the same before switch_root). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "boot/udevdb.h"
#include "cmd/cmd.h"
#include "dm/dmio.h"
#include "log.h"
#include "util/fs.h"

static int usage(void)
{
	fprintf(stderr, "usage: mpboot udev-db [--run DIR]\n");
	return 2;
}

static int open_root(const char *opt, const char *path)
{
	int fd = fs_open_root(path);

	if (fd < 0)
		log_err("%s %s: cannot open the directory: %s", opt, path,
			strerror(-fd));
	return fd;
}

int cmd_udev_db(const struct mpb_opts *o, int argc, char **argv)
{
	const char *run = "/run";
	struct udb_counts c;
	struct dmio_list maps;
	int sysfd, devfd, runfd, rc;

	if (argc == 3 && !strcmp(argv[1], "--run") && argv[2][0])
		run = argv[2];
	else if (argc != 1)
		return usage();
	if (dmio_init(o->dev))
		return 2;
	sysfd = open_root("--sysfs", o->sysfs);
	devfd = open_root("--dev", o->dev);
	runfd = open_root("--run", run);
	rc = 2;
	if (sysfd < 0 || devfd < 0 || runfd < 0)
		goto out;
	rc = 1;
	if (dmio_list_all(&maps)) {
		log_err("cannot list device-mapper maps (is dm-mod loaded?)");
		goto out;
	}
	if (!udb_write_all(sysfd, devfd, runfd, &maps, &c)) {
		printf("udev-db: %u written, %u kept (udev's own), %u failed\n",
		       c.written, c.kept, c.failed);
		rc = c.failed ? 1 : 0;
	} else {
		log_err("cannot list the devices to write: out of memory");
	}
	dmio_list_free(&maps);
out:
	if (sysfd >= 0)
		close(sysfd);
	if (devfd >= 0)
		close(devfd);
	if (runfd >= 0)
		close(runfd);
	return rc;
}
