/* Prioritizers: which SCSI commands each sends, and what it makes of the
 * replies. The reply buffers follow the layouts multipath-tools' parsers
 * read (libmultipath/prioritizers/), with the documented example of the
 * hds prioritizer; QEMU cannot play these arrays. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dm/prio.h"
#include "t.h"
#include "util/str.h"

static struct path mkpath(const char *dev)
{
	struct path p = { .major = 8, .minor = 16, .tpg = -1, .rel_port = -1,
			  .preferred = -1 };

	str_copy(p.dev, dev, sizeof(p.dev));
	str_copy(p.state, "running", sizeof(p.state));
	return p;
}

static void attrs(struct mp_attrs *a, const char *prio, const char *args)
{
	memset(a, 0, sizeof(*a));
	str_copy(a->prio, prio, sizeof(a->prio));
	str_copy(a->prio_args, args, sizeof(a->prio_args));
}

/* A device that answers every command with the next canned reply. */
struct reply {
	const unsigned char *data;
	size_t len;
	struct sgio_result res;
};

static struct prio_cmd sent[PRIO_MAX_CMDS];
static size_t n_sent;

/* Run prioritizer a on p against replies r (one per command, the last
 * repeated); the commands it sent are in sent[]. */
static int run(const struct mp_attrs *a, const struct path *p,
	       const struct reply *r, size_t nr)
{
	struct prio_answer ans[PRIO_MAX_CMDS];
	struct prio_cmd cmd;

	n_sent = 0;
	while (prio_next_cmd(a, p, ans, n_sent, &cmd)) {
		const struct reply *rp = &r[n_sent < nr ? n_sent : nr - 1];

		T_CHECK(nr > 0);
		if (!nr)
			break;
		sent[n_sent] = cmd;
		memset(&ans[n_sent], 0, sizeof(ans[n_sent]));
		ans[n_sent].res = rp->res;
		ans[n_sent].res.len = rp->len < cmd.len ? rp->len : cmd.len;
		ans[n_sent].data = rp->data;
		n_sent++;
	}
	return prio_get(a, p, ans, n_sent);
}

static const struct sgio_result good = { .ok = 1 };

static int cdb_is(const struct prio_cmd *c, const unsigned char *cdb,
		  size_t len, size_t read)
{
	return c->cdb_len == len && !memcmp(c->cdb, cdb, len) && c->len == read;
}

/* CLARiiON unit path report (INQUIRY page 0xc0): LUN state at 4, the
 * SP this path goes through at 5 and the default owner at 8, initiator
 * type 27, failover mode 28, arraycommpath 30, LUN operations 48. */
static void test_emc(void)
{
	static const unsigned char inq[] = { 0x12, 0x01, 0xc0, 0, 128, 0 };
	unsigned char page[128] = { 0 };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r = { page, sizeof(page), good };
	const char *why = NULL;

	attrs(&a, "emc", "");
	page[1] = 0xc0;
	page[4] = 1;		/* bound */
	page[5] = 1;		/* SP B */
	page[8] = 1;		/* owned by SP B */
	page[27] = 0x03;
	page[28] = 0x04;
	page[30] = 0x04;
	T_INTEQ(run(&a, &p, &r, 1), 3);
	T_INTEQ(n_sent, 1);
	T_CHECK(cdb_is(&sent[0], inq, 6, 128));
	page[8] = 0;		/* SP A owns it */
	T_INTEQ(prio_emc_parse(page, sizeof(page), &why), 1);
	page[28] = 0x06;	/* ALUA failover mode */
	T_INTEQ(prio_emc_parse(page, sizeof(page), &why), 1);
	page[28] = 0x01;
	T_INTEQ(prio_emc_parse(page, sizeof(page), &why), PRIO_UNDEF);
	T_STREQ(why, "path not correctly configured for failover");
	page[28] = 0x04;
	page[48] = 1;		/* LUN not in normal operation */
	T_INTEQ(prio_emc_parse(page, sizeof(page), &why), PRIO_UNDEF);
	page[48] = 0;
	/* a short reply reads as zeros past its end */
	T_INTEQ(prio_emc_parse(page, 20, &why), PRIO_UNDEF);
	page[9] = 1;		/* another page revision */
	T_INTEQ(prio_emc_parse(page, sizeof(page), &why), PRIO_UNDEF);
	/* the inquiry failing: undefined, as in multipath-tools */
	r.res.ok = 0;
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
}

