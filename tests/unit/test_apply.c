/* What applying a map and its partition maps does, given the running maps:
 * create, reload (with flush on a resize), rename, unchanged, refuse a
 * name held by another map; partition maps made, skipped past the end,
 * too long, stale ones removed unless open; partition tables read in a
 * process of their own, given up at a deadline. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "apply/apply.h"
#include "t.h"
#include "util/str.h"

static struct dmio_dev devs[8];
static struct dmio_list running = { .v = devs };

static void reset(void)
{
	memset(devs, 0, sizeof(devs));
	running.n = 0;
	T_INTEQ(dmio_list_index(&running), 0);
}

static struct dmio_dev *run(const char *name, const char *uuid,
			    const char *target, unsigned long long size,
			    const char *params)
{
	struct dmio_dev *d = &devs[running.n++];

	str_copy(d->name, name, sizeof(d->name));
	str_copy(d->uuid, uuid, sizeof(d->uuid));
	str_copy(d->target, target, sizeof(d->target));
	d->major = 253;
	d->minor = running.n - 1;
	d->size = size;
	d->params = (char *)params;
	T_INTEQ(dmio_list_index(&running), 0);
	return d;
}

#define WANTED "0 0 1 1 service-time 0 2 1 8:0 1 8:16 1"
/* what the kernel shows for WANTED: the selector's defaults added */
#define KERNEL "0 0 1 1 service-time 0 2 2 8:0 1 1 8:16 1 1"

static const struct apply_want want = {
	.name = "mpatha", .uuid = "mpath-36001", .size = 2048,
	.target = "multipath", .params = WANTED,
};

static void test_create(void)
{
	struct apply_step s;

	reset();
	run("other", "mpath-36002", "multipath", 2048, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_CREATE);
	T_CHECK(!s.cur && !s.holder && !s.rename);
}

static void test_refuse_name_held(void)
{
	struct apply_step s;
	struct dmio_dev *d;

	reset();
	d = run("mpatha", "mpath-36002", "multipath", 2048, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_REFUSE);
	T_CHECK(s.holder == d);
	T_CHECK(!s.cur);
	/* a map with no UUID (not ours) holds it just the same */
	reset();
	d = run("mpatha", "", "linear", 2048, "8:0 0");
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_REFUSE);
	T_CHECK(s.holder == d);
}

static void test_unchanged_normalized(void)
{
	struct apply_step s;
	struct dmio_dev *d;

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_UNCHANGED);
	T_CHECK(s.cur == d);
	T_CHECK(!s.holder && !s.rename);
}

static void test_reload(void)
{
	struct apply_step s;

	/* another path group: reload, same size so no flush */
	reset();
	run("mpatha", "mpath-36001", "multipath", 2048,
	    "0 0 1 1 service-time 0 1 2 8:0 1 1");
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_RELOAD);
	T_INTEQ(s.flush, 0);
	T_INTEQ(s.rename, 0);
	/* a resize flushes */
	reset();
	run("mpatha", "mpath-36001", "multipath", 1024, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_RELOAD);
	T_INTEQ(s.flush, 1);
	/* another target type */
	reset();
	run("mpatha", "mpath-36001", "linear", 2048, "8:0 0");
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_RELOAD);
	T_INTEQ(s.flush, 0);
}

static void test_linear_compared_as_text(void)
{
	const struct apply_want w = {
		.name = "mpatha1", .uuid = "part1-mpath-36001", .size = 100,
		.target = "linear", .params = "253:0 2048",
	};
	struct apply_step s;

	reset();
	run("mpatha1", "part1-mpath-36001", "linear", 100, "253:0 2048");
	apply_decide(&w, &running, &s);
	T_INTEQ(s.action, APPLY_UNCHANGED);
	reset();
	run("mpatha1", "part1-mpath-36001", "linear", 100, "253:0 4096");
	apply_decide(&w, &running, &s);
	T_INTEQ(s.action, APPLY_RELOAD);
	T_INTEQ(s.flush, 0);
}

static void test_rename(void)
{
	struct apply_step s;
	struct dmio_dev *d, *h;

	/* the running map has another name, ours is free: rename */
	reset();
	d = run("36001", "mpath-36001", "multipath", 2048, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_UNCHANGED);
	T_INTEQ(s.rename, 1);
	T_CHECK(s.cur == d && !s.holder);
	/* and its table differs: rename, then reload */
	reset();
	run("36001", "mpath-36001", "multipath", 4096, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_RELOAD);
	T_INTEQ(s.rename, 1);
	T_INTEQ(s.flush, 1);
	/* our name is held by another map: the running map keeps its own */
	reset();
	h = run("mpatha", "mpath-36002", "multipath", 2048, KERNEL);
	d = run("36001", "mpath-36001", "multipath", 2048, KERNEL);
	apply_decide(&want, &running, &s);
	T_INTEQ(s.action, APPLY_UNCHANGED);
	T_INTEQ(s.rename, 0);
	T_CHECK(s.cur == d && s.holder == h);
}

