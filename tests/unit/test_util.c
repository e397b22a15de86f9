#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "dm/dmio.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"
#include "util/strmap.h"

static char *get(int dfd, const char *rel)
{
	char *text = NULL;

	T_INTEQ(fs_slurp(dfd, rel, &text, NULL), 0);
	return text;
}

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

/* Keys stay found as the map grows; a key added twice keeps its first
 * value; a key never added is not found. */
static void test_strmap(void)
{
	static char keys[5000][8];
	struct strmap m = { 0 };
	size_t i, v = 0;

	T_INTEQ(strmap_get(&m, "x", &v), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		T_INTEQ(strmap_add(&m, keys[i], i), 0);
	}
	T_INTEQ(strmap_add(&m, "k42", 7), 1);
	T_INTEQ((long long)m.n, 5000);
	for (i = 0; i < 5000; i++)
		if (!strmap_get(&m, keys[i], &v) || v != i)
			break;
	T_INTEQ((long long)i, 5000);
	T_INTEQ(strmap_get(&m, "k5000", &v), 0);
	T_INTEQ(strmap_get(&m, "", &v), 0);
	strmap_free(&m);
	T_INTEQ(strmap_get(&m, "k1", &v), 0);
}

static void test_str_binary_line(void)
{
	T_INTEQ(str_binary_line("a\tb\r\n\v\f\xc3\xa9\n", 9), 0);
	T_INTEQ(str_binary_line("a\nb\nc\0d\n", 8), 3);
	T_INTEQ(str_binary_line("\x01", 1), 1);
	T_INTEQ(str_binary_line("a\n\x7f", 3), 2);
	T_INTEQ(str_binary_line("", 0), 0);
}

static void test_fs_path_in_root(void)
{
	static const char *const cases[][2] = {
		{ "", "." }, { "/", "." }, { "//tmp/x", "tmp/x" },
		{ "/etc/multipath/bindings", "etc/multipath/bindings" },
		{ "../../etc/x", "etc/x" }, { "a/./b//../c/", "a/c" },
		{ "/a/b/../../..", "." }, { "..a/b..", "..a/b.." },
	};
	char out[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_CHECK(fs_path_in_root(cases[i][0], out, sizeof(out)) >= 0);
		T_STREQ(out, cases[i][1]);
	}
	T_INTEQ(fs_path_in_root("abcdefgh", out, 8), -ENAMETOOLONG);
}

/* procfs hands a seq_file over a page per read: one short read is not
 * the end (multipathd's socket in a long /proc/net/unix was missed). */
static void test_fs_slurp_reads_seq_files_whole(void)
{
	int rootfd = fs_open_root("/");
	char *text = NULL;
	size_t len = 0;

	T_INTEQ(fs_slurp(rootfd, "proc/self/smaps", &text, &len), 0);
	T_CHECK(len > 3 * 4096);
	T_CHECK(text && strlen(text) == len && text[len - 1] == '\n');
	T_CHECK(text && strstr(text, "[stack]"));
	free(text);
	close(rootfd);
}

/* Size is no reason not to read a file; what is not a regular file is
 * refused without blocking (a FIFO would wait for a writer forever). */
static void test_fs_slurp_any_size_regular_only(void)
{
	char dir[32], *text, *big = malloc(3 << 20);
	int dfd = t_tmp_root(dir, "fs");
	size_t len = 0;
	char buf[8];

	memset(big, 'x', 3 << 20);
	big[(3 << 20) - 1] = '\n';
	t_put(dfd, "big", big, 3 << 20);
	T_INTEQ(fs_slurp(dfd, "big", &text, &len), 0);
	T_INTEQ(len, 3 << 20);
	T_CHECK(!memcmp(text, big, len) && text[len] == '\0');
	free(text);
	t_put(dfd, "nul", "a\0b\n", 4);
	T_INTEQ(fs_slurp(dfd, "nul", &text, &len), 0);
	T_INTEQ(len, 4);
	T_CHECK(text[2] == 'b');
	free(text);
	T_INTEQ(mkfifoat(dfd, "fifo", 0600), 0);
	T_INTEQ(fs_slurp(dfd, "fifo", &text, &len), -FS_ENOTREG);
	T_CHECK(text == NULL);
	T_CHECK(fs_read(dfd, "fifo", buf, sizeof(buf)) <= 0);
	T_CHECK(fs_read_attr(dfd, "fifo", buf, sizeof(buf)) <= 0);
	T_INTEQ(mkdirat(dfd, "d", 0755), 0);
	T_INTEQ(fs_slurp(dfd, "d", &text, &len), -FS_ENOTREG);
	free(big);
	t_rm_tree(dfd, dir);
}

