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

/* Why LVM would not take uuid as an mpath_uuid IDNAME (it also splits
 * entry lines on spaces), or NULL. */
static const char *uuid_refused(const char *uuid, int part)
{
	const char *rest = !uuid ? NULL : part ? after_part_prefix(uuid) : uuid;
	const char *c;

	if (!rest || strncmp(rest, "mpath-", 6) || !rest[6])
		return part ? "not part<N>-mpath-<wwid>" : "not mpath-<wwid>";
	for (c = uuid; *c; c++)
		if (*c <= ' ' || *c >= 0x7f)
			return "a character a devices file cannot hold";
	return NULL;
}

/* One entry. A uuid LVM would not take leaves the entry out (LVM could not
 * match it anyway): returns 1 after an error. A name that cannot be
 * written is only a hint: DEVNAME=. (unknown), which LVM fills in. */
static int add_entry(struct lvm_buf *b, const char *map, const char *uuid,
		     const char *name, int part)
{
	const char *why = uuid_refused(uuid, part);

	if (why) {
		log_err("lvm: map %s: dm uuid \"%s\" is %s: no devices file "
			"entry for %s", map ? map : "(none)",
			uuid ? uuid : "(none)", why, name ? name : "(none)");
		return 1;
	}
	why = lvm_name_refused(name, 0);
	if (why)
		log_warn("lvm: %s: name \"%s\" cannot be written (%s): "
			 "DEVNAME=.", uuid, name ? name : "", why);
	lvm_buf_str(b, "IDTYPE=mpath_uuid IDNAME=");
	lvm_buf_str(b, uuid);
	lvm_buf_str(b, why ? " DEVNAME=." : " DEVNAME=/dev/mapper/");
	if (!why)
		lvm_buf_str(b, name);
	lvm_buf_str(b, " PVID=.\n");
	return 0;
}

int lvm_devices_file_format(const struct lvm_map *maps, size_t n,
			    char **text)
{
	struct lvm_buf b = { 0 };
	size_t i, j;
	int left_out = 0, rc;

	*text = NULL;
	lvm_buf_str(&b, DEVICES_FILE_HEADER);
	for (i = 0; i < n; i++) {
		const struct lvm_map *m = &maps[i];

		left_out += add_entry(&b, m->name, m->uuid, m->name, 0);
		for (j = 0; j < m->n_parts; j++)
			left_out += add_entry(&b, m->name, m->part_uuids ?
					      m->part_uuids[j] : NULL,
					      m->parts[j], 1);
	}
	rc = lvm_buf_finish(&b, text);
	return rc ? rc : left_out;
}