static struct apply_parent parent_at(const struct dmio_dev *dev)
{
	return (struct apply_parent){
		.name = "mpatha", .uuid = "mpath-36001", .size = 2048,
		.delim = NULL, .dev = dev,
	};
}

static void test_parts_create_and_keep(void)
{
	struct part pv[] = { { 1, 34, 1000 }, { 2, 1034, 1014 } };
	const struct part_list parts = { .v = pv, .n = 2, .type = "gpt" };
	struct apply_parent parent;
	struct apply_parts out;
	struct dmio_dev *d;

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	run("mpatha1", "part1-mpath-36001", "linear", 1000, "253:0 34");
	parent = parent_at(d);
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.n, 2);
	T_INTEQ(out.n_stale, 0);
	T_INTEQ(out.v[0].kind, APPLY_PART_MAP);
	T_STREQ(out.v[0].name, "mpatha1");
	T_STREQ(out.v[0].uuid, "part1-mpath-36001");
	T_STREQ(out.v[0].params, "253:0 34");
	T_STREQ(out.v[0].want.target, "linear");
	T_INTEQ(out.v[0].want.size, 1000);
	T_INTEQ(out.v[0].step.action, APPLY_UNCHANGED);
	T_STREQ(out.v[1].name, "mpatha2");
	T_STREQ(out.v[1].params, "253:0 1034");
	T_INTEQ(out.v[1].step.action, APPLY_CREATE);
	apply_parts_free(&out);
}

static void test_parts_names(void)
{
	struct part pv[] = { { 5, 100, 100 } };
	const struct part_list parts = { .v = pv, .n = 1, .type = "dos" };
	struct apply_parent parent = parent_at(NULL);
	struct apply_parts out;
	char longname[140];

	reset();
	/* no running parent (a dry run): by its node; a name ending in a
	 * digit gets "p" */
	parent.name = "36001";
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_STREQ(out.v[0].name, "36001p5");
	T_STREQ(out.v[0].params, "/dev/mapper/36001 100");
	apply_parts_free(&out);
	parent.delim = "-part";
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_STREQ(out.v[0].name, "36001-part5");
	apply_parts_free(&out);
	/* 127 characters fit device-mapper, 128 do not */
	memset(longname, 'a', 126);
	longname[126] = '\0';
	parent.delim = NULL;
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.v[0].kind, APPLY_PART_MAP);
	apply_parts_free(&out);
	longname[126] = 'a';
	longname[127] = '\0';
	parent.name = longname;
	parent.delim = NULL;
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.n, 1);
	T_INTEQ(out.v[0].kind, APPLY_PART_TOO_LONG);
	apply_parts_free(&out);
}

static void test_parts_past_end(void)
{
	struct part pv[] = {
		{ 1, 34, 2014 },	/* ends at the last sector: fits */
		{ 2, 2048, 1 },		/* starts past the end */
		{ 3, 1000, 1049 },	/* one sector too many */
	};
	const struct part_list parts = { .v = pv, .n = 3, .type = "gpt" };
	struct apply_parent parent;
	struct apply_parts out;
	struct dmio_dev *d;

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	/* a running map for a skipped entry is not stale */
	run("mpatha3", "part3-mpath-36001", "linear", 1048, "253:0 1000");
	parent = parent_at(d);
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.n, 3);
	T_INTEQ(out.v[0].kind, APPLY_PART_MAP);
	T_INTEQ(out.v[1].kind, APPLY_PART_PAST_END);
	T_INTEQ(out.v[2].kind, APPLY_PART_PAST_END);
	T_INTEQ(out.n_stale, 0);
	apply_parts_free(&out);
}

