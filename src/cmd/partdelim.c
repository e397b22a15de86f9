/* mpboot part-delim: the partition delimiter the files of --root give
 * (etc/mpboot/part-delim, else the udev rule that runs kpartx there), one
 * line on stdout: the delimiter, or "default" for kpartx's. The initramfs
 * generators bake it into the image they make for that root, so that the
 * maps the initramfs names keep their names under the real root's udev
 * (decision 91). The kernel command line is not read: what it says wins
 * at boot anyway. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "kpartx/kpartx.h"
#include "log.h"
#include "util/fs.h"

int cmd_part_delim(const struct mpb_opts *o, int argc, char **argv)
{
	struct kpartx_delim d;
	int rootfd, r;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: mpboot [--root DIR] part-delim\n");
		return 2;
	}
	rootfd = fs_open_root(o->root);
	if (rootfd < 0) {
		log_err("cannot open root '%s': %s", o->root,
			strerror(-rootfd));
		return 2;
	}
	r = kpartx_root_delim(rootfd, &d);
	close(rootfd);
	if (r) {
		log_err("cannot read the udev rules: %s", strerror(-r));
		return 1;
	}
	if (d.kind == KPARTX_RULE_NONE)
		log_info("no udev rule runs kpartx: kpartx's default");
	else
		log_info("from %s", d.source);
	printf("%s\n", d.kind == KPARTX_RULE_DELIM ? d.delim :
	       KPARTX_DELIM_DEFAULT);
	return 0;
}
