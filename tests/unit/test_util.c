#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"
#include "util/fs.h"
#include "util/str.h"

static void test_str_copy_cuts_and_terminates(void)
{
	char b[4];

	T_INTEQ(str_copy(b, "abcdef", sizeof(b)), 6);
	T_STREQ(b, "abc");
	T_INTEQ(str_copy(b, "ab", sizeof(b)), 2);
	T_STREQ(b, "ab");
}

static void test_fs_read_attr_trims_and_refuses_long(void)
{
	char dir[] = "/tmp/mpboot-t-XXXXXX", buf[8];
	int dfd, fd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_CHECK(dfd >= 0);
	fd = openat(dfd, "a", O_WRONLY | O_CREAT, 0644);
	T_CHECK(write(fd, "running\n", 8) == 8);
	close(fd);
	T_INTEQ(fs_read_attr(dfd, "a", buf, sizeof(buf)), 7);
	T_STREQ(buf, "running");
	T_INTEQ(fs_read_attr(dfd, "a", buf, 5), -ENOSPC);
	T_INTEQ(fs_read_attr(dfd, "missing", buf, sizeof(buf)), -ENOENT);
	unlinkat(dfd, "a", 0);
	close(dfd);
	rmdir(dir);
}

int main(void)
{
	T_RUN(test_str_copy_cuts_and_terminates);
	T_RUN(test_fs_read_attr_trims_and_refuses_long);
	return t_done();
}
