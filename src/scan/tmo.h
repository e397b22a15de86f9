/* Transport timeouts for the paths of a map, decided as multipath-tools
 * 0.9.4 does when it sets up a map (sysfs_set_scsi_tmo): which sysfs
 * attributes get which values, in which order. Pure: the caller reads the
 * one value the rules need (an FC remote port's current dev_loss_tmo) and
 * performs the writes. */
#pragma once

#include <stddef.h>

#include "config/config.h"

/* What the configuration says for one map (struct mp_attrs fields). */
struct tmo_settings {
	int fast_io_fail;	/* seconds > 0, or TMO_* */
	unsigned dev_loss;	/* seconds, 0 unset, DEV_LOSS_INFINITY */
	int eh_deadline;	/* seconds > 0, or TMO_* */
	int no_path_retry;	/* as in struct mp_attrs */
	int checkint;		/* polling_interval, seconds */
};

/* Where a path's timeouts live: class devices of its ancestors, as paths
 * relative to the sysfs root. "" when there is none. */
struct tmo_dirs {
	enum path_transport transport;
	char host[512];		/* .../hostN/scsi_host/hostN */
	char port[512];		/* .../rport-H:C-N/fc_remote_ports/rport-H:C-N,
				 * .../sessionN/iscsi_session/sessionN,
				 * .../end_device-X/sas_end_device/end_device-X */
};

struct tmo_write {
	const char *dir;	/* points into the struct tmo_dirs given */
	const char *attr;	/* "fast_io_fail_tmo", "recovery_tmo", ... */
	char value[16];
	int required;		/* when it fails, write nothing more there */
};

/* Things worth a log line, as multipath-tools logs them. */
enum tmo_note {
	TMO_RAISED = 1,		/* dev_loss_tmo raised to cover no_path_retry */
	TMO_FIO_OFF = 2,	/* fast_io_fail off: not below dev_loss_tmo */
	TMO_LIMITED = 4,	/* dev_loss_tmo cut to 600 without fast_io_fail */
	TMO_UNSUPPORTED = 8,	/* a transport without these timeouts */
	TMO_NO_PORT = 16,	/* the transport's class device was not found */
	TMO_UNREADABLE = 32,	/* rport dev_loss_tmo unreadable: port left */
	TMO_ISCSI_DEV_LOSS = 64,	/* dev_loss_tmo means nothing on iSCSI */
	TMO_ISCSI_FIO = 128,	/* fast_io_fail off or 0: not on iSCSI */
};

struct tmo_plan {
	struct tmo_write w[4];
	size_t n;
	unsigned notes;		/* enum tmo_note bits */
	unsigned dev_loss;	/* dev_loss_tmo after the rules, 0 unset */
};

/* The writes for one path with directories d. rport_dev_loss is the FC
 * remote port's dev_loss_tmo now, or -1 when it could not be read (only
 * FC needs it). */
void tmo_plan(const struct tmo_settings *s, const struct tmo_dirs *d,
	      long long rport_dev_loss, struct tmo_plan *out);
