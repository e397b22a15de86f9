/* Grouping, priorities and table strings, down to the exact table line. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "dm/dmio.h"
#include "dm/map.h"
#include "dm/status.h"
#include "kpartx/kpartx.h"
#include "t.h"
#include "util/str.h"

static struct path mkpath(const char *dev, unsigned major, unsigned minor)
{
	struct path p = { .major = major, .minor = minor, .tpg = -1,
			  .rel_port = -1, .preferred = -1 };

	str_copy(p.dev, dev, sizeof(p.dev));
	str_copy(p.state, "running", sizeof(p.state));
	str_copy(p.wwid, "35000c50015ea71ac", sizeof(p.wwid));
	return p;
}

static void defaults(struct mp_attrs *a, enum pgpolicy pol)
{
	memset(a, 0, sizeof(*a));
	a->pgpolicy = pol;
	str_copy(a->selector, "service-time 0", sizeof(a->selector));
	str_copy(a->features, "0", sizeof(a->features));
	str_copy(a->hwhandler, "0", sizeof(a->hwhandler));
	a->rr_min_io_rq = 1;
}

/* Group paths[0..n) with prios under pol and return the table line. */
static const char *table_for(enum pgpolicy pol, struct path *paths,
			     const int *prio, size_t n, int queueing,
			     void (*tweak)(struct mp_attrs *))
{
	static char buf[1024];
	struct map m = { .size = 2048 };
	char *table;
	size_t i;

	defaults(&m.attrs, pol);
	if (tweak)
		tweak(&m.attrs);
	m.members = calloc(n, sizeof(*m.members));
	for (i = 0; i < n; i++) {
		m.members[i].path = &paths[i];
		m.members[i].prio = prio ? prio[i] : 1;
	}
	m.n_members = n;
	T_INTEQ(map_group(&m), 0);
	table = map_table(&m, queueing);
	str_copy(buf, table ? table : "(no memory)", sizeof(buf));
	free(table);
	map_free(&m);
	return buf;
}

static void test_design_examples(void)
{
	struct path p[2] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32) };

	T_STREQ(table_for(PGP_MULTIBUS, p, NULL, 2, 0, NULL),
		"0 0 1 1 service-time 0 2 1 8:16 1 8:32 1");
	T_STREQ(table_for(PGP_FAILOVER, p, NULL, 2, 0, NULL),
		"0 0 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:32 1");
}

static void queue(struct mp_attrs *a)
{
	str_copy(a->features, "1 queue_if_no_path", sizeof(a->features));
}

static void test_queueing_only_with_daemon(void)
{
	struct path p[1] = { mkpath("sdb", 8, 16) };

	T_STREQ(table_for(PGP_MULTIBUS, p, NULL, 1, 1, queue),
		"1 queue_if_no_path 0 1 1 service-time 0 1 1 8:16 1");
	T_STREQ(table_for(PGP_MULTIBUS, p, NULL, 1, 0, queue),
		"0 0 1 1 service-time 0 1 1 8:16 1");
}

static void alua(struct mp_attrs *a)
{
	str_copy(a->hwhandler, "1 alua", sizeof(a->hwhandler));
	str_copy(a->features, "3 queue_if_no_path pg_init_retries 50",
		 sizeof(a->features));
}

static void test_group_by_prio_alua(void)
{
	struct path p[3] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32),
			     mkpath("sdd", 8, 48) };
	int prio[3] = { 10, 50, 50 };

	T_STREQ(table_for(PGP_GROUP_BY_PRIO, p, prio, 3, 0, alua),
		"2 pg_init_retries 50 1 alua 2 1 "
		"service-time 0 2 1 8:32 1 8:48 1 service-time 0 1 1 8:16 1");
}

static void test_failed_path_counts_nothing(void)
{
	struct path p[2] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32) };
	int prio[2] = { 50, 10 };

	/* sdb is offline: its group is worth 0, so sdc's group goes first,
	 * but sdb stays in the table for the kernel to mark. */
	str_copy(p[0].state, "offline", sizeof(p[0].state));
	T_STREQ(table_for(PGP_FAILOVER, p, prio, 2, 0, NULL),
		"0 0 2 1 service-time 0 1 1 8:32 1 service-time 0 1 1 8:16 1");
}

