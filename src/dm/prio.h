/* Path priorities (multipath-tools' prioritizers const, alua, sysfs,
 * weightedpath). Higher is better; a group's priority is the average of
 * its usable paths' (prio_average in map.h). */
#pragma once

#include <stddef.h>

#include "config/config.h"
#include "scan/path.h"

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
 * +80 when the port group is the preferred one. */
int alua_prio(enum alua_state state, int preferred);

/* From a REPORT TARGET PORT GROUPS response: the state and preferred bit of
 * target port group tpg. Returns 0, -ENOENT when tpg is not listed, or
 * -EINVAL for a malformed response. */
int alua_rtpg_lookup(const unsigned char *buf, size_t len, int tpg,
		     enum alua_state *state, int *preferred);

/* weightedpath: prio_args "hbtl|devname|serial REGEX PRIO [REGEX PRIO]..."
 * The first regex that matches gives the priority; none matching gives 0.
 * Returns the priority, or -EINVAL for bad arguments (why says what). */
int prio_weighted(const char *args, const struct path *p, char *why,
		  size_t why_len);

/* The priority of p under the prioritizer a->prio. devfd is the /dev root
 * for SG_IO when sysfs has no ALUA state. Never fails: a prioritizer that
 * cannot tell gives 0 and logs why. */
int prio_get(const struct mp_attrs *a, const struct path *p, int devfd);
