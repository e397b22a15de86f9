#include "dm/prio.h"

#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "util/str.h"

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

int alua_prio(enum alua_state state, int preferred, int exclusive)
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
	/* an optimized path is preferred anyway: the bit only counts there
	 * when asked to (multipath-tools 0.9) */
	if (preferred > 0 && (state != ALUA_OPTIMIZED || exclusive))
		prio += 80;
	return prio;
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
		struct cfg_re rx = { 0 };
		char bad[128];
		int prio, match;

		num = strtok_r(NULL, " \t", &save);
		if (!num || str_to_int(num, 0, INT_MAX, &prio)) {
			snprintf(why, why_len, "prio_args '%s': regex '%s' needs "
				 "a priority after it (0 to %d)", args, re,
				 INT_MAX);
			return -EINVAL;
		}
		/* checked like the configuration's own regexes */
		if (cfg_re_prepare(&rx, re, bad, sizeof(bad))) {
			snprintf(why, why_len, "prio_args '%s': bad regex '%s': "
				 "%s", args, re, bad);
			return -EINVAL;
		}
		match = cfg_re_match(&rx, re, subject);
		cfg_re_free(&rx);
		if (match)
			return prio;
	}
	return 0;
}

/* A reply as multipath-tools reads it: into a zeroed buffer, so bytes the
 * device did not send read as 0. */
static void reply_copy(unsigned char *dst, size_t size,
		       const unsigned char *src, size_t len)
{
	memset(dst, 0, size);
	if (src)
		memcpy(dst, src, len < size ? len : size);
}

void emc_upr_read(const unsigned char *buf, size_t len, struct emc_upr *u)
{
	unsigned char b[128];

	reply_copy(b, sizeof(b), buf, len);
	u->known = b[1] == 0xc0 && b[9] == 0x00;
	u->failover = b[27] == 0x03 && ((b[28] & 0x07) == 0x04 ||
					(b[28] & 0x07) == 0x06) &&
		      (b[30] & 0x04);
	u->lun_op = b[48];
	u->lun_state = b[4];
	u->default_owner = b[5] == b[8];
	memcpy(u->wwn, b + 10, sizeof(u->wwn));
}

int prio_emc_parse(const unsigned char *buf, size_t len, const char **why)
{
	struct emc_upr u;

	emc_upr_read(buf, len, &u);
	if (!u.known) {
		*why = "path unit report page in unknown format";
		return PRIO_UNDEF;
	}
	if (!u.failover) {
		*why = "path not correctly configured for failover";
		return PRIO_UNDEF;
	}
	if (u.lun_op) {
		*why = "path not available for normal operations";
		return PRIO_UNDEF;
	}
	/* LUN state, +2 when this path's SP is the default owner */
	return u.lun_state + (u.default_owner ? 2 : 0);
}

void rdac_vac_read(const unsigned char *buf, size_t len, struct rdac_vac *v)
{
	unsigned char b[128];

	reply_copy(b, sizeof(b), buf, len);
	v->known = b[1] == 0xc9 && b[3] == 0x2c && !memcmp(b + 4, "vac", 3);
	v->pq_pdt = b[0];
	v->owner = b[8] & 0x01;
	v->ioship = !!(b[8] & 0x20);
	v->tpg_data = !!(b[8] & 0x10);
	v->path = b[9] & 0x0f;
	v->aas_cur = b[10] & 0x0f;
	v->aas_alt = b[12] & 0x0f;
}

int prio_rdac_parse(const unsigned char *buf, size_t len, const char **why)
{
	struct rdac_vac v;
	int prio = 0;

	rdac_vac_read(buf, len, &v);
	if (!v.known) {
		*why = "volume access control page in unknown format";
		return 0;
	}
	if (v.owner)			/* owned by this controller */
		prio |= 0x02;
	switch (v.path) {
	case 0x01:			/* preferred path */
		prio |= 0x04;
		break;
	case 0x02:			/* secondary path */
		prio |= 0x01;
		break;
	}
	if (v.ioship)			/* I/O shipping */
		prio |= 0x08;
	return prio;
}

