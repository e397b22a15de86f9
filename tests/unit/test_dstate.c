/* The checker daemon's state made from the kernel's maps (src/daemon/
 * state.c): paths found by major:minor, groups, the kernel's A/F and
 * group states, queueing, per-map configuration, and what a rebuild keeps. */
#include <errno.h>

#include "config/config.h"
#include "daemon/state.h"
#include "t.h"

/* sdb 8:16 at 2:0:0:1 and sdc 8:32 at 3:0:0:1, one LUN. */
static struct path pv[2];
static const struct path_list pl = { .v = pv, .n = 2 };

static const char table2[] =
	"1 queue_if_no_path 0 2 1 service-time 0 1 1 8:16 1 "
	"service-time 0 1 1 8:32 1";

static void setup(void)
{
	memset(pv, 0, sizeof(pv));
	strcpy(pv[0].dev, "sdb");
	pv[0].major = 8, pv[0].minor = 16, pv[0].host = 2, pv[0].lun = 1;
	strcpy(pv[1].dev, "sdc");
	pv[1].major = 8, pv[1].minor = 32, pv[1].host = 3, pv[1].lun = 1;
	strcpy(pv[0].wwid, "3600a");
	strcpy(pv[1].wwid, "3600a");
	strcpy(pv[0].state, "running");
	strcpy(pv[1].state, "running");
}

static int prio_by_minor(const struct mp_attrs *a, const struct path *p,
			 void *ctx)
{
	(void)a;
	(void)ctx;
	return (int)p->minor;
}

/* Build s from one map with table and status; returns st_build's code. */
static int build(struct st *s, struct config *cfg, const char *table,
		 const char *status, long long now)
{
	struct mpt t, st;
	struct st_kmap km = { .name = "mpatha", .uuid = "mpath-3600a",
			      .table = &t, .event_nr = 7 };
	int rc;

	if (mpt_parse_table(table, &t))
		return -100;
	if (status) {
		if (mpt_parse_status(status, &st)) {
			mpt_free(&t);
			return -101;
		}
		km.status = &st;
	}
	rc = st_build(s, &km, 1, &pl, cfg, prio_by_minor, NULL, now);
	mpt_free(&t);
	if (status)
		mpt_free(&st);
	return rc;
}

static void test_from_kernel(void)
{
	struct config cfg = { 0 };
	struct st s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf",
		"defaults {\n no_path_retry 3\n failback immediate\n"
		" polling_interval 2\n}\n"), 0);
	T_INTEQ(build(&s, &cfg, table2,
		"2 1 0 0 2 2 E 0 1 2 8:16 F 1 0 1 A 0 1 2 8:32 A 0 0 1", 100),
		0);
	T_INTEQ(s.n_maps, 1);
	T_INTEQ(s.n_paths, 2);
	T_STREQ(s.maps[0].name, "mpatha");
	T_INTEQ(s.maps[0].event_nr, 7);
	T_STREQ(s.sp[0].dev, "sdb");
	T_INTEQ(s.sp[0].host, 2);
	T_STREQ(s.sp[1].dev, "sdc");
	T_INTEQ(s.sp[1].host, 3);
	T_INTEQ(s.sp[0].kstate, PK_FAILED);
	T_INTEQ(s.sp[1].kstate, PK_ACTIVE);
	T_INTEQ(s.sp[0].kind, CHK_TUR);
	T_INTEQ(s.ps[0].group, 1);
	T_INTEQ(s.ps[1].group, 2);
	T_INTEQ(s.ps[1].prio, 32);
	T_INTEQ(s.ps[0].state, PS_PENDING);
	T_INTEQ(s.maps[0].ms.cur_group, 2);
	T_INTEQ(s.maps[0].ms.disabled, 0);
	T_INTEQ(s.maps[0].ms.queueing, 1);
	T_INTEQ(s.maps[0].ms.no_path_retry, 3);
	T_INTEQ(s.maps[0].ms.failback, FAILBACK_IMMEDIATE);
	T_INTEQ(s.maps[0].t.polling, 2);
	T_INTEQ(s.maps[0].t.max, 8);
	/* first checks within one polling interval */
	T_CHECK(s.ps[0].due >= 100 && s.ps[0].due < 102);
	st_free(&s);
	config_free(&cfg);
}

