/* One SCSI path (an sd device) as the scanner found it in sysfs. This is the
 * record every later stage (config matching, grouping, tables, list) reads;
 * the scanner is the only writer. Strings are "" when unknown. */
#pragma once

#include <stddef.h>

enum path_transport {
	TRANSPORT_OTHER,	/* virtio-scsi, parallel SCSI, ... */
	TRANSPORT_ISCSI,
	TRANSPORT_FC,
	TRANSPORT_SAS,
};

struct path {
	char dev[32];		/* kernel name, "sdb" */
	unsigned major, minor;
	int host, channel, target;
	unsigned long long lun;
	char vendor[9], model[17], rev[5];	/* INQUIRY, trailing spaces cut */
	char state[24];		/* device/state: running, offline, blocked... */
	unsigned long long size;	/* 512-byte sectors */
	unsigned logical_block_size;
	char wwid[256];		/* "" when the LUN offers no usable designator */
	char serial[256];	/* VPD 0x80, for group_by_serial */
	char dh_state[16];	/* attached device handler: "alua", "detached" */
	char access_state[32];	/* ALUA: "active/optimized", ... */
	int preferred;		/* ALUA preferred_path bit, -1 unknown */
	int tpg;		/* target port group from VPD 0x83, -1 unknown */
	int rel_port;		/* relative target port from VPD 0x83, -1 unknown */
	enum path_transport transport;
	union {
		struct {
			char targetname[224];	/* IQN */
			int tpgt;
			char session_state[24];	/* LOGGED_IN, FAILED, FREE */
			char address[64];	/* persistent_address */
			int port;		/* persistent_port */
			int session;		/* N of sessionN */
		} iscsi;
		struct {
			char node_name[24];	/* remote port, "0x5006..." */
			char port_name[24];
			char port_state[16];	/* Online, Blocked, ... */
		} fc;
		struct {
			char address[24];	/* sas_address */
		} sas;
	};
};

/* The scanner (scan/scan.h) returns paths sorted by (host, channel, target,
 * lun), ties by device name. */

/* "scsi:iscsi", "scsi:fcp", "scsi:sas", "scsi:unspec": the protocol names
 * multipath.conf's blacklist `protocol` matches. */
const char *path_protocol(const struct path *p);

/* A path is usable for I/O and priorities unless its device is offline,
 * blocked for good or deleted. */
int path_usable(const struct path *p);