int prio_hp_sw_result(const struct sgio_result *r, int *retry)
{
	unsigned char status = r->status & 0x7e, s[32];
	int prio = 0;
	unsigned key, asc, ascq;

	*retry = 0;
	if (!status && !r->host_status && !r->driver_status)
		return 4;
	if (status != 0x02 && status != 0x22 &&	/* check condition, */
	    (r->driver_status & 0x0f) != 0x08)		/* terminated, sense */
		return 0;
	if (r->sense_len <= 2)
		return 0;
	reply_copy(s, sizeof(s), r->sense, r->sense_len);
	if (s[0] & 0x02) {		/* descriptor format */
		key = s[1] & 0x0f;
		asc = s[2];
		ascq = s[3];
	} else {
		key = s[2] & 0x0f;
		asc = s[12];
		ascq = s[13];
	}
	if (key == 0x01)		/* recovered error */
		prio = 4;
	else if (key == 0x02 && asc == 0x04 && ascq == 0x02)
		prio = 2;		/* not ready, manual intervention: standby */
	else if (key == 0x06 && asc == 0x29)
		*retry = 1;		/* unit attention: reset */
	return prio;
}

int prio_ontap_gva_parse(const unsigned char *buf, size_t len,
			 const char **why)
{
	unsigned char b[256];
	unsigned long total;

	reply_copy(b, sizeof(b), buf, len);
	if (b[4] != 0x0a || b[5] != 0x98 || b[6] != 0x0a || b[7] != 0x01) {
		*why = "GET VOLUME ATTRIBUTES reply in unknown format";
		return 0;
	}
	total = (unsigned long)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	if (total <= 8 || b[8] != 0x41)
		return -EAGAIN;
	if (!memcmp(b + 12, "ism_sw", 6) || !memcmp(b + 12, "iswt", 4))
		return 2;
	if (!memcmp(b + 12, "ism_sn", 6))
		return 3;
	return -EAGAIN;
}

int prio_ontap_proxy_parse(const unsigned char *buf, size_t len,
			   const char **why)
{
	static const unsigned char id[] = { 0x0a, 0x98, 0x0a, 0x00, 0xc1, 0x00 };
	unsigned char b[256];

	reply_copy(b, sizeof(b), buf, len);
	if (b[1] != 0xc1 || memcmp(b + 8, id, sizeof(id))) {
		*why = "proxy info page in unknown format";
		return 4;
	}
	return b[19] & 0x02 ? 1 : 4;
}

/* 0 even, 1 odd, -1 neither (hds counts A-F as hex digits). */
static int parity(unsigned char c, int hex)
{
	if (c >= '0' && c <= '9')
		return (c - '0') & 1;
	if (hex && c >= 'A' && c <= 'F')
		return (c - 'A') & 1;
	return -1;
}

int prio_hds_parse(const unsigned char *buf, size_t len, const char **why)
{
	unsigned char b[255];
	int ctrl, ldev;

	reply_copy(b, sizeof(b), buf, len);
	/* the LDEV is bytes 44-47 as text: a NUL cuts it short */
	ldev = memchr(b + 44, 0, 4) ? -1 : parity(b[47], 1);
	ctrl = parity(b[49], 0);
	if (ldev < 0 || ctrl < 0) {
		*why = "controller or LDEV number is not a digit";
		return PRIO_UNDEF;
	}
	return ctrl == ldev;
}