static void test_status_updates(void)
{
	struct config cfg = { 0 };
	struct mpt st;
	struct st s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf", ""), 0);
	T_INTEQ(build(&s, &cfg, table2, NULL, 0), 0);
	T_INTEQ(s.sp[0].kstate, PK_UNKNOWN);
	T_INTEQ(s.maps[0].ms.queueing, 1);
	T_INTEQ(mpt_parse_status(
		"2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 D 0 1 2 8:32 F 3 0 1", &st), 0);
	T_INTEQ(st_update_status(&s, &s.maps[0], &st), 0);
	T_INTEQ(s.sp[0].kstate, PK_ACTIVE);
	T_INTEQ(s.sp[1].kstate, PK_FAILED);
	T_INTEQ(s.maps[0].ms.cur_group, 1);
	T_INTEQ(s.maps[0].ms.disabled, 2);
	mpt_free(&st);
	/* another path: the map was reloaded, not ours to patch */
	T_INTEQ(mpt_parse_status(
		"2 0 0 0 2 1 A 0 1 2 8:16 A 0 0 1 E 0 1 2 8:48 A 0 0 1", &st), 0);
	T_INTEQ(st_update_status(&s, &s.maps[0], &st), -EINVAL);
	T_INTEQ(s.sp[1].kstate, PK_FAILED);
	mpt_free(&st);
	st_free(&s);
	/* a status that is not the table's: nothing built */
	T_INTEQ(build(&s, &cfg, table2, "2 0 0 0 1 1 A 0 1 2 8:16 A 0 0 1", 0),
		-EINVAL);
	T_INTEQ(s.n_maps, 0);
	config_free(&cfg);
}

static void test_unknown_device(void)
{
	struct config cfg = { 0 };
	struct st_map *m;
	struct st s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf", ""), 0);
	T_INTEQ(build(&s, &cfg, "0 0 1 1 service-time 0 2 1 8:16 1 65:0 1",
		      NULL, 0), 0);
	T_STREQ(s.sp[1].dev, "65:0");
	T_INTEQ(s.sp[1].found, 0);
	T_INTEQ(s.sp[0].found, 1);
	T_INTEQ(s.ps[1].prio, 0);
	T_INTEQ(st_find_path(&s, "/dev/sdb", &m), 0);
	T_CHECK(m == &s.maps[0]);
	T_INTEQ(st_find_path(&s, "sdz", &m), -1);
	T_CHECK(st_find_map(&s, "mpatha") == &s.maps[0]);
	T_CHECK(st_find_map(&s, "mpath-3600a") == &s.maps[0]);
	T_CHECK(st_find_map(&s, "mpathb") == NULL);
	/* by the kernel's name only, and each path knows its map */
	T_CHECK(st_map_named(&s, "mpatha") == &s.maps[0]);
	T_CHECK(st_map_named(&s, "mpath-3600a") == NULL);
	T_INTEQ(s.sp[1].map, 0);
	T_CHECK(s.maps[0].next_ms == 0);	/* looked at on the first pass */
	st_free(&s);
	config_free(&cfg);
}