/* multipathd ranks a group by the average priority of its usable paths:
 * one optimized ALUA path (50) beats six non-optimized ones (10 each),
 * which a sum (60) would put first. */
static void test_group_prio_is_average(void)
{
	struct path p[7] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32),
			     mkpath("sdd", 8, 48), mkpath("sde", 8, 64),
			     mkpath("sdf", 8, 80), mkpath("sdg", 8, 96),
			     mkpath("sdh", 8, 112) };
	int prio[7] = { 10, 10, 10, 50, 10, 10, 10 };
	struct map m = { .size = 2048 };
	size_t i;

	T_STREQ(table_for(PGP_GROUP_BY_PRIO, p, prio, 7, 0, NULL),
		"0 0 2 1 service-time 0 1 1 8:64 1 service-time 0 6 1 "
		"8:16 1 8:32 1 8:48 1 8:80 1 8:96 1 8:112 1");

	defaults(&m.attrs, PGP_GROUP_BY_PRIO);
	m.members = calloc(7, sizeof(*m.members));
	for (i = 0; i < 7; i++) {
		m.members[i].path = &p[i];
		m.members[i].prio = prio[i];
	}
	m.n_members = 7;
	T_INTEQ(map_group(&m), 0);
	T_INTEQ(m.n_groups, 2);
	T_INTEQ(m.groups[0].prio, 50);
	T_INTEQ(m.groups[1].prio, 10);
	T_INTEQ(m.groups[1].usable, 6);
	map_free(&m);

	/* rounded toward zero like an int division; none usable: 0 */
	T_INTEQ(prio_average(21, 2), 10);
	T_INTEQ(prio_average(-3, 2), -1);
	T_INTEQ(prio_average(7, 0), 0);
}

/* Equal priorities: the group with more usable paths first, then the one
 * found first (multipath-tools' sort_pathgroups). */
static void test_group_ties(void)
{
	struct path p[5] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32),
			     mkpath("sdd", 8, 48), mkpath("sde", 8, 64),
			     mkpath("sdf", 8, 80) };

	str_copy(p[0].serial, "A", 2); str_copy(p[1].serial, "B", 2);
	str_copy(p[2].serial, "C", 2); str_copy(p[3].serial, "B", 2);
	str_copy(p[4].serial, "C", 2);
	/* A has one path, B and C two each: B (found first), C, A */
	T_STREQ(table_for(PGP_GROUP_BY_SERIAL, p, NULL, 5, 0, NULL),
		"0 0 3 1 service-time 0 2 1 8:32 1 8:64 1 "
		"service-time 0 2 1 8:48 1 8:80 1 service-time 0 1 1 8:16 1");
}

/* The kernel starts with the first group that has a usable path: a group
 * whose only path is down ranks 0 and can sort ahead of a group whose
 * prioritizer failed (-1), but is not where I/O should start. */
static void test_initial_group_has_a_usable_path(void)
{
	struct path p[2] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32) };
	int prio[2] = { -1, 5 };

	str_copy(p[1].state, "offline", sizeof(p[1].state));
	T_STREQ(table_for(PGP_FAILOVER, p, prio, 2, 0, NULL),
		"0 0 2 2 service-time 0 1 1 8:32 1 service-time 0 1 1 8:16 1");
}

/* No signed overflow: huge priorities average without wrapping, and a
 * repeat count times a priority stops at INT_MAX instead of going
 * negative. */
static void rr_weighted_max(struct mp_attrs *a)
{
	str_copy(a->selector, "round-robin", sizeof(a->selector));
	a->rr_weight_priorities = 1;
	a->rr_min_io_rq = INT_MAX;
}

static void test_no_overflow(void)
{
	struct path p[2] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32) };
	int prio[2] = { INT_MAX, INT_MAX - 1 };
	int small[2] = { 50, 1 };
	struct map m = { .size = 2048 };

	T_STREQ(table_for(PGP_MULTIBUS, p, small, 2, 0, rr_weighted_max),
		"0 0 1 1 round-robin 0 2 1 8:16 2147483647 8:32 2147483647");

	defaults(&m.attrs, PGP_MULTIBUS);
	m.members = calloc(2, sizeof(*m.members));
	m.members[0].path = &p[0];
	m.members[0].prio = prio[0];
	m.members[1].path = &p[1];
	m.members[1].prio = prio[1];
	m.n_members = 2;
	T_INTEQ(map_group(&m), 0);
	T_INTEQ(m.groups[0].prio, INT_MAX - 1);
	map_free(&m);
}