/* "//x", "../x" and absolute symbolic links stay inside the root. */
static void test_fs_paths_stay_in_root(void)
{
	char dir[32], *text;
	int dfd = t_tmp_root(dir, "fs");

	T_INTEQ(mkdirat(dfd, "etc", 0755), 0);
	t_put(dfd, "etc/hostname", "inside\n", 7);
	text = get(dfd, "//etc/hostname");
	T_STREQ(text, "inside\n");
	free(text);
	text = get(dfd, "../../etc/hostname");
	T_STREQ(text, "inside\n");
	free(text);
	T_INTEQ(symlinkat("/etc/hostname", dfd, "etc/link"), 0);
	text = get(dfd, "etc/link");
	T_STREQ(text, "inside\n");
	free(text);
	t_rm_tree(dfd, dir);
}

static int append_line(void *ctx, const char *cur, size_t len, char **out)
{
	(void)cur;
	(void)len;
	*out = strdup(ctx);
	return 0;
}

static int replace_text(void *ctx, const char *cur, size_t len, char **out)
{
	if (!len || asprintf(out, "%s%s", cur, (const char *)ctx) < 0)
		return -ENOMEM;
	return 0;
}

/* Written where the root says, whatever slashes or ".." the path has: a
 * bindings_file "//tmp/x" was read inside the root and written outside. */
static void test_fs_update_stays_in_root(void)
{
	char dir[32], *text;
	int dfd = t_tmp_root(dir, "fs");
	struct stat st;

	T_INTEQ(fs_update(dfd, "//mpboot-fs-test-outside/x", FS_APPEND,
			  append_line, "one\n"), 0);
	T_INTEQ(fs_update(dfd, "../../mpboot-fs-test-outside/x", FS_APPEND,
			  append_line, "two\n"), 0);
	T_CHECK(stat("/mpboot-fs-test-outside", &st) && errno == ENOENT);
	text = get(dfd, "mpboot-fs-test-outside/x");
	T_STREQ(text, "one\ntwo\n");
	free(text);
	T_INTEQ(fstatat(dfd, "mpboot-fs-test-outside/x", &st, 0), 0);
	T_INTEQ(st.st_mode & 07777, 0600);	/* as multipath creates it */
	t_rm_tree(dfd, dir);
}

/* A level of the path that is a symbolic link out of the root: the missing
 * directory under it is made inside the root (where the link resolves
 * there), never next to the link's target outside. */
static void test_fs_update_mkdir_stays_in_root(void)
{
	char dir[32], out[64];
	int dfd = t_tmp_root(dir, "fs");
	struct stat st;

	snprintf(out, sizeof(out), "/tmp/mpboot-fs-outside-%d", (int)getpid());
	T_INTEQ(mkdir(out, 0755), 0);
	T_INTEQ(symlinkat(out, dfd, "etc"), 0);
	/* inside the root the link leads nowhere: refused, or made there */
	fs_update(dfd, "/etc/multipath/x", FS_APPEND, append_line, "one\n");
	snprintf(out + strlen(out), sizeof(out) - strlen(out), "/multipath");
	T_CHECK(stat(out, &st) && errno == ENOENT);
	rmdir(out);
	*strrchr(out, '/') = '\0';
	rmdir(out);
	t_rm_tree(dfd, dir);
}

/* Another writer (multipath) holds the file's lock and appends: our update
 * waits, reads its line and keeps it. A rename over the file would have
 * dropped it. */