/* RDAC volume access control page (INQUIRY 0xc9, "vac"): byte 8 bit 0
 * this controller owns the volume, bit 5 I/O shipping; byte 9 low nibble
 * 1 preferred path, 2 secondary. */
static void test_rdac(void)
{
	static const unsigned char inq[] = { 0x12, 0x01, 0xc9, 0, 128, 0 };
	unsigned char page[128] = { 0, 0xc9, 0, 0x2c, 'v', 'a', 'c' };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r = { page, 0x30, good };
	const char *why = NULL;

	attrs(&a, "rdac", "");
	page[8] = 0x01;
	page[9] = 0x01;
	T_INTEQ(run(&a, &p, &r, 1), 6);
	T_CHECK(cdb_is(&sent[0], inq, 6, 128));
	page[8] = 0x00;
	page[9] = 0x02;
	T_INTEQ(prio_rdac_parse(page, 0x30, &why), 1);
	page[8] = 0x21;
	T_INTEQ(prio_rdac_parse(page, 0x30, &why), 0x0b);
	page[9] = 0x03;		/* reserved */
	T_INTEQ(prio_rdac_parse(page, 0x30, &why), 0x0a);
	page[4] = 'x';
	T_INTEQ(prio_rdac_parse(page, 0x30, &why), 0);
	T_STREQ(why, "volume access control page in unknown format");
	r.res.ok = 0;
	T_INTEQ(run(&a, &p, &r, 1), 0);
}

/* HP active/standby: TEST UNIT READY. Good status: active (4); not ready
 * 04/02 (manual intervention required): standby (2); a reset (unit
 * attention 29/00) is asked again. */
static void test_hp_sw(void)
{
	static const unsigned char tur[6] = { 0 };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r[3];
	int retry;

	attrs(&a, "hp_sw", "");
	memset(r, 0, sizeof(r));
	r[0].res.ok = 1;
	T_INTEQ(run(&a, &p, r, 1), 4);
	T_INTEQ(n_sent, 1);
	T_CHECK(cdb_is(&sent[0], tur, 6, 0));

	/* check condition, fixed-format sense: not ready 04/02 */
	r[0].res.ok = 0;
	r[0].res.status = 0x02;
	r[0].res.driver_status = 0x08;
	r[0].res.sense[0] = 0x70;
	r[0].res.sense[2] = 0x02;
	r[0].res.sense[12] = 0x04;
	r[0].res.sense[13] = 0x02;
	r[0].res.sense_len = 18;
	T_INTEQ(run(&a, &p, r, 1), 2);
	r[0].res.sense[13] = 0x03;	/* not ready for another reason */
	T_INTEQ(prio_hp_sw_result(&r[0].res, &retry), 0);
	T_INTEQ(retry, 0);

	/* descriptor format: recovered error counts as active */
	r[0].res.sense[0] = 0x72;
	r[0].res.sense[1] = 0x01;
	T_INTEQ(prio_hp_sw_result(&r[0].res, &retry), 4);

	/* a reset, then standby: asked twice */
	r[1] = r[0];
	r[0].res.sense[1] = 0x06;
	r[0].res.sense[2] = 0x29;
	r[1].res.sense[0] = 0x70;
	r[1].res.sense[1] = 0;
	r[1].res.sense[13] = 0x02;
	T_INTEQ(run(&a, &p, r, 2), 2);
	T_INTEQ(n_sent, 2);
	/* resets without end: asked PRIO_MAX_CMDS times, then failed */
	T_INTEQ(run(&a, &p, r, 1), 0);
	T_INTEQ(n_sent, PRIO_MAX_CMDS);

	/* a host error without sense: failed */
	memset(&r[0].res, 0, sizeof(r[0].res));
	r[0].res.host_status = 0x01;
	T_INTEQ(run(&a, &p, r, 1), 0);
}

/* NetApp: GET VOLUME ATTRIBUTES page 0x41 names the protocol (iSCSI
 * software "ism_sw"/"iswt", iSCSI HBA "ism_sn"); FCP paths are then asked
 * INQUIRY page 0xc1 whether they are proxy paths. */