static void test_group_by_serial_node_tpg(void)
{
	struct path p[4] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32),
			     mkpath("sdd", 8, 48), mkpath("sde", 8, 64) };

	str_copy(p[0].serial, "A", 2); str_copy(p[1].serial, "B", 2);
	str_copy(p[2].serial, "A", 2); str_copy(p[3].serial, "B", 2);
	T_STREQ(table_for(PGP_GROUP_BY_SERIAL, p, NULL, 4, 0, NULL),
		"0 0 2 1 service-time 0 2 1 8:16 1 8:48 1 "
		"service-time 0 2 1 8:32 1 8:64 1");

	p[0].transport = p[1].transport = TRANSPORT_ISCSI;
	p[2].transport = p[3].transport = TRANSPORT_ISCSI;
	str_copy(p[0].iscsi.targetname, "iqn.a", 8);
	str_copy(p[1].iscsi.targetname, "iqn.a", 8);
	str_copy(p[2].iscsi.targetname, "iqn.b", 8);
	str_copy(p[3].iscsi.targetname, "iqn.b", 8);
	T_STREQ(table_for(PGP_GROUP_BY_NODE_NAME, p, NULL, 4, 0, NULL),
		"0 0 2 1 service-time 0 2 1 8:16 1 8:32 1 "
		"service-time 0 2 1 8:48 1 8:64 1");

	p[0].tpg = 1; p[1].tpg = 2; p[2].tpg = 2; p[3].tpg = 1;
	T_STREQ(table_for(PGP_GROUP_BY_TPG, p, NULL, 4, 0, NULL),
		"0 0 2 1 service-time 0 2 1 8:16 1 8:64 1 "
		"service-time 0 2 1 8:32 1 8:48 1");
}

static void rr_weighted(struct mp_attrs *a)
{
	str_copy(a->selector, "round-robin", sizeof(a->selector));
	a->rr_weight_priorities = 1;
	a->rr_min_io_rq = 2;
}

static void test_round_robin_weights(void)
{
	struct path p[2] = { mkpath("sdb", 8, 16), mkpath("sdc", 8, 32) };
	int prio[2] = { 3, 0 };

	T_STREQ(table_for(PGP_MULTIBUS, p, prio, 2, 0, rr_weighted),
		"0 0 1 1 round-robin 0 2 1 8:16 6 8:32 2");
}

static void test_features_edit(void)
{
	char f[64] = "3 queue_if_no_path pg_init_retries 50";

	features_edit(f, sizeof(f), "queue_if_no_path", 0);
	T_STREQ(f, "2 pg_init_retries 50");
	features_edit(f, sizeof(f), "queue_if_no_path", 0);
	T_STREQ(f, "2 pg_init_retries 50");
	features_edit(f, sizeof(f), "queue_if_no_path", 1);
	T_STREQ(f, "3 pg_init_retries 50 queue_if_no_path");
}

