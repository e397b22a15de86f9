/* Which WWIDs become maps, with which names: find_multipaths, blacklist,
 * aliases, bindings, size mismatches. */
#include <stdlib.h>

#include "dm/plan.h"
#include "t.h"
#include "util/str.h"
#include "util/strmap.h"

static struct path paths[6];
static struct path_list pl = { .v = paths };

static void add(const char *dev, const char *wwid, unsigned long long size)
{
	struct path *p = &paths[pl.n++];

	memset(p, 0, sizeof(*p));
	str_copy(p->dev, dev, sizeof(p->dev));
	str_copy(p->wwid, wwid, sizeof(p->wwid));
	str_copy(p->state, "running", sizeof(p->state));
	str_copy(p->vendor, "QEMU", sizeof(p->vendor));
	str_copy(p->model, "QEMU HARDDISK", sizeof(p->model));
	p->major = 8;
	p->minor = 16 * (pl.n - 1);
	p->size = size;
	p->tpg = p->rel_port = p->preferred = -1;
}

static void setup(void)
{
	pl.n = 0;
	add("sda", "3aaa1", 2048);	/* two paths */
	add("sdb", "3bbb2", 4096);	/* single path */
	add("sdc", "3aaa1", 2048);
	add("sdd", "3ccc3", 2048);	/* three paths, one of another size */
	add("sde", "3ccc3", 2048);
	add("sdf", "3ccc3", 9999);
}

/* The running maps: 3ccc3's holds sdd (8:48) and an unscanned 8:96. */
static struct dmio_dev live_maps[] = {
	{ .name = "3ccc3", .uuid = "mpath-3ccc3", .target = "multipath",
	  .params = "0 0 1 1 service-time 0 2 2 8:48 1 1 8:96 1 1" },
	{ .name = "other", .uuid = "mpath-3aaa1", .target = "multipath",
	  .params = "garbage" },
	{ .name = "lin", .uuid = "part1-mpath-3ccc3", .target = "linear",
	  .params = "8:64 2048" },
};
static const struct dmio_list live_list = { .v = live_maps, .n = 3 };
static const struct held_paths *live;
static const struct dmio_list *running;

/* Plan with conf as multipath.conf; returns the map names, space-separated,
 * each with its number of paths and '+' when it is a new binding. */
static const char *plan_names(const char *conf, struct bindings *b,
			      const struct wwids *w, size_t *failed)
{
	static char out[256];
	struct config cfg = { 0 };
	struct plan_input in = { .paths = &pl, .cfg = &cfg, .bindings = b,
				 .wwids = w, .held = live,
				 .running = running };
	struct plan plan;
	size_t i, off = 0;

	T_INTEQ(config_parse_text(&cfg, "test.conf", conf), 0);
	out[0] = '\0';
	if (plan_build(&in, &plan) == 0) {
		for (i = 0; i < plan.n; i++)
			off += snprintf(out + off, sizeof(out) - off,
					"%s%s%s(%zu)", i ? " " : "",
					plan.maps[i].name,
					plan.maps[i].new_binding ? "+" : "",
					plan.maps[i].n_members);
		if (failed)
			*failed = plan.failed;
		plan_free(&plan);
	}
	config_free(&cfg);
	return out;
}

/* How many paths map i of the plan with no config has, members or not. */
static size_t plan_paths(size_t i)
{
	struct config cfg = { 0 };
	struct plan_input in = { .paths = &pl, .cfg = &cfg };
	struct plan plan;
	size_t n = 0;

	T_INTEQ(config_parse_text(&cfg, "test.conf", ""), 0);
	if (plan_build(&in, &plan) == 0) {
		n = i < plan.n ? plan.maps[i].n_paths : 0;
		plan_free(&plan);
	}
	config_free(&cfg);
	return n;
}

