/* log.c: the /dev/kmsg records. */
#include "t.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static void test_kmsg_prio_by_level(void)
{
	T_INTEQ(log_kmsg_prio(1), 27);	/* daemon.err */
	T_INTEQ(log_kmsg_prio(2), 29);	/* daemon.notice */
	T_INTEQ(log_kmsg_prio(3), 30);	/* daemon.info */
	T_INTEQ(log_kmsg_prio(4), 31);	/* daemon.debug */
	T_INTEQ(log_kmsg_prio(6), 31);
}

static void test_kmsg_records(void)
{
	char dir[64], buf[4096], want[128];
	int dfd, fd;
	ssize_t n;

	dfd = t_tmp_root(dir, "log");
	T_CHECK(dfd >= 0);
	T_INTEQ(log_use_kmsg(dfd), -ENOENT);	/* nothing to write to */
	t_put(dfd, "kmsg", "", 0);
	T_INTEQ(log_use_kmsg(dfd), 0);
	log_verbosity = 2;
	log_msg(2, "mpatha: sdb (1:0:0:0) up -> down");
	log_msg(3, "not at verbosity 2");
	log_msg(1, "%s", "an error");

	fd = openat(dfd, "kmsg", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	T_CHECK(n > 0);
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want),
		 "<29>mpboot[%d]: mpatha: sdb (1:0:0:0) up -> down\n"
		 "<27>mpboot[%d]: an error\n", (int)getpid(), (int)getpid());
	T_STREQ(buf, want);
	t_rm_tree(dfd, dir);
}

int main(void)
{
	T_RUN(test_kmsg_prio_by_level);
	T_RUN(test_kmsg_records);	/* last: the log stays in kmsg */
	return t_done();
}