static void test_ontap(void)
{
	static const unsigned char gva[] = { 0xc0, 0, 0x01, 0x0a, 0x98, 0x0a,
					     0x41, 128, 0, 0 };
	static const unsigned char inq[] = { 0x12, 0x01, 0xc1, 0, 128, 0 };
	unsigned char attrs41[64] = { 0, 0, 0, 0x20, 0x0a, 0x98, 0x0a, 0x01,
				      0x41 };
	unsigned char proxy[32] = { 0, 0xc1, 0, 0x1c, 0, 0, 0, 0,
				    0x0a, 0x98, 0x0a, 0x00, 0xc1, 0x00 };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r[2] = { { attrs41, sizeof(attrs41), good },
			      { proxy, sizeof(proxy), good } };
	const char *why = NULL;

	attrs(&a, "ontap", "");
	memcpy(attrs41 + 12, "ism_sw", 6);
	T_INTEQ(run(&a, &p, r, 2), 2);
	T_INTEQ(n_sent, 1);
	T_CHECK(cdb_is(&sent[0], gva, 10, 256));
	memcpy(attrs41 + 12, "iswt", 4);
	T_INTEQ(run(&a, &p, r, 2), 2);
	memcpy(attrs41 + 12, "ism_sn", 6);
	T_INTEQ(run(&a, &p, r, 2), 3);

	/* FCP: the proxy inquiry decides */
	memcpy(attrs41 + 12, "fcp_tg", 6);
	T_INTEQ(run(&a, &p, r, 2), 4);
	T_INTEQ(n_sent, 2);
	T_CHECK(cdb_is(&sent[1], inq, 6, 256));
	proxy[19] = 0x02;
	T_INTEQ(run(&a, &p, r, 2), 1);
	proxy[9] = 0;		/* unknown page: as a direct path */
	T_INTEQ(prio_ontap_proxy_parse(proxy, sizeof(proxy), &why), 4);
	T_STREQ(why, "proxy info page in unknown format");
	r[1].res.ok = 0;
	T_INTEQ(run(&a, &p, r, 2), 4);

	/* page 0x41 missing from the reply: the proxy inquiry too */
	attrs41[3] = 8;
	T_INTEQ(prio_ontap_gva_parse(attrs41, sizeof(attrs41), &why), -EAGAIN);
	/* a reply in another format, or none: 0 */
	attrs41[5] = 0;
	T_INTEQ(run(&a, &p, r, 2), 0);
	T_INTEQ(n_sent, 1);
	r[0].res.ok = 0;
	T_INTEQ(run(&a, &p, r, 2), 0);
}

/* Hitachi modular: standard INQUIRY; LDEV (bytes 44-47, hex text) and
 * controller (byte 49) both even or both odd: 1, else 0. The example from
 * multipath-tools' hds.c: DF600F-CM, LDEV 0x00C6, controller 1: 0. */
static void test_hds(void)
{
	static const unsigned char inq[] = { 0x12, 0, 0, 0, 255, 0 };
	unsigned char std[96] = { 0 };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r = { std, sizeof(std), good };
	const char *why = NULL;

	attrs(&a, "hds", "");
	memcpy(std + 8, "HITACHI DF600F-CM       ", 24);
	memcpy(std + 40, "010500C6", 8);
	std[49] = '1';
	std[50] = 'B';
	T_INTEQ(run(&a, &p, &r, 1), 0);
	T_CHECK(cdb_is(&sent[0], inq, 6, 255));
	std[49] = '0';
	T_INTEQ(prio_hds_parse(std, sizeof(std), &why), 1);
	std[47] = 'D';
	T_INTEQ(prio_hds_parse(std, sizeof(std), &why), 0);
	std[49] = '3';
	T_INTEQ(prio_hds_parse(std, sizeof(std), &why), 1);
	std[49] = 'x';
	T_INTEQ(prio_hds_parse(std, sizeof(std), &why), PRIO_UNDEF);
	std[49] = '3';
	std[45] = 0;		/* the LDEV text is cut short */
	T_INTEQ(prio_hds_parse(std, sizeof(std), &why), PRIO_UNDEF);
	r.res.ok = 0;
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
}