int prio_datacore_args(const char *args, char *name, size_t name_len,
		       unsigned *timeout_ms, const char **why)
{
	char sds[256];
	int timeout = 2000;

	if (sscanf(args, "timeout=%i preferredsds=%255s", &timeout, sds) != 2 &&
	    sscanf(args, "preferredsds=%255s timeout=%i", sds, &timeout) != 2 &&
	    sscanf(args, "preferredsds=%255s", sds) != 1) {
		*why = "prio_args: expected preferredsds=NAME";
		return -EINVAL;
	}
	if (strlen(sds) <= 1) {
		*why = "prio_args: preferredsds too short (2 characters at least)";
		return -EINVAL;
	}
	if (timeout < 500 || timeout > 20000) {
		*why = "prio_args: timeout out of range (500 to 20000)";
		return -EINVAL;
	}
	if (str_copy(name, sds, name_len) >= name_len) {
		*why = "prio_args: preferredsds too long";
		return -EINVAL;
	}
	*timeout_ms = (unsigned)timeout;
	return 0;
}

int prio_datacore_parse(const unsigned char *buf, size_t len,
			const char *name)
{
	unsigned char b[255];
	char sds[17];

	reply_copy(b, sizeof(b), buf, len);
	memcpy(sds, b + 112, 16);
	sds[16] = '\0';
	return strstr(sds, name) != NULL;
}

int prio_iet(const char *args, const struct path *p, const char **why)
{
	char want[256];
	regex_t rx;
	regmatch_t m;
	size_t n;

	if (sscanf(args, "preferredip=%255s", want) != 1) {
		*why = "prio_args: expected preferredip=ADDRESS";
		return 0;
	}
	if (strlen(want) <= 7) {
		*why = "prio_args: preferredip too short";
		return 0;
	}
	if (p->transport != TRANSPORT_ISCSI ||
	    regcomp(&rx, "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
		    REG_EXTENDED))
		return 10;
	n = regexec(&rx, p->iscsi.address, 1, &m, 0) ? 0 :
	    (size_t)(m.rm_eo - m.rm_so);
	regfree(&rx);
	/* as multipath-tools compares: the portal's address a prefix of
	 * the preferred one */
	return n && !strncmp(p->iscsi.address + m.rm_so, want, n) ? 20 : 10;
}

/* The commands each prioritizer sends: cdb length, bytes to read, cdb.
 * The allocation lengths are multipath-tools' own. */
#define CMD(cdb_len_, len_, ...) \
	{ .cdb = { __VA_ARGS__ }, .cdb_len = cdb_len_, .len = len_ }
static const struct prio_cmd
	/* REPORT TARGET PORT GROUPS, allocation length 4096 */
	cmd_rtpg = CMD(12, 4096, 0xa3, 0x0a, 0, 0, 0, 0, 0x00, 0x00, 0x10, 0x00),
	cmd_emc = CMD(6, 128, 0x12, 0x01, 0xc0, 0, 128, 0),
	cmd_rdac = CMD(6, 128, 0x12, 0x01, 0xc9, 0, 128, 0),
	cmd_tur = CMD(6, 0, 0),
	cmd_ontap_gva = CMD(10, 256, 0xc0, 0, 0x01, 0x0a, 0x98, 0x0a, 0x41,
			    128, 0, 0),
	cmd_ontap_proxy = CMD(6, 256, 0x12, 0x01, 0xc1, 0, 128, 0),
	/* standard INQUIRY, for hds and datacore */
	cmd_inquiry = CMD(6, 255, 0x12, 0, 0, 0, 255, 0);
#undef CMD

/* Whether prio_args holds the word exclusive_pref_bit (its first
 * occurrence, as multipath-tools looks). */
static int exclusive_pref(const char *args)
{
	const char *w = strstr(args, "exclusive_pref_bit");

	return w && (w == args || w[-1] == ' ' || w[-1] == '\t') &&
	       (!w[18] || w[18] == ' ' || w[18] == '\t');
}

static int is(const struct mp_attrs *a, const char *name)
{
	return !strcmp(a->prio, name);
}

/* Whether answer i reached the device and came back without error. */
static int answered(const struct prio_answer *ans, size_t n, size_t i)
{
	return i < n && !ans[i].rc && ans[i].res.ok;
}