static void test_find_multipaths(void)
{
	struct wwids w = { 0 };

	setup();
	T_STREQ(plan_names("", NULL, NULL, NULL), "3aaa1(2) 3ccc3(2)");
	T_STREQ(plan_names("defaults {\n find_multipaths greedy\n}\n", NULL,
			   NULL, NULL), "3aaa1(2) 3bbb2(1) 3ccc3(2)");
	T_STREQ(plan_names("defaults {\n find_multipaths strict\n}\n", NULL,
			   NULL, NULL), "");
	T_INTEQ(wwids_parse(&w, "wwids", "/3bbb2/\n"), 0);
	T_STREQ(plan_names("defaults {\n find_multipaths strict\n}\n", NULL,
			   &w, NULL), "3bbb2(1)");
	T_STREQ(plan_names("", NULL, &w, NULL), "3aaa1(2) 3bbb2(1) 3ccc3(2)");
	T_STREQ(plan_names("multipaths {\n multipath {\n wwid 3bbb2\n"
			   " alias root\n }\n}\n", NULL, NULL, NULL),
		"3aaa1(2) root(1) 3ccc3(2)");
	wwids_free(&w);
}

/* Which disks the plan with conf makes paths of a map, as a string of the
 * maps' WWIDs in the paths' order ('-': none). */
static const char *plan_members(const char *conf)
{
	static char out[64];
	struct config cfg = { 0 };
	struct plan_input in = { .paths = &pl, .cfg = &cfg };
	struct plan plan;
	size_t i, off = 0;

	T_INTEQ(config_parse_text(&cfg, "test.conf", conf), 0);
	out[0] = '\0';
	if (plan_build(&in, &plan) == 0) {
		for (i = 0; i < pl.n; i++) {
			const struct map *m = plan_map_of(&plan, paths[i].dev);

			off += snprintf(out + off, sizeof(out) - off, "%s%s",
					i ? " " : "", m ? m->wwid : "-");
		}
		T_CHECK(!plan_map_of(&plan, "sdz"));
		plan_free(&plan);
	}
	config_free(&cfg);
	return out;
}

static void test_map_of(void)
{
	setup();
	/* sdf, of another size, is left out of 3ccc3's map but its path */
	T_STREQ(plan_members(""), "3aaa1 - 3aaa1 3ccc3 3ccc3 3ccc3");
	T_STREQ(plan_members("blacklist {\n wwid 3aaa1\n}\n"
			     "defaults {\n find_multipaths greedy\n}\n"),
		"- 3bbb2 - 3ccc3 3ccc3 3ccc3");
	T_STREQ(plan_members("defaults {\n find_multipaths strict\n}\n"),
		"- - - - - -");
}

static void test_blacklist_and_names(void)
{
	struct bindings b = { 0 };
	size_t failed = 9;

	setup();
	T_STREQ(plan_names("blacklist {\n wwid 3ccc3\n}\n", NULL, NULL, &failed),
		"3aaa1(2)");
	T_INTEQ(failed, 0);
	T_STREQ(plan_names("blacklist {\n devnode sda\n}\n", NULL, NULL, NULL),
		"3ccc3(2)");
	/* a map comes in the order of its first path not blacklisted */
	T_STREQ(plan_names("defaults {\n find_multipaths greedy\n}\n"
			   "blacklist {\n devnode sda\n}\n", NULL, NULL, NULL),
		"3bbb2(1) 3aaa1(1) 3ccc3(2)");
	T_INTEQ(bindings_parse(&b, "bindings", "mpatha 3ccc3\n"), 0);
	T_STREQ(plan_names("defaults {\n user_friendly_names yes\n}\n", &b,
			   NULL, NULL), "mpathb+(2) mpatha(2)");
	T_INTEQ(b.n, 1);	/* the plan only proposes new bindings */
	/* one name for two maps (the config refuses one alias for two
	 * WWIDs, but a WWID can be an alias): the second map is not built,
	 * and counted */
	T_STREQ(plan_names("multipaths {\n multipath {\n wwid 3aaa1\n"
			   " alias 3ccc3\n }\n}\n", NULL, NULL, &failed),
		"3ccc3(2)");
	T_INTEQ(failed, 1);
	bindings_free(&b);
}