/* DataCore SANsymphony: standard INQUIRY, the storage server's name at
 * byte 112; prio_args names the preferred one and may set the timeout. */
static void test_datacore(void)
{
	static const unsigned char inq[] = { 0x12, 0, 0, 0, 255, 0 };
	unsigned char std[160] = { 0 };
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r = { std, sizeof(std), good };
	char name[32];
	unsigned timeout;
	const char *why = NULL;

	memcpy(std + 8, "DataCoreVirtual Disk    ", 24);
	memcpy(std + 112, "SDS-EAST-01     ", 16);
	attrs(&a, "datacore", "preferredsds=EAST");
	T_INTEQ(run(&a, &p, &r, 1), 1);
	T_CHECK(cdb_is(&sent[0], inq, 6, 255));
	T_INTEQ(sent[0].timeout_ms, 2000);
	attrs(&a, "datacore", "timeout=5000 preferredsds=WEST");
	T_INTEQ(run(&a, &p, &r, 1), 0);
	T_INTEQ(sent[0].timeout_ms, 5000);
	attrs(&a, "datacore", "preferredsds=SDS-EAST timeout=900");
	T_INTEQ(run(&a, &p, &r, 1), 1);
	T_INTEQ(sent[0].timeout_ms, 900);
	/* the name is 16 characters at most */
	memcpy(std + 112, "0123456789abcdefEAST", 20);
	T_INTEQ(prio_datacore_parse(std, sizeof(std), "EAST"), 0);
	/* bad arguments: nothing sent, priority 0 */
	attrs(&a, "datacore", "preferredsds=E");
	T_INTEQ(run(&a, &p, &r, 1), 0);
	T_INTEQ(n_sent, 0);
	T_INTEQ(prio_datacore_args("timeout=100 preferredsds=EAST", name,
				   sizeof(name), &timeout, &why), -EINVAL);
	T_INTEQ(prio_datacore_args("sds=EAST", name, sizeof(name), &timeout,
				   &why), -EINVAL);
	attrs(&a, "datacore", "preferredsds=EAST");
	r.res.ok = 0;
	T_INTEQ(run(&a, &p, &r, 1), 0);
}

/* iet (open-iscsi): 20 for the path through the preferred portal address,
 * 10 for the others; multipath-tools compares the found address as a
 * prefix of the preferred one. */
static void test_iet(void)
{
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	const char *why = NULL;

	p.transport = TRANSPORT_ISCSI;
	str_copy(p.iscsi.address, "10.0.0.1", sizeof(p.iscsi.address));
	attrs(&a, "iet", "preferredip=10.0.0.1");
	T_INTEQ(run(&a, &p, NULL, 0), 20);
	T_INTEQ(n_sent, 0);
	T_INTEQ(prio_iet("preferredip=10.0.0.2", &p, &why), 10);
	T_INTEQ(prio_iet("preferredip=10.0.0.12", &p, &why), 20);
	str_copy(p.iscsi.address, "fe80::1", sizeof(p.iscsi.address));
	T_INTEQ(prio_iet("preferredip=10.0.0.1", &p, &why), 10);
	p.transport = TRANSPORT_FC;
	T_INTEQ(prio_iet("preferredip=10.0.0.1", &p, &why), 10);
	T_CHECK(!why);
	T_INTEQ(prio_iet("preferredip=10.1", &p, &why), 0);
	T_STREQ(why, "prio_args: preferredip too short");
	T_INTEQ(prio_iet("", &p, &why), 0);
}

/* Which priorities the daemon reads again after each good check: alua and
 * sysfs answered by access_state, nothing that needs a command. */
