/* Path priorities: multipath-tools' prioritizers const, sysfs, alua,
 * weightedpath, emc, rdac, hp_sw, ontap and hds (every one its 0.9.4
 * hardware table names), iet and datacore. Higher is better; a group's priority is the
 * average of its usable paths' (prio_average in map.h).
 *
 * No I/O here. A prioritizer that must ask the device says which SCSI
 * commands to send (prio_next_cmd); the caller sends them and hands the
 * answers back (prio_get), which parses them as multipath-tools does. */
#pragma once

#include <stddef.h>

#include "config/config.h"
#include "scan/path.h"
#include "scan/sgio.h"

/* The prioritizer could not tell (multipath-tools' PRIO_UNDEF); also the
 * priority of a path that is not running, which is never asked. */
#define PRIO_UNDEF	(-1)

/* The most commands one path's priority takes (hp_sw retries after a
 * device reset; ontap asks twice). */
#define PRIO_MAX_CMDS	4

/* A command to send: cdb, how many bytes to read back (0: none), and how
 * long the device may take (0: SGIO_TIMEOUT_MS). */
struct prio_cmd {
	unsigned char cdb[16];
	size_t cdb_len;
	size_t len;
	unsigned timeout_ms;
};

/* What one command brought back. */
struct prio_answer {
	int rc;			/* 0 sent (res says how it went), or -errno */
	struct sgio_result res;
	const unsigned char *data;	/* res.len bytes */
};

/* The next command prioritizer a->prio sends to path p, given the answers
 * to the n commands sent so far. Returns 1 with *cmd filled, or 0 when it
 * has what it needs. */
int prio_next_cmd(const struct mp_attrs *a, const struct path *p,
		  const struct prio_answer *ans, size_t n, struct prio_cmd *cmd);

/* The priority of p under a->prio, from the answers to its commands.
 * Never fails: a prioritizer that cannot tell gives what multipath-tools'
 * gives in that case (often PRIO_UNDEF) and logs why; one mpboot does not
 * have (random, path_latency, ana) gives PRIO_UNDEF. */
int prio_get(const struct mp_attrs *a, const struct path *p,
	     const struct prio_answer *ans, size_t n);

/* ALUA asymmetric access states (SPC-4), as REPORT TARGET PORT GROUPS and
 * sysfs access_state give them. */
enum alua_state {
	ALUA_OPTIMIZED = 0,
	ALUA_NON_OPTIMIZED = 1,
	ALUA_STANDBY = 2,
	ALUA_UNAVAILABLE = 3,
	ALUA_LBA_DEPENDENT = 4,
	ALUA_OFFLINE = 0xe,
	ALUA_TRANSITIONING = 0xf,
	ALUA_UNKNOWN = -1,
};

/* sysfs access_state text ("active/optimized", "standby", ...). */
enum alua_state alua_state_parse(const char *text);

/* optimized 50, non-optimized 10, lba-dependent 5, standby 1, else 0;
 * +80 when the port group is the preferred one, except for an optimized
 * one unless exclusive (prio_args "exclusive_pref_bit"). */
int alua_prio(enum alua_state state, int preferred, int exclusive);

/* Whether the daemon may read p's priority under a again at each good
 * check, as multipathd does: only for prio alua or sysfs answered by the
 * sysfs access_state attribute (the other prioritizers send commands,
 * which would block the loop on a hung path). Returns 0 (no), 1 (yes),
 * or 2 (yes, with prio_args exclusive_pref_bit), for prio_sysfs_refresh. */
int prio_sysfs_kind(const struct mp_attrs *a, const struct path *p);

/* The priority that access_state (its attribute's text) gives a path of
 * prio_sysfs_kind kind with ALUA preferred bit preferred. */
int prio_sysfs_refresh(int kind, const char *access_state, int preferred);

/* From a REPORT TARGET PORT GROUPS response: the state and preferred bit of
 * target port group tpg. Returns 0, -ENOENT when tpg is not listed, or
 * -EINVAL for a malformed response. */
int alua_rtpg_lookup(const unsigned char *buf, size_t len, int tpg,
		     enum alua_state *state, int *preferred);

/* weightedpath: prio_args "hbtl|devname|serial REGEX PRIO [REGEX PRIO]..."
 * The first regex that matches gives the priority (0 to INT_MAX); none
 * matching gives 0. Returns the priority, or -EINVAL for bad arguments
 * (why says what). */
int prio_weighted(const char *args, const struct path *p, char *why,
		  size_t why_len);