static void test_offline_paths(void)
{
	struct held_paths held;
	size_t failed = 9;

	setup();
	/* an offline path cannot be opened for a new table: left out */
	str_copy(paths[2].state, "offline", sizeof(paths[2].state));
	T_STREQ(plan_names("", NULL, NULL, &failed), "3aaa1(1) 3ccc3(2)");
	T_INTEQ(failed, 0);
	/* ... but it stays a path of the LUN, for LVM to keep off */
	T_INTEQ(plan_paths(0), 2);
	/* every path offline: no map, and it counts as failed */
	str_copy(paths[0].state, "transport-offline", sizeof(paths[0].state));
	T_STREQ(plan_names("", NULL, NULL, &failed), "3ccc3(2)");
	T_INTEQ(failed, 1);
	/* one the running map already holds stays (the kernel keeps it) */
	str_copy(paths[3].state, "offline", sizeof(paths[3].state));
	T_INTEQ(held_paths_collect(&live_list, &held), 0);
	T_INTEQ(held.n, 2);
	T_CHECK(held_paths_has(&held, "3ccc3", 8, 48));
	T_CHECK(!held_paths_has(&held, "3aaa1", 8, 48));
	T_CHECK(!held_paths_has(&held, "3ccc3", 8, 64));
	live = &held;
	T_STREQ(plan_names("", NULL, NULL, &failed), "3ccc3(2)");
	str_copy(paths[4].state, "offline", sizeof(paths[4].state));
	T_STREQ(plan_names("", NULL, NULL, &failed), "3ccc3(1)");
	live = NULL;	/* sdd, sde out; sdf (another size) is all that is left */
	T_STREQ(plan_names("", NULL, NULL, &failed), "3ccc3(1)");
	T_INTEQ(failed, 1);
	held_paths_free(&held);
}

/* The size of 3ccc3's map (sdd, sde, sdf), and how many members it has. */
static unsigned long long size_of_3ccc3(size_t *members)
{
	struct config cfg = { 0 };
	struct plan_input in = { .paths = &pl, .cfg = &cfg,
				 .running = running };
	struct plan plan;
	unsigned long long size = 0;
	size_t i;

	*members = 0;
	T_INTEQ(config_parse_text(&cfg, "test.conf", ""), 0);
	if (plan_build(&in, &plan)) {
		config_free(&cfg);
		return 0;
	}
	for (i = 0; i < plan.n; i++)
		if (!strcmp(plan.maps[i].wwid, "3ccc3")) {
			size = plan.maps[i].size;
			*members = plan.maps[i].n_members;
		}
	plan_free(&plan);
	config_free(&cfg);
	return size;
}

/* A LUN that grew shows its new size one path at a time: a running map
 * keeps its size and every path until all of them agree, then takes the
 * new size. A path smaller than the running map cannot serve it. */
static void test_resize_one_path_first(void)
{
	struct dmio_dev dev = { .name = "3ccc3", .uuid = "mpath-3ccc3",
				.target = "multipath", .size = 2048 };
	struct dmio_list l = { .v = &dev, .n = 1 };
	size_t members;

	setup();
	/* no running map: the first path's size, sdf left out */
	T_INTEQ(size_of_3ccc3(&members), 2048);
	T_INTEQ(members, 2);
	T_INTEQ(dmio_list_index(&l), 0);
	running = &l;
	T_INTEQ(size_of_3ccc3(&members), 2048);
	T_INTEQ(members, 3);
	/* sdd grew first: without the running map it would be the size */
	paths[3].size = 9999;
	T_INTEQ(size_of_3ccc3(&members), 2048);
	T_INTEQ(members, 3);
	paths[4].size = 9999;
	T_INTEQ(size_of_3ccc3(&members), 9999);
	T_INTEQ(members, 3);
	/* a shrunk path among the old size is left out */
	setup();
	paths[5].size = 1024;
	T_INTEQ(size_of_3ccc3(&members), 2048);
	T_INTEQ(members, 2);
	running = NULL;
	strmap_free(&l.by_name);	/* l.v is not the heap's */
	strmap_free(&l.by_uuid);
}

static const char ufn[] = "defaults {\n user_friendly_names yes\n}\n";

/* A new friendly name is none a multipaths entry has, and a binding to a
 * name a multipaths entry gives another WWID counts for nothing. */
