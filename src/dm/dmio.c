#include "dm/dmio.h"

#include <errno.h>
#include <fcntl.h>
#include <libdevmapper.h>
#include <linux/dm-ioctl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "log.h"
#include "util/str.h"

int dmio_log_level(int dm_level)
{
	int level = dm_level & 7;	/* flags such as _LOG_STDERR above */

	return level <= 3 ? 1 : level - 2;
}

/* libdm's messages join ours on the same verbosity scale. */
static void dmio_log(int level, const char *file, int line, int dm_errno,
		     const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	(void)file;
	(void)line;
	(void)dm_errno;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_msg(dmio_log_level(level), "dm: %s", buf);
}

int dmio_init(const char *dev_dir)
{
	dm_log_with_errno_init(dmio_log);
	dm_udev_set_sync_support(0);
	/* Refused (not absolute, too long), libdm would keep /dev. */
	if (!dm_set_dev_dir(dev_dir)) {
		log_err("%s: device-mapper refuses it as the device directory",
			dev_dir);
		return -EINVAL;
	}
	return 0;
}

static int run(struct dm_task *dmt, const char *what, const char *name)
{
	if (dm_task_run(dmt))
		return 0;
	log_err("%s %s: device-mapper refused: %s", what, name,
		strerror(dm_task_get_errno(dmt) ? dm_task_get_errno(dmt) : EIO));
	return dm_task_get_errno(dmt) ? -dm_task_get_errno(dmt) : -EIO;
}

int dmio_get(struct dmio_dev *d)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_TABLE);
	struct dm_info info;
	uint64_t start, length;
	char *type, *params;
	void *next;
	int rc;

	if (!dmt)
		return -ENOMEM;
	if (!dm_task_set_name(dmt, d->name)) {
		dm_task_destroy(dmt);
		return -ENOMEM;
	}
	rc = run(dmt, "read table of", d->name);
	if (rc || !dm_task_get_info(dmt, &info) || !info.exists) {
		dm_task_destroy(dmt);
		return rc ? rc : -ENOENT;
	}
	d->major = info.major;
	d->minor = info.minor;
	d->open_count = info.open_count;
	str_copy(d->uuid, dm_task_get_uuid(dmt) ? dm_task_get_uuid(dmt) : "",
		 sizeof(d->uuid));
	next = dm_get_next_target(dmt, NULL, &start, &length, &type, &params);
	if (!next && type && start == 0) {	/* exactly one target */
		str_copy(d->target, type, sizeof(d->target));
		d->size = length;
		d->params = strdup(params ? params : "");
		if (!d->params)
			rc = -ENOMEM;
	}
	dm_task_destroy(dmt);
	return rc;
}

/* Maps without a UUID are left out of by_uuid. */
int dmio_list_index(struct dmio_list *l)
{
	size_t i;

	strmap_free(&l->by_name);
	strmap_free(&l->by_uuid);
	for (i = 0; i < l->n; i++)
		if (strmap_add(&l->by_name, l->v[i].name, i) < 0 ||
		    (l->v[i].uuid[0] &&
		     strmap_add(&l->by_uuid, l->v[i].uuid, i) < 0))
			return -ENOMEM;
	return 0;
}

int dmio_list_all(struct dmio_list *out)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_LIST);
	struct dm_names *names;
	unsigned next = 0;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!dmt)
		return -ENOMEM;
	rc = run(dmt, "list", "devices");
	if (rc)
		goto out;
	names = dm_task_get_names(dmt);
	if (!names || !names->dev)
		goto out;	/* no maps at all */
	do {
		struct dmio_dev *d;

		names = (struct dm_names *)((char *)names + next);
		if (out->n == cap) {
			struct dmio_dev *v;

			cap = cap ? 2 * cap : 16;
			v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				rc = -ENOMEM;
				goto out;
			}
			out->v = v;
		}
		d = &out->v[out->n];
		memset(d, 0, sizeof(*d));
		str_copy(d->name, names->name, sizeof(d->name));
		rc = dmio_get(d);
		if (rc == -ENOENT || rc == -ENXIO) {	/* removed meanwhile */
			rc = 0;
		} else if (rc) {
			goto out;
		} else {
			out->n++;
		}
		next = names->next;
	} while (next);
	rc = dmio_list_index(out);
out:
	dm_task_destroy(dmt);
	if (rc)
		dmio_list_free(out);
	return rc;
}

void dmio_list_free(struct dmio_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].params);
	free(l->v);
	strmap_free(&l->by_name);
	strmap_free(&l->by_uuid);
	l->v = NULL;
	l->n = 0;
}

const struct dmio_dev *dmio_find_uuid(const struct dmio_list *l,
				      const char *uuid)
{
	size_t i;

	return strmap_get(&l->by_uuid, uuid, &i) ? &l->v[i] : NULL;
}

const struct dmio_dev *dmio_find_name(const struct dmio_list *l,
				      const char *name)
{
	size_t i;

	return strmap_get(&l->by_name, name, &i) ? &l->v[i] : NULL;
}

/* One task of type `type` on `name`, with an optional one-target table. A
 * resume (create ends with one) skips freezing a file system on the map and,
 * unless flush is set, suspends without flushing: dm-multipath then keeps
 * the I/O it queues for lack of paths and hands it to the new table instead
 * of failing it (multipath-tools' dm_simplecmd_noflush). */