static void test_kernel_table_readback(void)
{
	struct mpt s;

	/* DESIGN.md: service-time reads back with its default per-path arg. */
	T_CHECK(mpt_table_same("0 0 1 1 service-time 0 1 1 8:0 1",
			       "0 0 1 1 service-time 0 1 2 8:0 1 1"));
	T_CHECK(mpt_table_same("0 0 1 1 service-time 0 1 1 8:0 1",
			       "0 1 alua 1 1 service-time 0 1 2 8:0 1 1"));
	T_CHECK(mpt_table_same("2 queue_if_no_path retain_attached_hw_handler 0 1 1 round-robin 0 1 1 8:0 1",
			       "2 retain_attached_hw_handler queue_if_no_path 0 1 1 round-robin 0 1 1 8:0 1"));
	T_CHECK(!mpt_table_same("0 1 alua 1 1 service-time 0 1 1 8:0 1",
				"0 0 1 1 service-time 0 1 2 8:0 1 1"));
	T_CHECK(!mpt_table_same("0 0 1 1 service-time 0 1 1 8:0 1",
				"0 0 1 1 service-time 0 1 2 8:16 1 1"));
	T_CHECK(!mpt_table_same("0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1",
				"0 0 1 1 service-time 0 2 2 8:0 1 1 8:16 1 1"));
	T_CHECK(!mpt_table_same("1 queue_if_no_path 0 1 1 service-time 0 1 1 8:0 1",
				"0 0 1 1 service-time 0 1 2 8:0 1 1"));
	T_CHECK(!mpt_table_same("garbage", "garbage"));

	T_INTEQ(mpt_parse_status("2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 "
				 "E 0 1 2 8:32 F 3 0 1", &s), 0);
	T_INTEQ(s.n_groups, 2);
	T_INTEQ(s.groups[0].state, 'A');
	T_INTEQ(s.groups[1].state, 'E');
	T_INTEQ(s.paths[1].minor, 32);
	T_INTEQ(s.paths[1].active, 0);
	T_INTEQ(s.paths[1].arg, 3);
	mpt_free(&s);
	T_INTEQ(mpt_parse_status("2 0 0 0 2 1 A 0 1 2 8:16 A", &s), -EINVAL);
	/* every path F: a read would wait for one; one A, none, or a line
	 * that does not parse: not said */
	T_CHECK(mpt_status_all_failed("2 0 0 0 2 1 A 0 1 2 8:16 F 1 0 1 "
				      "E 0 1 2 8:32 F 3 0 1"));
	T_CHECK(!mpt_status_all_failed("2 0 0 0 2 1 A 0 1 2 8:16 F 1 0 1 "
				       "E 0 1 2 8:32 A 0 0 1"));
	T_CHECK(!mpt_status_all_failed("2 0 0 0 0 0"));
	T_CHECK(!mpt_status_all_failed("2 0 0 0 2 1 A 0 1 2 8:16 F"));
	T_INTEQ(mpt_parse_table("0 0 999 1", &s), -EINVAL);
}

/* More than 256 paths: multipath-tools has no limit, the kernel takes
 * 1024 per group. A 300-path table and status line parse whole, compare
 * equal to themselves, and a table for them is built in full. */
static void test_many_paths(void)
{
	size_t n = 300, i, off;
	char *table = malloc(n * 32 + 64), *status = malloc(n * 32 + 64);
	struct path *p = calloc(n, sizeof(*p));
	struct map m = { .size = 2048 };
	struct mpt t, st;
	char *built;

	off = sprintf(table, "0 0 2 1 service-time 0 %zu 1", n - 1);
	for (i = 0; i + 1 < n; i++)
		off += sprintf(table + off, " 65:%zu 1", i);
	sprintf(table + off, " service-time 0 1 1 8:0 1");
	off = sprintf(status, "2 0 0 0 2 1 A 0 %zu 1", n - 1);
	for (i = 0; i + 1 < n; i++)
		off += sprintf(status + off, " 65:%zu %s 0 1", i,
			       i % 2 ? "A" : "F");
	sprintf(status + off, " E 0 1 1 8:0 A 7 1");

	T_INTEQ(mpt_parse_table(table, &t), 0);
	T_INTEQ(t.n_paths, n);
	T_INTEQ(t.n_groups, 2);
	T_INTEQ(t.groups[1].first, n - 1);
	T_INTEQ(t.paths[n - 2].minor, n - 2);
	mpt_free(&t);
	T_INTEQ(mpt_parse_status(status, &st), 0);
	T_INTEQ(st.n_paths, n);
	T_INTEQ(st.paths[n - 3].active, 1);
	T_INTEQ(st.paths[n - 2].active, 0);
	T_INTEQ(st.paths[n - 1].arg, 7);
	mpt_free(&st);
	T_CHECK(mpt_table_same(table, table));

	defaults(&m.attrs, PGP_MULTIBUS);
	m.members = calloc(n, sizeof(*m.members));
	for (i = 0; i < n; i++) {
		p[i] = mkpath("sdx", 65 + i / 256, i % 256);
		m.members[i].path = &p[i];
		m.members[i].prio = 1;
	}
	m.n_members = n;
	T_INTEQ(map_group(&m), 0);
	built = map_table(&m, 0);
	T_INTEQ(mpt_parse_table(built, &t), 0);
	T_INTEQ(t.n_paths, n);
	T_INTEQ(t.paths[n - 1].major, 66);
	mpt_free(&t);
	free(built);
	map_free(&m);
	free(p);
	free(table);
	free(status);
}