static void test_names_avoid_multipaths_aliases(void)
{
	struct bindings b = { 0 };
	size_t failed = 9;

	setup();
	T_STREQ(plan_names("defaults {\n user_friendly_names yes\n}\n"
			   "multipaths {\n multipath {\n wwid 3ccc3\n"
			   " alias mpatha\n }\n}\n", &b, NULL, &failed),
		"mpathb+(2) mpatha(2)");
	T_INTEQ(failed, 0);
	/* even when the aliased LUN is not there */
	T_STREQ(plan_names("defaults {\n user_friendly_names yes\n}\n"
			   "multipaths {\n multipath {\n wwid 3zzz9\n"
			   " alias mpatha\n }\n}\n", &b, NULL, &failed),
		"mpathb+(2) mpathc+(2)");
	T_INTEQ(bindings_parse(&b, "bindings", "mpatha 3aaa1\n"), 0);
	T_STREQ(plan_names("defaults {\n user_friendly_names yes\n}\n"
			   "multipaths {\n multipath {\n wwid 3ccc3\n"
			   " alias mpatha\n }\n}\n", &b, NULL, &failed),
		"mpathb+(2) mpatha(2)");
	T_INTEQ(failed, 0);
	bindings_free(&b);
}

/* Names bound to other WWIDs are skipped, gaps are filled in order. */
static void test_names_skip_bound(void)
{
	struct bindings b = { 0 };

	setup();
	T_INTEQ(bindings_parse(&b, "bindings", "mpatha 3xxx1\nmpathc 3xxx3\n"
			       "mpathd 3xxx4\nbad/name 3ccc3\n"), 0);
	/* 3ccc3's binding cannot name a map: it gets a new one */
	T_STREQ(plan_names(ufn, &b, NULL, NULL), "mpathb+(2) mpathe+(2)");
	bindings_free(&b);
}

/* A bindings file not read whole (a line with a NUL left out) still names
 * the LUNs it binds, but gives no new name: the line left out may bind
 * it. */
static void test_names_incomplete_bindings(void)
{
	struct bindings b = { 0 };

	setup();
	T_INTEQ(bindings_parse(&b, "bindings", "mpathb 3aaa1\n"), 0);
	b.incomplete = 1;
	T_STREQ(plan_names(ufn, &b, NULL, NULL), "mpathb(2) 3ccc3(2)");
	bindings_free(&b);
}

/* Names of running maps: never handed out again; a running map keeps its
 * name when the one it should have is taken, and its friendly name when
 * it has no binding; a new map whose binding is taken uses its WWID. */
static void test_names_and_running_maps(void)
{
	struct dmio_dev devs[3];
	struct dmio_list list = { .v = devs };
	struct bindings b = { 0 };
	size_t failed = 9;

	setup();
	memset(devs, 0, sizeof(devs));
	running = &list;
	/* another LUN's map, and an LV, hold mpatha and mpathb */
	str_copy(devs[0].name, "mpatha", sizeof(devs[0].name));
	str_copy(devs[0].uuid, "mpath-3zzz9", sizeof(devs[0].uuid));
	str_copy(devs[1].name, "mpathb", sizeof(devs[1].name));
	str_copy(devs[1].uuid, "LVM-xyz", sizeof(devs[1].uuid));
	list.n = 2;
	T_STREQ(plan_names(ufn, &b, NULL, &failed), "mpathc+(2) mpathd+(2)");
	T_INTEQ(failed, 0);

	/* bindings swapped under two running maps: each keeps its name */
	str_copy(devs[0].uuid, "mpath-3aaa1", sizeof(devs[0].uuid));
	str_copy(devs[1].uuid, "mpath-3ccc3", sizeof(devs[1].uuid));
	T_INTEQ(bindings_parse(&b, "bindings", "mpathb 3aaa1\nmpatha 3ccc3\n"),
		0);
	T_STREQ(plan_names(ufn, &b, NULL, &failed), "mpatha(2) mpathb(2)");
	T_INTEQ(failed, 0);
	bindings_free(&b);

	/* a running friendly name without a binding is kept and bound */
	str_copy(devs[1].name, "mpathk", sizeof(devs[1].name));
	T_STREQ(plan_names(ufn, &b, NULL, NULL), "mpatha+(2) mpathk+(2)");
	/* a name of another form is not: the map gets a new one */
	str_copy(devs[1].name, "3ccc3", sizeof(devs[1].name));
	T_STREQ(plan_names(ufn, &b, NULL, NULL), "mpatha+(2) mpathb+(2)");

	/* a new map whose binding names another running map: its WWID */
	list.n = 1;
	str_copy(devs[0].uuid, "mpath-3zzz9", sizeof(devs[0].uuid));
	T_INTEQ(bindings_parse(&b, "bindings", "mpatha 3aaa1\n"), 0);
	T_STREQ(plan_names(ufn, &b, NULL, &failed), "3aaa1(2) mpathb+(2)");
	T_INTEQ(failed, 0);
	/* so does a multipaths alias someone else holds */
	T_STREQ(plan_names("multipaths {\n multipath {\n wwid 3ccc3\n"
			   " alias mpatha\n }\n}\n", &b, NULL, &failed),
		"3aaa1(2) 3ccc3(2)");
	bindings_free(&b);
	running = NULL;
}

