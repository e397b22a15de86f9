#include "dm/prio.h"

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "scan/sgio.h"

static const struct {
	const char *text;
	enum alua_state state;
} alua_names[] = {
	{ "active/optimized",		ALUA_OPTIMIZED },
	{ "active/non-optimized",	ALUA_NON_OPTIMIZED },
	{ "standby",			ALUA_STANDBY },
	{ "unavailable",		ALUA_UNAVAILABLE },
	{ "lba-dependent",		ALUA_LBA_DEPENDENT },
	{ "offline",			ALUA_OFFLINE },
	{ "transitioning",		ALUA_TRANSITIONING },
};

enum alua_state alua_state_parse(const char *text)
{
	size_t i;

	for (i = 0; i < sizeof(alua_names) / sizeof(alua_names[0]); i++)
		if (!strcmp(text, alua_names[i].text))
			return alua_names[i].state;
	return ALUA_UNKNOWN;
}

int alua_prio(enum alua_state state, int preferred)
{
	int prio;

	switch (state) {
	case ALUA_OPTIMIZED:
		prio = 50;
		break;
	case ALUA_NON_OPTIMIZED:
		prio = 10;
		break;
	case ALUA_LBA_DEPENDENT:
		prio = 5;
		break;
	case ALUA_STANDBY:
		prio = 1;
		break;
	default:
		prio = 0;
	}
	return prio + (preferred > 0 ? 80 : 0);
}

/* RTPG response: 4-byte length header (or 8 with the extended format, when
 * byte 4 bits 4-6 say format 1), then 8-byte descriptors each followed by
 * 4 bytes per target port. */
int alua_rtpg_lookup(const unsigned char *buf, size_t len, int tpg,
		     enum alua_state *state, int *preferred)
{
	size_t total, off;

	if (len < 4)
		return -EINVAL;
	total = 4 + ((size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
		     (size_t)buf[2] << 8 | buf[3]);
	off = 4;
	if (len >= 8 && ((buf[4] >> 4) & 0x7) == 1)
		off = 8;	/* extended header */
	if (total > len)
		total = len;	/* the response was cut: look at what we have */
	while (off + 8 <= total) {
		int id = buf[off + 2] << 8 | buf[off + 3];
		size_t ports = buf[off + 7];

		if (id == tpg) {
			*state = buf[off] & 0x0f;
			*preferred = !!(buf[off] & 0x80);
			return 0;
		}
		off += 8 + 4 * ports;
	}
	return -ENOENT;
}

static const char *weighted_subject(const char *kind, const struct path *p,
				    char *buf, size_t len)
{
	if (!strcmp(kind, "hbtl")) {
		snprintf(buf, len, "%d:%d:%d:%llu", p->host, p->channel,
			 p->target, p->lun);
		return buf;
	}
	if (!strcmp(kind, "devname"))
		return p->dev;
	if (!strcmp(kind, "serial"))
		return p->serial;
	return NULL;
}

int prio_weighted(const char *args, const struct path *p, char *why,
		  size_t why_len)
{
	char copy[256], subject_buf[64], *save = NULL, *kind, *re, *num;
	const char *subject;

	if (strlen(args) >= sizeof(copy)) {
		snprintf(why, why_len, "prio_args too long");
		return -EINVAL;
	}
	strcpy(copy, args);
	kind = strtok_r(copy, " \t", &save);
	if (!kind || !(subject = weighted_subject(kind, p, subject_buf,
						   sizeof(subject_buf)))) {
		snprintf(why, why_len, "prio_args '%s': expected hbtl, devname "
			 "or serial first", args);
		return -EINVAL;
	}
	while ((re = strtok_r(NULL, " \t", &save))) {
		regex_t rx;
		char *end;
		long prio;
		int match;

		num = strtok_r(NULL, " \t", &save);
		if (!num || (prio = strtol(num, &end, 10), *end) || prio < 0) {
			snprintf(why, why_len, "prio_args '%s': regex '%s' needs "
				 "a priority number after it", args, re);
			return -EINVAL;
		}
		if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB)) {
			snprintf(why, why_len, "prio_args '%s': bad regex '%s'",
				 args, re);
			return -EINVAL;
		}
		match = !regexec(&rx, subject, 0, NULL, 0);
		regfree(&rx);
		if (match)
			return (int)prio;
	}
	return 0;
}

/* REPORT TARGET PORT GROUPS for a path whose sysfs has no ALUA state (no
 * alua device handler attached). */
static int alua_rtpg(const struct path *p, int devfd, enum alua_state *state,
		     int *preferred)
{
	unsigned char cdb[12] = { 0xa3, 0x0a }, buf[4096];
	int fd, n;

	if (p->tpg < 0)
		return -ENODATA;	/* no target port group in VPD 0x83 */
	cdb[6] = sizeof(buf) >> 24;
	cdb[7] = sizeof(buf) >> 16 & 0xff;
	cdb[8] = sizeof(buf) >> 8 & 0xff;
	cdb[9] = sizeof(buf) & 0xff;
	fd = openat(devfd, p->dev, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = sgio_cmd(fd, cdb, sizeof(cdb), buf, sizeof(buf), SGIO_TIMEOUT_MS);
	close(fd);
	if (n < 0)
		return n;
	return alua_rtpg_lookup(buf, n, p->tpg, state, preferred);
}

int prio_get(const struct mp_attrs *a, const struct path *p, int devfd)
{
	enum alua_state state;
	char why[256];
	int prio, preferred, rc;

	if (!strcmp(a->prio, "const") || !a->prio[0])
		return 1;
	if (!strcmp(a->prio, "sysfs") || !strcmp(a->prio, "alua")) {
		if (p->access_state[0]) {
			state = alua_state_parse(p->access_state);
			return alua_prio(state, p->preferred);
		}
		if (!strcmp(a->prio, "sysfs")) {
			log_info("%s: prio sysfs: no access_state in sysfs: "
				 "priority 0", p->dev);
			return 0;
		}
		rc = alua_rtpg(p, devfd, &state, &preferred);
		if (rc) {
			log_warn("%s: prio alua: no ALUA state (%s): priority 0",
				 p->dev, rc == -ENODATA ? "no target port group "
				 "in VPD page 0x83" : strerror(-rc));
			return 0;
		}
		return alua_prio(state, preferred);
	}
	if (!strcmp(a->prio, "weightedpath")) {
		prio = prio_weighted(a->prio_args, p, why, sizeof(why));
		if (prio >= 0)
			return prio;
		log_warn("%s: prio weightedpath: %s: priority 0", p->dev, why);
		return 0;
	}
	log_warn("%s: prioritizer '%s' is not supported: priority 0", p->dev,
		 a->prio);
	return 0;
}