int prio_next_cmd(const struct mp_attrs *a, const struct path *p,
		  const struct prio_answer *ans, size_t n, struct prio_cmd *cmd)
{
	const struct prio_cmd *next = NULL;
	int retry;

	if (!path_usable(p) || n >= PRIO_MAX_CMDS)
		return 0;
	if (is(a, "alua")) {
		if (!n && !p->access_state[0] && p->tpg >= 0)
			next = &cmd_rtpg;
	} else if (is(a, "emc")) {
		next = n ? NULL : &cmd_emc;
	} else if (is(a, "rdac")) {
		next = n ? NULL : &cmd_rdac;
	} else if (is(a, "hds")) {
		next = n ? NULL : &cmd_inquiry;
	} else if (is(a, "datacore")) {
		char name[256];
		unsigned timeout;
		const char *why;

		if (!n && !prio_datacore_args(a->prio_args, name, sizeof(name),
					      &timeout, &why)) {
			*cmd = cmd_inquiry;
			cmd->timeout_ms = timeout;
			return 1;
		}
	} else if (is(a, "hp_sw")) {
		if (!n || (!ans[n - 1].rc &&
			   (prio_hp_sw_result(&ans[n - 1].res, &retry), retry)))
			next = &cmd_tur;
	} else if (is(a, "ontap")) {
		const char *why;

		if (!n)
			next = &cmd_ontap_gva;
		else if (n == 1 && answered(ans, n, 0) &&
			 prio_ontap_gva_parse(ans[0].data, ans[0].res.len,
					      &why) == -EAGAIN)
			next = &cmd_ontap_proxy;
	}
	if (!next)
		return 0;
	*cmd = *next;
	return 1;
}

/* Why a command brought nothing back, for the log. */
static const char *failure(const struct prio_answer *ans, size_t n)
{
	if (!n)
		return "not asked";
	if (ans[n - 1].rc)
		return strerror(-ans[n - 1].rc);
	return "the device returned an error";
}

static int prio_alua(const struct mp_attrs *a, const struct path *p,
		     const struct prio_answer *ans, size_t n)
{
	int exclusive = exclusive_pref(a->prio_args), preferred, rc;
	enum alua_state state;

	if (p->access_state[0])
		return prio_sysfs_refresh(prio_sysfs_kind(a, p),
					  p->access_state, p->preferred);
	if (is(a, "sysfs")) {
		log_info("%s: prio sysfs: no access_state in sysfs", p->dev);
		return PRIO_UNDEF;
	}
	if (p->tpg < 0) {
		log_warn("%s: prio alua: no target port group in VPD page "
			 "0x83: priority undefined", p->dev);
		return PRIO_UNDEF;
	}
	if (!answered(ans, n, 0)) {
		log_warn("%s: prio alua: REPORT TARGET PORT GROUPS failed (%s): "
			 "priority undefined", p->dev, failure(ans, n));
		return PRIO_UNDEF;
	}
	rc = alua_rtpg_lookup(ans[0].data, ans[0].res.len, p->tpg, &state,
			      &preferred);
	if (rc) {
		log_warn("%s: prio alua: target port group %d %s: priority "
			 "undefined", p->dev, p->tpg, rc == -ENOENT ?
			 "is not in the reply" : "reply is malformed");
		return PRIO_UNDEF;
	}
	return alua_prio(state, preferred, exclusive);
}

/* emc, rdac and hds: one inquiry, then a parser. */
static int prio_inquiry(const struct mp_attrs *a, const struct path *p,
			const struct prio_answer *ans, size_t n,
			int (*parse)(const unsigned char *, size_t,
				     const char **), int failed)
{
	const char *why = NULL;
	int prio;

	if (!answered(ans, n, 0)) {
		log_warn("%s: prio %s: inquiry failed (%s): priority %d",
			 p->dev, a->prio, failure(ans, n), failed);
		return failed;
	}
	prio = parse(ans[0].data, ans[0].res.len, &why);
	if (why)
		log_warn("%s: prio %s: %s: priority %d", p->dev, a->prio, why,
			 prio);
	return prio;
}