static int table_task(int type, const char *what, const char *name,
		      const char *uuid, unsigned long long size,
		      const char *target, const char *params, int flush)
{
	struct dm_task *dmt = dm_task_create(type);
	int rc = -ENOMEM;

	if (!dmt)
		return -ENOMEM;
	if (!dm_task_set_name(dmt, name) ||
	    (uuid && !dm_task_set_uuid(dmt, uuid)) ||
	    (target && !dm_task_add_target(dmt, 0, size, target, params)))
		goto out;
	if ((type == DM_DEVICE_CREATE || type == DM_DEVICE_RESUME) &&
	    (!dm_task_skip_lockfs(dmt) || (!flush && !dm_task_no_flush(dmt))))
		goto out;
	rc = run(dmt, what, name);
out:
	dm_task_destroy(dmt);
	dm_task_update_nodes();
	return rc;
}

int dmio_create(const char *name, const char *uuid, unsigned long long size,
		const char *target, const char *params)
{
	return table_task(DM_DEVICE_CREATE, "create", name, uuid, size,
			  target, params, 0);
}

/* 1 when the map is suspended, 0 when not, -errno when unknown. */
static int suspended(const char *name)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_INFO);
	struct dm_info info;
	int rc = -ENOMEM;

	if (!dmt)
		return -ENOMEM;
	if (dm_task_set_name(dmt, name))
		rc = run(dmt, "get state of", name);
	if (!rc)
		rc = !dm_task_get_info(dmt, &info) ? -EIO :
		     !info.exists ? -ENOENT : info.suspended ? 1 : 0;
	dm_task_destroy(dmt);
	return rc;
}

int dmio_reload(const char *name, unsigned long long size, const char *target,
		const char *params, int flush)
{
	int rc = table_task(DM_DEVICE_RELOAD, "reload", name, NULL, size,
			    target, params, flush);

	if (rc)
		return rc;
	rc = table_task(DM_DEVICE_RESUME, "resume", name, NULL, 0, NULL, NULL,
			flush);
	if (!rc)
		return 0;
	/* A resume that fails leaves the map suspended with the new table
	 * dropped: resume again, on the table it had, so its I/O moves. */
	if (suspended(name) == 1 &&
	    table_task(DM_DEVICE_RESUME, "resume", name, NULL, 0, NULL, NULL,
		       flush) == 0)
		log_warn("%s: resumed with its previous table", name);
	return rc;
}
int dmio_remove(const char *name)
{
	return table_task(DM_DEVICE_REMOVE, "remove", name, NULL, 0, NULL, NULL,
			  1);
}

int dmio_rename(const char *name, const char *new_name)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_RENAME);
	int rc = -ENOMEM;

	if (!dmt)
		return -ENOMEM;
	if (dm_task_set_name(dmt, name) && dm_task_set_newname(dmt, new_name))
		rc = run(dmt, "rename", name);
	dm_task_destroy(dmt);
	dm_task_update_nodes();
	return rc;
}

int dmio_status(const char *name, char **out)
{
	return dmio_status_event(name, out, NULL);
}

int dmio_status_event(const char *name, char **out, unsigned *event_nr)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_STATUS);
	struct dm_info info;
	uint64_t start, length;
	char *type = NULL, *params = NULL;
	int rc = -ENOMEM;

	*out = NULL;
	if (!dmt)
		return -ENOMEM;
	if (!dm_task_set_name(dmt, name))
		goto out;
	rc = run(dmt, "status of", name);
	if (rc)
		goto out;
	if (!dm_task_get_info(dmt, &info) || !info.exists) {
		rc = -ENOENT;
		goto out;
	}
	if (event_nr)
		*event_nr = info.event_nr;
	dm_get_next_target(dmt, NULL, &start, &length, &type, &params);
	*out = strdup(params ? params : "");
	rc = *out ? 0 : -ENOMEM;
out:
	dm_task_destroy(dmt);
	return rc;
}

int dmio_message(const char *name, const char *msg)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_TARGET_MSG);
	int rc = -ENOMEM;

	if (!dmt)
		return -ENOMEM;
	if (dm_task_set_name(dmt, name) && dm_task_set_sector(dmt, 0) &&
	    dm_task_set_message(dmt, msg))
		rc = run(dmt, msg, name);
	dm_task_destroy(dmt);
	return rc;
}

int dmio_events_arm(int fd)
{
	/* libdevmapper has no task for it: the ioctl as the kernel takes it,
	 * with the interface version that brought it */
	struct dm_ioctl dmi = {
		.version = { DM_VERSION_MAJOR, 37, 0 },
		.data_size = sizeof(dmi),
	};

	return ioctl(fd, DM_DEV_ARM_POLL, &dmi) ? -errno : 0;
}

int dmio_list_events(void (*fn)(void *ctx, const char *name,
				unsigned event_nr), void *ctx)
{
	struct dm_task *dmt = dm_task_create(DM_DEVICE_LIST);
	struct dm_names *names;
	unsigned next = 0;
	int rc;

	if (!dmt)
		return -ENOMEM;
	rc = run(dmt, "list", "devices");
	names = rc ? NULL : dm_task_get_names(dmt);
	if (names && names->dev) {
		do {
			uintptr_t at;

			names = (struct dm_names *)((char *)names + next);
			/* after the name, 8-byte aligned (the kernel's
			 * align_ptr) */
			at = (uintptr_t)names->name + strlen(names->name) + 1;
			fn(ctx, names->name,
			   *(const uint32_t *)((at + 7) & ~(uintptr_t)7));
			next = names->next;
		} while (next);
	}
	dm_task_destroy(dmt);
	return rc;
}

int dmio_events_open(int devfd)
{
	int fd = openat(devfd, "mapper/control", O_RDWR | O_CLOEXEC), rc;

	if (fd < 0)
		return -errno;
	rc = dmio_events_arm(fd);
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}