static void test_fs_update_waits_for_the_lock(void)
{
	char dir[32], *text;
	int dfd = t_tmp_root(dir, "fs"), ready[2], fd, status;
	pid_t pid;

	t_put(dfd, "f", "first\n", 6);
	T_INTEQ(pipe(ready), 0);
	pid = fork();
	if (pid == 0) {
		struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

		fd = openat(dfd, "f", O_RDWR);
		if (fd < 0 || fcntl(fd, F_SETLKW, &lk) ||
		    write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep(300 * 1000);
		lseek(fd, 0, SEEK_END);
		_exit(write(fd, "theirs\n", 7) != 7);
	}
	T_CHECK(read(ready[0], &status, 1) == 1);
	T_INTEQ(fs_update(dfd, "f", FS_APPEND, append_line, "mine\n"), 0);
	T_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		WEXITSTATUS(status) == 0);
	text = get(dfd, "f");
	T_STREQ(text, "first\ntheirs\nmine\n");
	free(text);
	close(ready[0]);
	close(ready[1]);
	t_rm_tree(dfd, dir);
}

/* A replaced file keeps its mode and owner, a symbolic link stays a link
 * to the edited file, and no temporary is left behind. */
static void test_fs_update_replace_keeps_file(void)
{
	char dir[32], path[64], target[64], *text;
	int dfd = t_tmp_root(dir, "fs");
	struct stat st;

	t_put(dfd, "real.conf", "a\n", 2);
	T_INTEQ(fchmodat(dfd, "real.conf", 0640, 0), 0);
	if (geteuid() == 0)
		T_INTEQ(fchownat(dfd, "real.conf", 4321, 4321, 0), 0);
	T_INTEQ(symlinkat("real.conf", dfd, "lvm.conf"), 0);
	snprintf(path, sizeof(path), "%s/lvm.conf", dir);
	snprintf(target, sizeof(target), "%s/real.conf", dir);
	T_INTEQ(fs_update(AT_FDCWD, path, FS_REPLACE, replace_text, "b\n"), 0);
	T_INTEQ(fstatat(dfd, "lvm.conf", &st, AT_SYMLINK_NOFOLLOW), 0);
	T_CHECK(S_ISLNK(st.st_mode));
	T_INTEQ(stat(target, &st), 0);
	T_INTEQ(st.st_mode & 07777, 0640);
	if (geteuid() == 0)
		T_CHECK(st.st_uid == 4321 && st.st_gid == 4321);
	text = get(dfd, "real.conf");
	T_STREQ(text, "a\nb\n");
	free(text);
	T_INTEQ(unlinkat(dfd, "lvm.conf", 0), 0);
	T_INTEQ(unlinkat(dfd, "real.conf", 0), 0);
	T_CHECK(rmdir(dir) == 0);	/* empty: nothing else was made */
	close(dfd);
}

/* An edit that fails leaves the file alone. */
static void test_fs_update_edit_error_keeps_file(void)
{
	char dir[32], *text;
	int dfd = t_tmp_root(dir, "fs");

	T_INTEQ(fs_update(dfd, "new", FS_REPLACE, replace_text, "x"), -ENOMEM);
	/* the empty file made to take the lock does not stay behind */
	T_CHECK(faccessat(dfd, "new", F_OK, 0) && errno == ENOENT);
	t_put(dfd, "f", "keep\n", 5);
	T_INTEQ(mkfifoat(dfd, "fifo", 0600), 0);
	T_INTEQ(fs_update(dfd, "fifo", FS_APPEND, append_line, "x"),
		-FS_ENOTREG);
	text = get(dfd, "f");
	T_STREQ(text, "keep\n");
	free(text);
	t_rm_tree(dfd, dir);
}

/* libdevmapper refuses a relative device directory: mpboot must stop,
 * not carry on with the real /dev. */
static void test_dmio_init_refused(void)
{
	T_INTEQ(dmio_init("dev"), -EINVAL);
	T_INTEQ(dmio_init("/dev"), 0);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_str_copy_cuts_and_terminates);
	T_RUN(test_fs_read_attr_trims_and_refuses_long);
	T_RUN(test_strmap);
	T_RUN(test_str_binary_line);
	T_RUN(test_fs_path_in_root);
	T_RUN(test_fs_slurp_reads_seq_files_whole);
	T_RUN(test_fs_slurp_any_size_regular_only);
	T_RUN(test_fs_paths_stay_in_root);
	T_RUN(test_fs_update_stays_in_root);
	T_RUN(test_fs_update_mkdir_stays_in_root);
	T_RUN(test_fs_update_waits_for_the_lock);
	T_RUN(test_fs_update_replace_keeps_file);
	T_RUN(test_fs_update_edit_error_keeps_file);
	T_RUN(test_dmio_init_refused);
	return t_done();
}
