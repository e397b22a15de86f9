/* Device-mapper operations through libdevmapper: the only place mpboot
 * changes kernel state. Every function returns 0 or -errno and logs what
 * went wrong. */
#pragma once

#include <stddef.h>

#include "util/strmap.h"

struct dmio_dev {
	char name[128];
	char uuid[160];		/* "" when the map has none */
	unsigned major, minor;
	int open_count;
	char target[16];	/* type of a single-target table, else "" */
	unsigned long long size;	/* 512-byte sectors */
	char *params;		/* that target's table parameters */
};

/* by_name and by_uuid index v (keys point into it), so that lookups stay
 * O(1) with thousands of maps (dmio_list_index). A list is a snapshot;
 * nothing updates it as maps change. */
struct dmio_list {
	struct dmio_dev *v;
	size_t n;
	struct strmap by_name, by_uuid;
};

/* mpboot's verbosity for a libdevmapper message level (syslog's: 3
 * error, 4 warning, 5 notice, 6 info, 7 debug), whose bits above the low
 * three are flags (_LOG_STDERR 0x80, _LOG_ONCE 0x100): error and worse 1,
 * then one step per level (warning 2 ... debug 5), as multipath-tools
 * shows them. */
int dmio_log_level(int dm_level);

/* Use dev_dir for device nodes (libdm creates /dev/mapper/<name> itself:
 * early boot may have no udev). Returns 0, or -EINVAL after saying why
 * when libdm refuses dev_dir (it must be absolute): never the real /dev in
 * its place. */
int dmio_init(const char *dev_dir);

/* Every device-mapper device with its UUID, open count and table. */
int dmio_list_all(struct dmio_list *out);
/* (Re)build l's index from v[0..n): dmio_list_all does it; a list made
 * otherwise (tests) needs it before dmio_find_*. 0 or -ENOMEM. */
int dmio_list_index(struct dmio_list *l);
void dmio_list_free(struct dmio_list *l);
/* Fill d (d->name set by the caller) from the kernel; -ENOENT when there
 * is no such map. d->params is malloc'd. */
int dmio_get(struct dmio_dev *d);
/* The map with that UUID (name) in an indexed list, or NULL. */
const struct dmio_dev *dmio_find_uuid(const struct dmio_list *l,
				      const char *uuid);
const struct dmio_dev *dmio_find_name(const struct dmio_list *l,
				      const char *name);

/* Create, load and resume a one-target map (no flush, no lockfs). */
int dmio_create(const char *name, const char *uuid, unsigned long long size,
		const char *target, const char *params);
/* Load a new table into an existing map and resume it. Without flush
 * (a table of the same size) I/O queued in the map survives the switch;
 * flush (a resize, as multipath-tools) completes it first, failing what
 * cannot be served. A failed resume is retried on the old table, so the
 * map is not left suspended; the reload still fails. */
int dmio_reload(const char *name, unsigned long long size, const char *target,
		const char *params, int flush);
int dmio_remove(const char *name);
int dmio_rename(const char *name, const char *new_name);
/* The map's status line (caller frees). */
int dmio_status(const char *name, char **out);
/* The same, and the map's event counter (bumped by dm-mpath on each path
 * failure, reinstatement or group change): a daemon compares it with the
 * last one it saw to know which maps an event concerned. */
int dmio_status_event(const char *name, char **out, unsigned *event_nr);

/* Send a target message to the map's table at sector 0: dm-mpath's
 * "fail_path 8:16", "reinstate_path 8:16", "switch_group 2",
 * "enable_group 1", "queue_if_no_path", "fail_if_no_path". */
int dmio_message(const char *name, const char *msg);

/* Device-mapper events without a thread per map (dm ioctl 4.37, kernel
 * 4.18): the control node, opened under devfd, becomes readable (POLLIN)
 * when any map's event counter moved since it was last armed. The caller
 * arms it, then reads the counters (dmio_status_event) of its maps, so an
 * event between the two is not lost. Returns the fd, or -errno: -ENOTTY
 * or -EINVAL on an older kernel. */
int dmio_events_open(int devfd);
int dmio_events_arm(int fd);

/* Every map's name and event counter in one DM_LIST_DEVICES (the kernel
 * puts the counter after each name since the same interface version as
 * the fd above): fn(ctx, name, event_nr) per map. So an event costs one
 * ioctl and a status read of the maps whose counter moved, not a read of
 * every map. Returns 0 or -errno. */
int dmio_list_events(void (*fn)(void *ctx, const char *name,
				unsigned event_nr), void *ctx);
