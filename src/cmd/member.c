/* mpboot member DEV: whether the SCSI disk DEV is a path of a multipath
 * map, or will be one, as udev's IMPORT{program} reads it
 * (DM_MULTIPATH_DEVICE_PATH=1 or 0), the way multipath-tools' `multipath
 * -u` answers its udev rule. dracut's initramfs asks it for every disk
 * (dracut-module/40-mpboot-path.rules), so systemd and blkid leave the
 * paths alone and root=UUID= finds the map's partition, not a path's.
 *
 * A path is one when a multipath map holds it already, or when the maps
 * mpboot would build now (the paths present, multipath.conf, wwids, the
 * kernel command line) take it. Under find_multipaths on or smart the
 * first path of a WWID nothing names is not one until its second path
 * appears: a root's WWID belongs in the wwids file. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/env.h"
#include "log.h"
#include "util/fs.h"

static int usage(void)
{
	fprintf(stderr, "usage: mpboot member DEV\n");
	return 2;
}

/* Whether a multipath map (dm UUID mpath-...) holds <sysfs>/block/dev. */
static int held_by_map(int sysfd, const char *dev)
{
	char rel[320], uuid[160];
	struct dirent *de;
	int fd, held = 0;
	DIR *d;

	snprintf(rel, sizeof(rel), "block/%s/holders", dev);
	fd = fs_open(sysfd, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return 0;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;
	}
	while (!held && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "%s/dm/uuid", de->d_name);
		held = fs_read_attr(dirfd(d), rel, uuid, sizeof(uuid)) > 0 &&
		       !strncmp(uuid, "mpath-", 6);
	}
	closedir(d);
	return held;
}

/* Whether the maps mpboot would build now take dev. No prioritizer runs:
 * the answer must come fast, and a hung path must not hold up udev. */
static int planned(struct mpb_env *e, const char *dev, int *member)
{
	struct plan plan;

	if (env_plan(e, &plan, NULL, NULL, 0))
		return 1;
	*member = plan_map_of(&plan, dev) != NULL;
	plan_free(&plan);
	return 0;
}

int cmd_member(const struct mpb_opts *o, int argc, char **argv)
{
	struct mpb_env env;
	const char *dev;
	int member = 0, rc;

	if (argc != 2)
		return usage();
	dev = argv[1];
	if (!strncmp(dev, "/dev/", 5))
		dev += 5;
	if (!dev[0] || strchr(dev, '/') || dev[0] == '.')
		return usage();
	rc = env_open(o, &env);
	if (!rc && !env.cmdline.disabled) {
		if (held_by_map(env.sysfd, dev))
			member = 1;
		else
			rc = planned(&env, dev, &member);
	}
	if (!rc)
		printf("DM_MULTIPATH_DEVICE_PATH=%d\n", member);
	env_close(&env);
	return rc;
}