static void test_parts_stale(void)
{
	struct part pv[] = { { 1, 34, 1000 } };
	const struct part_list one = { .v = pv, .n = 1, .type = "gpt" };
	const struct part_list none = { .v = NULL, .n = 0, .type = "" };
	struct apply_parent parent;
	struct apply_parts out;
	struct dmio_dev *d, *p2, *p3;

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	run("mpatha1", "part1-mpath-36001", "linear", 1000, "253:0 34");
	p2 = run("mpatha2", "part2-mpath-36001", "linear", 10, "253:0 1034");
	p3 = run("mpatha3", "part3-mpath-36001", "linear", 10, "253:0 1044");
	p3->open_count = 1;
	/* another map's partition and a look-alike UUID are not ours */
	run("mpathb2", "part2-mpath-36002", "linear", 10, "253:9 34");
	run("x", "part2-mpath-36001x", "linear", 10, "253:0 34");
	parent = parent_at(d);
	T_INTEQ(apply_parts_decide(&parent, &one, &running, &out), 0);
	T_INTEQ(out.n_stale, 2);
	T_CHECK(out.stale[0].dev == p2);
	T_INTEQ(out.stale[0].partno, 2);
	T_INTEQ(out.stale[0].keep, 0);
	T_CHECK(out.stale[1].dev == p3);
	T_INTEQ(out.stale[1].partno, 3);
	T_INTEQ(out.stale[1].keep, 1);
	apply_parts_free(&out);
	/* a disk without a partition table any more: every one is stale */
	T_INTEQ(apply_parts_decide(&parent, &none, &running, &out), 0);
	T_INTEQ(out.n, 0);
	T_INTEQ(out.n_stale, 3);
	apply_parts_free(&out);
}

static void test_parts_name_held(void)
{
	struct part pv[] = { { 1, 34, 1000 } };
	const struct part_list parts = { .v = pv, .n = 1, .type = "gpt" };
	struct apply_parent parent;
	struct apply_parts out;
	struct dmio_dev *d, *h;

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	h = run("mpatha1", "", "linear", 10, "8:0 0");
	parent = parent_at(d);
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.v[0].step.action, APPLY_REFUSE);
	T_CHECK(out.v[0].step.holder == h);
	apply_parts_free(&out);
}

/* Without change, apply_parts only says what is skipped and counts what
 * cannot be mapped: nothing reaches device-mapper, so it runs here. */
static void test_parts_report(void)
{
	struct part pv[] = { { 1, 34, 1000 }, { 2, 2000, 100 } };
	const struct part_list parts = { .v = pv, .n = 2, .type = "gpt" };
	struct apply_parent parent = parent_at(NULL);
	struct apply_parts out;
	char longname[140];
	const char *log;
	size_t failed;

	reset();
	run("mpatha9", "part9-mpath-36001", "linear", 10, "253:0 34");
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	T_INTEQ(out.n_stale, 1);
	t_stderr_begin();
	failed = apply_parts(&out, &parent, &running, 0);
	log = t_stderr_end();
	T_INTEQ(failed, 0);
	T_CHECK(strstr(log, "mpatha: partition 2 (start 2000, 100 sectors) "
			    "runs past the end of the map (2048 sectors)"));
	T_CHECK(!strstr(log, "stale"));
	T_STREQ(out.v[0].made, "");
	apply_parts_free(&out);

	memset(longname, 'a', 127);
	longname[127] = '\0';
	parent.name = longname;
	T_INTEQ(apply_parts_decide(&parent, &parts, &running, &out), 0);
	t_stderr_begin();
	failed = apply_parts(&out, &parent, &running, 0);
	log = t_stderr_end();
	T_INTEQ(failed, 1);
	T_CHECK(strstr(log, "partition 1: its map name or UUID would pass "
			    "device-mapper's limits"));
	apply_parts_free(&out);
}

/* A table that cannot be read decides nothing, so no partition map is
 * taken for stale; a disk read whole without a table makes them all
 * stale. */
static void test_parts_read(void)
{
	static const char zeros[1 << 20];
	char dir[32];
	struct apply_parent parent;
	struct part_list parts;
	struct apply_parts out;
	struct dmio_dev *d;
	const char *log;
	int dirfd, rc;

	dirfd = t_tmp_root(dir, "apply");
	t_put(dirfd, "short", zeros, 100);
	t_put(dirfd, "blank", zeros, sizeof(zeros));
	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	run("mpatha1", "part1-mpath-36001", "linear", 10, "253:0 34");
	parent = parent_at(d);

	t_stderr_begin();
	rc = apply_parts_read(dirfd, "short", 5000, &parent, &running, &parts, &out);
	log = t_stderr_end();
	T_INTEQ(rc, -EIO);
	T_INTEQ(out.n, 0);
	T_INTEQ(out.n_stale, 0);
	T_CHECK(strstr(log, "mpatha: cannot read the partition table of short"));
	apply_parts_free(&out);

	t_stderr_begin();
	rc = apply_parts_read(dirfd, "missing", 5000, &parent, &running,
			      &parts, &out);
	t_stderr_end();
	T_INTEQ(rc, -ENOENT);
	T_INTEQ(out.n_stale, 0);
	apply_parts_free(&out);

	rc = apply_parts_read(dirfd, "blank", 5000, &parent, &running, &parts,
			      &out);
	T_INTEQ(rc, 0);
	T_INTEQ(parts.n, 0);
	T_INTEQ(out.n_stale, 1);
	apply_parts_free(&out);
	part_list_free(&parts);

	t_rm_tree(dirfd, dir);
}