static void test_carry(void)
{
	struct config cfg = { 0 };
	struct chk c1, c2;
	struct st old, s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf", ""), 0);
	T_INTEQ(build(&old, &cfg, table2, NULL, 0), 0);
	old.ps[0].state = PS_DOWN;
	old.ps[0].interval = 5;
	old.ps[0].due = 42;
	old.ps[1].state = PS_UP;
	old.ps[1].interval = 20;
	old.sp[0].chk = &c1;
	old.sp[0].checking = 1;
	old.sp[1].chk = &c2;
	old.maps[0].ms.retry_until = 77;
	/* sdc left, sdd (8:48) came */
	pv[1].minor = 48;
	strcpy(pv[1].dev, "sdd");
	T_INTEQ(build(&s, &cfg, "0 0 1 1 service-time 0 2 1 8:16 1 8:48 1",
		      NULL, 50), 0);
	st_carry(&s, &old);
	T_INTEQ(s.ps[0].state, PS_DOWN);
	T_INTEQ(s.ps[0].due, 42);
	T_CHECK(s.sp[0].chk == &c1);
	T_INTEQ(s.sp[0].checking, 1);
	T_CHECK(old.sp[0].chk == NULL);
	/* the new path starts afresh; the one gone keeps its checker for
	 * the caller to close */
	T_INTEQ(s.ps[1].state, PS_PENDING);
	T_CHECK(s.sp[1].chk == NULL);
	T_CHECK(old.sp[1].chk == &c2);
	T_INTEQ(s.maps[0].ms.retry_until, 77);
	st_free(&s);
	st_free(&old);
	config_free(&cfg);
}

/* queueing is the table's features: the status line's first feature is
 * queue_io, not the flag */
static void test_queueing(void)
{
	struct config cfg = { 0 };
	struct st s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf", ""), 0);
	T_INTEQ(build(&s, &cfg, "0 0 1 1 service-time 0 1 1 8:16 1",
		      "2 1 0 0 1 1 A 0 1 2 8:16 A 0 0 1", 0), 0);
	T_INTEQ(s.maps[0].ms.queueing, 0);
	st_free(&s);
	T_INTEQ(build(&s, &cfg, "3 pg_init_retries 50 queue_if_no_path 0 1 1 "
		      "service-time 0 1 1 8:16 1",
		      "2 0 0 0 1 1 A 0 1 2 8:16 A 0 0 1", 0), 0);
	T_INTEQ(s.maps[0].ms.queueing, 1);
	st_free(&s);
	config_free(&cfg);
}

/* san_path_err_* per map, and the deprecated delay_* mapped onto them */
static void test_err_policy(void)
{
	struct config cfg = { 0 };
	struct st s;

	setup();
	T_INTEQ(config_parse_text(&cfg, "multipath.conf",
		"defaults {\n san_path_err_threshold 2\n"
		" san_path_err_forget_rate 10\n san_path_err_recovery_time 60\n"
		" delay_watch_checks 3\n}\n"), 0);
	T_INTEQ(build(&s, &cfg, table2, NULL, 0), 0);
	T_INTEQ(s.maps[0].ms.err.threshold, 2);
	T_INTEQ(s.maps[0].ms.err.forget_rate, 10);
	T_INTEQ(s.maps[0].ms.err.recovery_time, 60);
	st_free(&s);
	config_free(&cfg);

	memset(&cfg, 0, sizeof(cfg));
	T_INTEQ(config_parse_text(&cfg, "multipath.conf",
		"defaults {\n polling_interval 5\n delay_watch_checks 3\n"
		" delay_wait_checks 2\n san_path_err_threshold no\n}\n"), 0);
	T_INTEQ(build(&s, &cfg, table2, NULL, 0), 0);
	T_INTEQ(s.maps[0].ms.err.threshold, 1);
	T_INTEQ(s.maps[0].ms.err.forget_rate, 3);
	T_INTEQ(s.maps[0].ms.err.recovery_time, 2 * 20);
	st_free(&s);
	config_free(&cfg);
}

int main(void)
{
	T_RUN(test_from_kernel);
	T_RUN(test_status_updates);
	T_RUN(test_unknown_device);
	T_RUN(test_carry);
	T_RUN(test_queueing);
	T_RUN(test_err_policy);
	return t_done();
}