static void test_sysfs_refresh(void)
{
	struct path p = mkpath("sdb");
	struct mp_attrs a;

	attrs(&a, "alua", "");
	T_INTEQ(prio_sysfs_kind(&a, &p), 0);	/* no access_state: RTPG */
	str_copy(p.access_state, "active/optimized", sizeof(p.access_state));
	T_INTEQ(prio_sysfs_kind(&a, &p), 1);
	attrs(&a, "sysfs", "exclusive_pref_bit");
	T_INTEQ(prio_sysfs_kind(&a, &p), 2);
	attrs(&a, "emc", "");
	T_INTEQ(prio_sysfs_kind(&a, &p), 0);
	attrs(&a, "const", "");
	T_INTEQ(prio_sysfs_kind(&a, &p), 0);
	/* the same priority as the assembly's from the same attribute */
	attrs(&a, "alua", "");
	p.preferred = 1;
	str_copy(p.access_state, "active/non-optimized",
		 sizeof(p.access_state));
	T_INTEQ(prio_sysfs_refresh(1, p.access_state, 1), run(&a, &p, NULL, 0));
	T_INTEQ(prio_sysfs_refresh(1, "active/optimized", 1), 50);
	T_INTEQ(prio_sysfs_refresh(2, "active/optimized", 1), 130);
	T_INTEQ(prio_sysfs_refresh(1, "standby", 0), 1);
	T_INTEQ(prio_sysfs_refresh(1, "transitioning", 0), 0);
	T_INTEQ(prio_sysfs_refresh(1, "", 0), 0);
}