/* The array-specific replies, each read as multipath-tools reads it (bytes
 * the device did not send count as 0). why says what was wrong when the
 * reply was not understood. */

/* emc: INQUIRY page 0xc0 (CLARiiON unit path report). LUN state (0-2),
 * +2 when this path's SP is the default owner; PRIO_UNDEF when the page is
 * unknown, the path is not set up for failover or the LUN not in normal
 * operation. */
int prio_emc_parse(const unsigned char *buf, size_t len, const char **why);

/* INQUIRY page 0xc0 (CLARiiON unit path report), the fields the emc
 * prioritizer and the emc_clariion checker read; bytes the device did not
 * send read as 0. */
struct emc_upr {
	int known;		/* page 0xc0, revision 0 */
	int failover;		/* set up for failover: initiator type 3,
				 * failover mode 4 (PNR) or 6 (ALUA),
				 * arraycommpath on */
	int lun_op;		/* byte 48: 0 in normal operation */
	int lun_state;		/* 0 unbound or LUNZ, 1 bound, 2 owned here */
	int default_owner;	/* this path's SP is the default owner */
	unsigned char wwn[16];	/* the LUN's WWN */
};
void emc_upr_read(const unsigned char *buf, size_t len, struct emc_upr *u);

/* INQUIRY page 0xc9 (RDAC volume access control), the fields the rdac
 * prioritizer and the rdac checker read; bytes the device did not send
 * read as 0. */
struct rdac_vac {
	int known;		/* page 0xc9, length 0x2c, "vac" signature */
	unsigned char pq_pdt;	/* byte 0: peripheral qualifier and type */
	int owner;		/* this controller owns the volume */
	int ioship;		/* I/O shipping is on */
	int tpg_data;		/* the ALUA states below are given */
	int path;		/* 1 preferred path, 2 secondary path */
	int aas_cur, aas_alt;	/* ALUA state here / on the other controller */
};
void rdac_vac_read(const unsigned char *buf, size_t len, struct rdac_vac *v);

/* rdac: INQUIRY page 0xc9 (volume access control). 2 when this controller
 * owns the volume, 4 preferred path / 1 secondary path, 8 I/O shipping;
 * 0 when the page is unknown. */
int prio_rdac_parse(const unsigned char *buf, size_t len, const char **why);

/* hp_sw: TEST UNIT READY. 4 active (or recovered error), 2 standby (not
 * ready, 04/02), 0 failed. *retry is set when the device reports a reset
 * (unit attention 29/xx): multipath-tools asks again. */
int prio_hp_sw_result(const struct sgio_result *r, int *retry);

/* ontap: GET VOLUME ATTRIBUTES page 0x41. 3 iSCSI HBA, 2 iSCSI software,
 * 0 when the command's reply is malformed, or -EAGAIN when the proxy
 * inquiry must decide. */
int prio_ontap_gva_parse(const unsigned char *buf, size_t len,
			 const char **why);
/* ontap: INQUIRY page 0xc1 (proxy info). 1 a proxy path (FCP through the
 * partner), 4 otherwise or when the page is unknown. */
int prio_ontap_proxy_parse(const unsigned char *buf, size_t len,
			   const char **why);

/* datacore: prio_args "[timeout=MS ]preferredsds=NAME" or
 * "preferredsds=NAME[ timeout=MS]" (NAME at least 2 characters, MS 500 to
 * 20000). Returns 0 with *name (size name_len) and *timeout_ms set, or
 * -EINVAL (why says what). */
int prio_datacore_args(const char *args, char *name, size_t name_len,
		       unsigned *timeout_ms, const char **why);
/* datacore: standard INQUIRY. 1 when the storage server's name (16
 * characters at byte 112) contains name, else 0. */
int prio_datacore_parse(const unsigned char *buf, size_t len,
			const char *name);

/* iet: prio_args "preferredip=ADDR". 20 when the IPv4 address of the
 * path's iSCSI portal starts ADDR's text, else 10; 0 for bad arguments
 * (why says what). multipath-tools reads the address from
 * /dev/disk/by-path, which only udev makes; mpboot takes the session's
 * persistent_address, the same address. */
int prio_iet(const char *args, const struct path *p, const char **why);

/* hds: standard INQUIRY. 1 when the controller (byte 49) and the LDEV's
 * last hex digit (byte 47) are both even or both odd, else 0;
 * PRIO_UNDEF when they are not digits. */
int prio_hds_parse(const unsigned char *buf, size_t len, const char **why);