static int prio_ontap(const struct prio_answer *ans, size_t n,
		      const struct path *p)
{
	const char *why = NULL;
	int prio;

	if (!answered(ans, n, 0)) {
		log_warn("%s: prio ontap: GET VOLUME ATTRIBUTES failed (%s): "
			 "priority 0", p->dev, failure(ans, n));
		return 0;
	}
	prio = prio_ontap_gva_parse(ans[0].data, ans[0].res.len, &why);
	if (prio != -EAGAIN) {
		if (why)
			log_warn("%s: prio ontap: %s: priority 0", p->dev, why);
		return prio;
	}
	if (!answered(ans, n, 1))
		return 4;	/* proxy or not unknown: as a direct path */
	prio = prio_ontap_proxy_parse(ans[1].data, ans[1].res.len, &why);
	if (why)
		log_warn("%s: prio ontap: %s", p->dev, why);
	return prio;
}

/* multipath-tools' datacore gives 0 for anything that goes wrong. */
static int prio_datacore(const struct mp_attrs *a, const struct path *p,
			 const struct prio_answer *ans, size_t n)
{
	char name[256];
	unsigned timeout;
	const char *why;

	if (prio_datacore_args(a->prio_args, name, sizeof(name), &timeout,
			       &why)) {
		log_warn("%s: prio datacore: %s: priority 0", p->dev, why);
		return 0;
	}
	if (!answered(ans, n, 0)) {
		log_warn("%s: prio datacore: inquiry failed (%s): priority 0",
			 p->dev, failure(ans, n));
		return 0;
	}
	return prio_datacore_parse(ans[0].data, ans[0].res.len, name);
}

int prio_sysfs_kind(const struct mp_attrs *a, const struct path *p)
{
	if ((!is(a, "alua") && !is(a, "sysfs")) || !p->access_state[0])
		return 0;
	return exclusive_pref(a->prio_args) ? 2 : 1;
}

int prio_sysfs_refresh(int kind, const char *access_state, int preferred)
{
	return alua_prio(alua_state_parse(access_state), preferred, kind == 2);
}

int prio_get(const struct mp_attrs *a, const struct path *p,
	     const struct prio_answer *ans, size_t n)
{
	char why[256];
	int prio, retry;

	if (!path_usable(p))
		return PRIO_UNDEF;	/* multipath-tools never asks it */
	if (is(a, "const") || !a->prio[0])
		return 1;
	if (is(a, "sysfs") || is(a, "alua"))
		return prio_alua(a, p, ans, n);
	if (is(a, "weightedpath")) {
		prio = prio_weighted(a->prio_args, p, why, sizeof(why));
		if (prio >= 0)
			return prio;
		log_warn("%s: prio weightedpath: %s: priority 0", p->dev, why);
		return 0;
	}
	if (is(a, "emc"))
		return prio_inquiry(a, p, ans, n, prio_emc_parse, PRIO_UNDEF);
	if (is(a, "rdac"))
		return prio_inquiry(a, p, ans, n, prio_rdac_parse, 0);
	if (is(a, "hds"))
		return prio_inquiry(a, p, ans, n, prio_hds_parse, PRIO_UNDEF);
	if (is(a, "hp_sw"))
		return n && !ans[n - 1].rc ?
			prio_hp_sw_result(&ans[n - 1].res, &retry) : 0;
	if (is(a, "ontap"))
		return prio_ontap(ans, n, p);
	if (is(a, "datacore"))
		return prio_datacore(a, p, ans, n);
	if (is(a, "iet")) {
		const char *why = NULL;

		prio = prio_iet(a->prio_args, p, &why);
		if (why)
			log_warn("%s: prio iet: %s: priority 0", p->dev, why);
		return prio;
	}
	log_warn("%s: prioritizer '%s' is not supported by mpboot: priority "
		 "undefined", p->dev, a->prio);
	return PRIO_UNDEF;
}