/* A dos table (one partition at 2048, 8192 sectors) comes back whole from
 * the reader's process, as read here. */
static void test_read_within(void)
{
	static char mbr[4096];
	struct part_list in, out;
	char dir[32];
	int dirfd, pid;

	dirfd = t_tmp_root(dir, "within");
	mbr[446 + 4] = 0x83;
	mbr[446 + 9] = 0x08;	/* start 2048 */
	mbr[446 + 13] = 0x20;	/* 8192 sectors */
	mbr[510] = 0x55;
	mbr[511] = (char)0xaa;
	t_put(dirfd, "dos", mbr, sizeof(mbr));
	T_INTEQ(kpartx_read(dirfd, "dos", &in), 0);
	T_INTEQ(kpartx_read_within(dirfd, "dos", 5000, &out, &pid), 0);
	T_CHECK(pid > 0);
	T_STREQ(out.type, in.type);
	T_STREQ(out.type, "dos");
	T_INTEQ(out.n, 1);
	T_INTEQ(out.n, in.n);
	T_CHECK(out.n == 1 && out.v[0].partno == 1 && out.v[0].start == 2048 &&
		out.v[0].size == 8192);
	part_list_free(&in);
	part_list_free(&out);
	T_INTEQ(kpartx_read_within(dirfd, "missing", 5000, &out, &pid), -ENOENT);
	T_INTEQ(out.n, 0);
	t_rm_tree(dirfd, dir);
}

/* A read that does not end (a FIFO no one writes: its open waits, as a
 * read from a map queueing with no path does) is given up at the
 * deadline; the reader is left waiting, said in the log, and decides
 * nothing about stale maps. It ends once the FIFO has a writer. */
static void test_read_deadline(void)
{
	struct apply_parent parent;
	struct part_list parts;
	struct apply_parts out;
	struct dmio_dev *d;
	const char *log;
	char dir[32], fdpath[64];
	int dirfd, pid, fd, extra;

	dirfd = t_tmp_root(dir, "deadline");
	T_INTEQ(mkfifoat(dirfd, "fifo", 0600), 0);
	extra = open("/dev/null", O_RDONLY);
	T_INTEQ(kpartx_read_within(dirfd, "fifo", 200, &parts, &pid),
		-ETIMEDOUT);
	T_CHECK(pid > 0 && kill(pid, 0) == 0);
	T_INTEQ(parts.n, 0);
	/* the reader left waiting holds no fd of ours but the root's */
	snprintf(fdpath, sizeof(fdpath), "/proc/%d/fd/%d", pid, extra);
	T_CHECK(access(fdpath, F_OK) && errno == ENOENT);
	snprintf(fdpath, sizeof(fdpath), "/proc/%d/fd/%d", pid, dirfd);
	T_INTEQ(access(fdpath, F_OK), 0);
	close(extra);

	reset();
	d = run("mpatha", "mpath-36001", "multipath", 2048, KERNEL);
	run("mpatha1", "part1-mpath-36001", "linear", 10, "253:0 34");
	parent = parent_at(d);
	t_stderr_begin();
	T_INTEQ(apply_parts_read(dirfd, "fifo", 1000, &parent, &running,
				 &parts, &out), -ETIMEDOUT);
	log = t_stderr_end();
	T_CHECK(strstr(log, "mpatha: partition table of fifo not read within "
			    "1 s"));
	T_CHECK(strstr(log, "partition maps left as they are; process "));
	T_INTEQ(out.n, 0);
	T_INTEQ(out.n_stale, 0);
	apply_parts_free(&out);

	/* a writer lets both readers' opens through: they read nothing and
	 * end */
	fd = openat(dirfd, "fifo", O_WRONLY | O_NONBLOCK);
	T_CHECK(fd >= 0);
	close(fd);
	t_rm_tree(dirfd, dir);
}

int main(void)
{
	T_RUN(test_create);
	T_RUN(test_refuse_name_held);
	T_RUN(test_unchanged_normalized);
	T_RUN(test_reload);
	T_RUN(test_linear_compared_as_text);
	T_RUN(test_rename);
	T_RUN(test_parts_create_and_keep);
	T_RUN(test_parts_names);
	T_RUN(test_parts_past_end);
	T_RUN(test_parts_stale);
	T_RUN(test_parts_name_held);
	T_RUN(test_parts_report);
	T_RUN(test_parts_read);
	T_RUN(test_read_within);
	T_RUN(test_read_deadline);
	return t_done();
}