/* libdm ORs flags into its levels: an error sent to stderr is still an
 * error, not debug output. */
static void test_dm_log_levels(void)
{
	T_INTEQ(dmio_log_level(3), 1);
	T_INTEQ(dmio_log_level(2), 1);
	T_INTEQ(dmio_log_level(4), 2);
	T_INTEQ(dmio_log_level(5), 3);
	T_INTEQ(dmio_log_level(7), 5);
	T_INTEQ(dmio_log_level(3 | 0x80), 1);
	T_INTEQ(dmio_log_level(4 | 0x100), 2);
	T_INTEQ(dmio_log_level(6 | 0x80 | 0x100), 4);
}

static void test_kpartx_names(void)
{
	char b[64], long_name[126], big[256];

	T_INTEQ(kpartx_name("mpatha", NULL, 1, b, sizeof(b)), 7);
	T_STREQ(b, "mpatha1");
	kpartx_name("3600a0b80001", NULL, 5, b, sizeof(b));
	T_STREQ(b, "3600a0b80001p5");
	kpartx_name("35000c50015ea71ac", NULL, 5, b, sizeof(b));
	T_STREQ(b, "35000c50015ea71ac5");
	kpartx_name("mpatha", "-part", 2, b, sizeof(b));
	T_STREQ(b, "mpatha-part2");
	T_INTEQ(kpartx_name("mpatha", NULL, 12, b, 8), -ENAMETOOLONG);
	/* what device-mapper would refuse, however large the buffer */
	memset(long_name, 'm', 125);
	long_name[125] = '\0';
	T_INTEQ(kpartx_name(long_name, NULL, 12, big, sizeof(big)), 127);
	T_INTEQ(kpartx_name(long_name, NULL, 123, big, sizeof(big)),
		-ENAMETOOLONG);
	kpartx_uuid("mpath-3abc", 7, b, sizeof(b));
	T_STREQ(b, "part7-mpath-3abc");
	/* a partition UUID device-mapper would refuse (over 128) */
	memcpy(long_name, "mpath-", 6);
	memset(long_name + 6, 'a', 116);
	long_name[122] = '\0';
	T_INTEQ(kpartx_uuid(long_name, 9, big, sizeof(big)), 128);
	T_INTEQ(kpartx_uuid(long_name, 10, big, sizeof(big)), -ENAMETOOLONG);
	T_INTEQ(kpartx_uuid_partno("part7-mpath-3abc", "mpath-3abc"), 7);
	T_INTEQ(kpartx_uuid_partno("part12-mpath-3abc", "mpath-3abc"), 12);
	T_INTEQ(kpartx_uuid_partno("part7-mpath-3abcd", "mpath-3abc"), -1);
	T_INTEQ(kpartx_uuid_partno("part0-mpath-3abc", "mpath-3abc"), -1);
	T_INTEQ(kpartx_uuid_partno("partx-mpath-3abc", "mpath-3abc"), -1);
	T_INTEQ(kpartx_uuid_partno("mpath-3abc", "mpath-3abc"), -1);
}

int main(void)
{
	T_RUN(test_design_examples);
	T_RUN(test_queueing_only_with_daemon);
	T_RUN(test_group_by_prio_alua);
	T_RUN(test_failed_path_counts_nothing);
	T_RUN(test_group_prio_is_average);
	T_RUN(test_group_ties);
	T_RUN(test_initial_group_has_a_usable_path);
	T_RUN(test_no_overflow);
	T_RUN(test_group_by_serial_node_tpg);
	T_RUN(test_round_robin_weights);
	T_RUN(test_features_edit);
	T_RUN(test_kernel_table_readback);
	T_RUN(test_many_paths);
	T_RUN(test_dm_log_levels);
	T_RUN(test_kpartx_names);
	return t_done();
}