static void test_alua(void)
{
	/* RTPG: header, group 1 standby (+pref), group 2 optimized, 1 port each */
	static const unsigned char rtpg[] = { 0, 0, 0, 24,
		0x82, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
		0x80, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const unsigned char cdb[] = { 0xa3, 0x0a, 0, 0, 0, 0,
					     0, 0, 0x10, 0, 0, 0 };
	struct path p = mkpath("sdb");
	struct reply r = { rtpg, sizeof(rtpg), good };
	struct mp_attrs a;
	enum alua_state st;
	int pref;

	T_INTEQ(alua_prio(alua_state_parse("active/optimized"), 0, 0), 50);
	T_INTEQ(alua_prio(alua_state_parse("active/non-optimized"), 1, 0), 90);
	T_INTEQ(alua_prio(alua_state_parse("standby"), 0, 0), 1);
	T_INTEQ(alua_prio(alua_state_parse("unavailable"), 0, 0), 0);
	T_INTEQ(alua_state_parse("bogus"), ALUA_UNKNOWN);
	/* an optimized group's preferred bit counts only when exclusive */
	T_INTEQ(alua_prio(ALUA_OPTIMIZED, 1, 0), 50);
	T_INTEQ(alua_prio(ALUA_OPTIMIZED, 1, 1), 130);

	T_INTEQ(alua_rtpg_lookup(rtpg, sizeof(rtpg), 1, &st, &pref), 0);
	T_INTEQ(st, ALUA_STANDBY);
	T_INTEQ(pref, 1);
	T_INTEQ(alua_rtpg_lookup(rtpg, sizeof(rtpg), 2, &st, &pref), 0);
	T_INTEQ(st, ALUA_OPTIMIZED);
	T_INTEQ(alua_rtpg_lookup(rtpg, sizeof(rtpg), 3, &st, &pref), -ENOENT);
	T_INTEQ(alua_rtpg_lookup(rtpg, 10, 2, &st, &pref), -ENOENT);
	T_INTEQ(alua_rtpg_lookup(rtpg, 3, 2, &st, &pref), -EINVAL);

	/* sysfs has the state: no command */
	attrs(&a, "alua", "");
	str_copy(p.access_state, "active/non-optimized", sizeof(p.access_state));
	p.preferred = 1;
	T_INTEQ(run(&a, &p, &r, 1), 90);
	T_INTEQ(n_sent, 0);
	attrs(&a, "sysfs", "");
	T_INTEQ(run(&a, &p, &r, 1), 90);
	str_copy(p.access_state, "active/optimized", sizeof(p.access_state));
	T_INTEQ(run(&a, &p, &r, 1), 50);
	attrs(&a, "sysfs", "exclusive_pref_bit");
	T_INTEQ(run(&a, &p, &r, 1), 130);
	attrs(&a, "sysfs", "no_exclusive_pref_bit");
	T_INTEQ(run(&a, &p, &r, 1), 50);

	/* no state in sysfs: sysfs cannot tell; alua asks the device for
	 * its target port group, when VPD 0x83 named one */
	p.access_state[0] = '\0';
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
	attrs(&a, "alua", "");
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
	T_INTEQ(n_sent, 0);
	p.tpg = 2;
	T_INTEQ(run(&a, &p, &r, 1), 50);
	T_INTEQ(n_sent, 1);
	T_CHECK(cdb_is(&sent[0], cdb, 12, 4096));
	p.tpg = 1;
	T_INTEQ(run(&a, &p, &r, 1), 81);
	p.tpg = 7;
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
	r.res.ok = 0;
	p.tpg = 2;
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
}

static void test_weighted(void)
{
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	char why[256];

	p.host = 2; p.lun = 1;
	T_INTEQ(prio_weighted("hbtl 3:.* 5 2:0:0:1 20", &p, why, sizeof(why)), 20);
	T_INTEQ(prio_weighted("devname sdc 5", &p, why, sizeof(why)), 0);
	T_INTEQ(prio_weighted("devname sd[b] 7", &p, why, sizeof(why)), 7);
	T_INTEQ(prio_weighted("wwn x 1", &p, why, sizeof(why)), -EINVAL);
	T_INTEQ(prio_weighted("devname sdb", &p, why, sizeof(why)), -EINVAL);
	T_INTEQ(prio_weighted("devname ( 1", &p, why, sizeof(why)), -EINVAL);
	/* a weight that does not fit an int is refused, not wrapped */
	T_INTEQ(prio_weighted("devname sdb 2147483647", &p, why, sizeof(why)),
		INT_MAX);
	T_INTEQ(prio_weighted("devname sdb 2147483648", &p, why, sizeof(why)),
		-EINVAL);
	T_INTEQ(prio_weighted("devname sdb 4294967297", &p, why, sizeof(why)),
		-EINVAL);
	T_INTEQ(prio_weighted("devname sdb -3", &p, why, sizeof(why)), -EINVAL);
	/* checked like the configuration's regexes: glibc would match this
	 * backreference ("0:0"), musl would not */
	T_INTEQ(prio_weighted("hbtl (0):\\1 9", &p, why, sizeof(why)),
		-EINVAL);
	T_CHECK(strstr(why, "regex '(0):\\1': backreferences") != NULL);
	T_INTEQ(prio_weighted("devname s++ 3", &p, why, sizeof(why)), -EINVAL);
	T_CHECK(strstr(why, "stacked repetition") != NULL);

	attrs(&a, "weightedpath", "devname sd[a-c] 30");
	T_INTEQ(run(&a, &p, NULL, 0), 30);
	T_INTEQ(n_sent, 0);
	attrs(&a, "weightedpath", "bogus");
	T_INTEQ(run(&a, &p, NULL, 0), 0);
}

static void test_const_unusable_unsupported(void)
{
	struct path p = mkpath("sdb");
	struct mp_attrs a;
	struct reply r = { NULL, 0, good };

	attrs(&a, "const", "");
	T_INTEQ(run(&a, &p, NULL, 0), 1);
	/* a prioritizer mpboot does not have: undefined, and said */
	attrs(&a, "random", "");
	T_INTEQ(run(&a, &p, NULL, 0), PRIO_UNDEF);
	attrs(&a, "path_latency", "");
	T_INTEQ(run(&a, &p, NULL, 0), PRIO_UNDEF);
	attrs(&a, "ana", "");
	T_INTEQ(run(&a, &p, NULL, 0), PRIO_UNDEF);
	/* a path that is not running is never asked */
	attrs(&a, "emc", "");
	str_copy(p.state, "offline", sizeof(p.state));
	T_INTEQ(run(&a, &p, &r, 1), PRIO_UNDEF);
	T_INTEQ(n_sent, 0);
	attrs(&a, "const", "");
	T_INTEQ(run(&a, &p, NULL, 0), PRIO_UNDEF);
}

int main(void)
{
	T_RUN(test_emc);
	T_RUN(test_rdac);
	T_RUN(test_hp_sw);
	T_RUN(test_ontap);
	T_RUN(test_hds);
	T_RUN(test_datacore);
	T_RUN(test_iet);
	T_RUN(test_alua);
	T_RUN(test_sysfs_refresh);
	T_RUN(test_weighted);
	T_RUN(test_const_unusable_unsupported);
	return t_done();
}
