/* Which block device root= names. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "boot/boot.h"
#include "kpartx/kpartx.h"

/* The /dev/disk/by-id names udev gives d (60-persistent-storage.rules,
 * 13-dm-disk.rules). */
static int byid_matches(const char *id, const struct boot_dev *d)
{
	char name[320];

	if (d->dm_name[0]) {
		snprintf(name, sizeof(name), "dm-name-%s", d->dm_name);
		if (!strcmp(id, name))
			return 1;
		if (!d->dm_uuid[0])
			return 0;
		snprintf(name, sizeof(name), "dm-uuid-%s", d->dm_uuid);
		return !strcmp(id, name);
	}
	if (!d->wwid[0])
		return 0;
	if (d->partno)
		snprintf(name, sizeof(name), "scsi-%s-part%d", d->wwid,
			 d->partno);
	else
		snprintf(name, sizeof(name), "scsi-%s", d->wwid);
	return !strcmp(id, name);
}

int boot_root_matches(const struct boot_root *r, const struct boot_dev *d)
{
	switch (r->kind) {
	case ROOT_UUID:
		return d->uuid[0] && !strcasecmp(d->uuid, r->value);
	case ROOT_LABEL:
		return d->label[0] && !strcmp(d->label, r->value);
	case ROOT_PARTUUID:
		return d->partuuid[0] && !strcasecmp(d->partuuid, r->value);
	case ROOT_PARTLABEL:
		return d->partlabel[0] && !strcmp(d->partlabel, r->value);
	case ROOT_MAPPER:
		return d->dm_name[0] && !strcmp(d->dm_name, r->value);
	case ROOT_KNAME:
		return !strcmp(d->name, r->value);
	case ROOT_BYID:
		return byid_matches(r->value, d);
	case ROOT_NONE:
		break;
	}
	return 0;
}

/* A path's own partitions (sdb1 on a disk a map holds) carry the same
 * file system as the map's partition: never the root while the map is
 * there. */
static int is_member(const struct boot_devs *devs, const struct boot_dev *d)
{
	if (d->dm_name[0])
		return 0;
	if (d->held)
		return 1;
	return d->parent >= 0 && devs->v[d->parent].held;
}

int boot_root_find(const struct boot_root *r, const struct boot_devs *devs)
{
	size_t i;
	int plain = -1;

	for (i = 0; i < devs->n; i++) {
		const struct boot_dev *d = &devs->v[i];

		if (!boot_root_matches(r, d))
			continue;
		if (d->dm_name[0])
			return (int)i;
		if (plain < 0 && !is_member(devs, d))
			plain = (int)i;
	}
	return plain;
}

const char *boot_root_lun(const struct boot_root *r,
			  const struct boot_devs *devs)
{
	size_t i;

	/* a map's name or dm UUID is known only once maps are built */
	if (r->kind == ROOT_NONE || r->kind == ROOT_MAPPER ||
	    (r->kind == ROOT_KNAME && !strncmp(r->value, "dm-", 3)) ||
	    (r->kind == ROOT_BYID && !strncmp(r->value, "dm-", 3)))
		return NULL;
	for (i = 0; i < devs->n; i++) {
		const struct boot_dev *d = &devs->v[i];

		if (!d->dm_name[0] && d->wwid[0] && boot_root_matches(r, d))
			return d->wwid;
	}
	/* the root may be an LV on any LUN's physical volume */
	for (i = 0; i < devs->n; i++)
		if (!strcmp(devs->v[i].fstype, "LVM2_member"))
			return NULL;
	return "";
}

const char *boot_root_map_wwid(const struct boot_dev *d)
{
	const char *u = d->dm_uuid, *dash = strchr(u, '-');

	if (dash && kpartx_uuid_partno(u, dash + 1) > 0)
		u = dash + 1;
	return !strncmp(u, "mpath-", 6) && u[6] ? u + 6 : NULL;
}
