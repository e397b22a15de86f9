/* Minimal unit-test harness. A test file defines test functions, runs them
 * with T_RUN from main, and returns t_done(). Every check that fails marks
 * its test failed and says where; the run prints "N passed, N failed". */
#pragma once

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int t_failed_checks, t_pass, t_fail;

#define T_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stdout, "  %s:%d: check failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		t_failed_checks++; \
	} } while (0)

#define T_STREQ(a, b) do { \
	const char *t_a_ = (a), *t_b_ = (b); \
	if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_)) { \
		fprintf(stdout, "  %s:%d: %s\n    got:      \"%s\"\n    expected: \"%s\"\n", \
			__FILE__, __LINE__, #a, t_a_ ? t_a_ : "(null)", \
			t_b_ ? t_b_ : "(null)"); \
		t_failed_checks++; \
	} } while (0)

#define T_INTEQ(a, b) do { \
	long long t_a_ = (a), t_b_ = (b); \
	if (t_a_ != t_b_) { \
		fprintf(stdout, "  %s:%d: %s == %lld, expected %lld\n", \
			__FILE__, __LINE__, #a, t_a_, t_b_); \
		t_failed_checks++; \
	} } while (0)

#define T_RUN(fn) do { \
	int t_before_ = t_failed_checks; \
	fn(); \
	if (t_failed_checks == t_before_) { \
		t_pass++; \
		printf("ok   %s\n", #fn); \
	} else { \
		t_fail++; \
		printf("FAIL %s\n", #fn); \
	} } while (0)

/* What the code under test writes to stderr (its log) between
 * t_stderr_begin() and t_stderr_end(), returned as a string that stays
 * valid until the next t_stderr_end(). */
static int t_stderr_fd_ = -1;
static FILE *t_stderr_file_;

static inline void t_stderr_begin(void)
{
	fflush(stderr);
	t_stderr_file_ = tmpfile();
	t_stderr_fd_ = dup(2);
	if (t_stderr_file_)
		dup2(fileno(t_stderr_file_), 2);
}

static inline const char *t_stderr_end(void)
{
	static char buf[16384];
	size_t n = 0;

	fflush(stderr);
	if (t_stderr_fd_ >= 0) {
		dup2(t_stderr_fd_, 2);
		close(t_stderr_fd_);
		t_stderr_fd_ = -1;
	}
	buf[0] = '\0';
	if (t_stderr_file_) {
		rewind(t_stderr_file_);
		n = fread(buf, 1, sizeof(buf) - 1, t_stderr_file_);
		buf[n] = '\0';
		fclose(t_stderr_file_);
		t_stderr_file_ = NULL;
	}
	return buf;
}

/* A fresh directory under /tmp named after prefix ("/tmp/mpboot-X-XXXXXX"
 * written into dir, 32 bytes), opened as a root. Returns its fd. */
static inline int t_tmp_root(char *dir, const char *prefix)
{
	int fd;

	snprintf(dir, 32, "/tmp/mpboot-%s-XXXXXX", prefix);
	if (!mkdtemp(dir))
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	T_CHECK(fd >= 0);
	return fd;
}

/* Close fd and remove the tree t_tmp_root made. */
static inline void t_rm_tree(int fd, const char *dir)
{
	char cmd[300];

	close(fd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	T_INTEQ(system(cmd), 0);
}

/* Write len bytes of text as dfd/rel. */
static inline void t_put(int dfd, const char *rel, const char *text,
			 size_t len)
{
	int fd = openat(dfd, rel, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	T_CHECK(fd >= 0);
	T_CHECK(write(fd, text, len) == (ssize_t)len);
	close(fd);
}

static inline int t_done(void)
{
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}