static int prio_50(const struct mp_attrs *a, const struct path *p, void *ctx)
{
	(void)a; (void)p; (void)ctx;
	return 50;
}

/* The first map's table under conf, with every path at priority 50. */
static const char *first_table(const char *conf)
{
	static char out[256];
	struct config cfg = { 0 };
	struct plan_input in = { .paths = &pl, .cfg = &cfg, .prio = prio_50 };
	struct plan plan;
	char *t;

	out[0] = '\0';
	T_INTEQ(config_parse_text(&cfg, "test.conf", conf), 0);
	if (plan_build(&in, &plan) == 0 && plan.n) {
		t = map_table(&plan.maps[0], 0);
		str_copy(out, t ? t : "", sizeof(out));
		free(t);
		plan_free(&plan);
	}
	config_free(&cfg);
	return out;
}

/* rr_weight priorities multiplies rr_min_io_rq by the priority: the
 * largest rr_min_io_rq stays the largest count, never a negative one;
 * a value past INT_MAX is a config error (the default stays). */
static void test_repeat_count_bounds(void)
{
	setup();
	T_STREQ(first_table("defaults {\n path_selector \"round-robin 0\"\n"
			    " rr_weight priorities\n"
			    " rr_min_io_rq 2147483647\n}\n"),
		"0 0 2 1 round-robin 0 1 1 8:0 2147483647 "
		"round-robin 0 1 1 8:32 2147483647");
	T_STREQ(first_table("defaults {\n path_selector \"round-robin 0\"\n"
			    " rr_weight priorities\n"
			    " rr_min_io_rq 2147483648\n}\n"),
		"0 0 2 1 round-robin 0 1 1 8:0 50 round-robin 0 1 1 8:32 50");
	T_STREQ(first_table("defaults {\n path_selector \"round-robin 0\"\n"
			    " rr_min_io_rq 3\n}\n"),
		"0 0 2 1 round-robin 0 1 1 8:0 3 round-robin 0 1 1 8:32 3");
}

/* A WWID whose map UUID device-mapper would refuse gets no map, and is
 * counted as failed; one character less fits. */
static void test_wwid_too_long_for_uuid(void)
{
	char w122[123], w123[124];
	size_t failed = 0;

	/* NAA-like ('3...'), as the blacklist's property rules want */
	memset(w122, 'a', 122);
	w122[0] = '3';
	w122[122] = '\0';
	memset(w123, 'b', 123);
	w123[0] = '3';
	w123[123] = '\0';
	pl.n = 0;
	add("sda", w122, 2048);
	add("sdb", w122, 2048);
	add("sdc", w123, 2048);
	add("sdd", w123, 2048);
	T_INTEQ((int)strlen(plan_names("", NULL, NULL, &failed)), 122 + 3);
	T_INTEQ((int)failed, 1);
}

int main(void)
{
	T_RUN(test_find_multipaths);
	T_RUN(test_map_of);
	T_RUN(test_blacklist_and_names);
	T_RUN(test_offline_paths);
	T_RUN(test_resize_one_path_first);
	T_RUN(test_names_avoid_multipaths_aliases);
	T_RUN(test_names_skip_bound);
	T_RUN(test_names_incomplete_bindings);
	T_RUN(test_names_and_running_maps);
	T_RUN(test_repeat_count_bounds);
	T_RUN(test_wwid_too_long_for_uuid);
	return t_done();
}
