/* LVM's devices file (/etc/lvm/devices/system.devices).
 *
 * What LVM 2.03 writes, and what it needs when reading:
 *   # LVM uses devices listed in this file.
 *   # Created by LVM command <cmd> pid <pid> at <date>
 *   [SYSTEMID=<id>]			only when lvm.conf sets a system id
 *   VERSION=1.1.<counter>
 *   IDTYPE=<type> IDNAME=<id> DEVNAME=<path> PVID=<pvid|.> [PART=<n>]
 * Lines starting with '#' are ignored. An entry needs IDTYPE and IDNAME;
 * DEVNAME and PVID are hints ('.' = unknown) that LVM corrects and fills
 * in itself once it has scanned the device, which it does only when the
 * file carries a VERSION line. A dm device whose uuid starts "mpath-" or
 * "part<N>-mpath-" gets IDTYPE=mpath_uuid with the whole dm uuid as
 * IDNAME. PART= is for kernel partitions only (it comes from sysfs
 * "partition", which dm devices lack): a kpartx partition map is its own
 * dm device with its own uuid and has no PART=. */
#include "lvm/lvm.h"

#include <errno.h>
#include <string.h>

#include "log.h"
#include "lvm/buf.h"
#include "lvm/name.h"

#define DEVICES_FILE_HEADER \
	"# LVM uses devices listed in this file.\n" \
	"# Created by mpboot\n" \
	"VERSION=1.1.1\n"

/* "part<N>-" at the start of a partition map's uuid: what follows it. */
static const char *after_part_prefix(const char *uuid)
{
	const char *c;

	if (strncmp(uuid, "part", 4))
		return NULL;
	for (c = uuid + 4; *c >= '0' && *c <= '9'; c++)
		;
	return c > uuid + 4 && *c == '-' ? c + 1 : NULL;
}

/* LVM only takes a dm uuid as mpath_uuid with this shape; it splits entry
 * lines on spaces. */
static int uuid_check(const char *map, const char *uuid, int part)
{
	const char *rest = !uuid ? NULL : part ? after_part_prefix(uuid) : uuid;
	const char *c;

	if (!rest || strncmp(rest, "mpath-", 6) || !rest[6]) {
		log_err("lvm: map %s: dm uuid \"%s\" is not %s<wwid>", map,
			uuid ? uuid : "(none)",
			part ? "part<N>-mpath-" : "mpath-");
		return -EINVAL;
	}
	for (c = uuid; *c; c++) {
		if (*c > ' ' && *c < 0x7f)
			continue;
		log_err("lvm: map %s: dm uuid \"%s\" has character 0x%02x, "
			"which a devices file cannot hold", map, uuid,
			(unsigned char)*c);
		return -EINVAL;
	}
	return 0;
}

static int check_map(const struct lvm_map *m)
{
	size_t i;
	int err;

	err = lvm_name_check(NULL, "map name", m->name, 0);
	if (!err)
		err = uuid_check(m->name, m->uuid, 0);
	if (!err && m->n_parts && !m->part_uuids) {
		log_err("lvm: map %s: partition maps without their dm uuids",
			m->name);
		return -EINVAL;
	}
	for (i = 0; !err && i < m->n_parts; i++) {
		err = lvm_name_check(m->name, "partition map name",
				     m->parts[i], 0);
		if (!err)
			err = uuid_check(m->name, m->part_uuids[i], 1);
	}
	return err;
}

static void add_entry(struct lvm_buf *b, const char *uuid, const char *name)
{
	lvm_buf_str(b, "IDTYPE=mpath_uuid IDNAME=");
	lvm_buf_str(b, uuid);
	lvm_buf_str(b, " DEVNAME=/dev/mapper/");
	lvm_buf_str(b, name);
	lvm_buf_str(b, " PVID=.\n");
}

int lvm_devices_file_format(const struct lvm_map *maps, size_t n,
			    char **text)
{
	struct lvm_buf b = { 0 };
	size_t i, j;
	int err;

	*text = NULL;
	for (i = 0; i < n; i++) {
		err = check_map(&maps[i]);
		if (err)
			return err;
	}
	lvm_buf_str(&b, DEVICES_FILE_HEADER);
	for (i = 0; i < n; i++) {
		add_entry(&b, maps[i].uuid, maps[i].name);
		for (j = 0; j < maps[i].n_parts; j++)
			add_entry(&b, maps[i].part_uuids[j], maps[i].parts[j]);
	}
	return lvm_buf_finish(&b, text);
}
