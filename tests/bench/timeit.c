/* timeit: run one command and append one line of figures about it to a
 * file, for the benchmark guest (busybox has no `time` with rusage).
 *
 *   timeit OUT LABEL CMD [ARG...]
 *
 * appends "LABEL WALL_US USER_US SYS_US MAXRSS_KB STATUS" to OUT. Wall time
 * is CLOCK_MONOTONIC around fork..wait4; CPU time and peak RSS come from
 * wait4's rusage, so they cover CMD and every descendant it waited for
 * (ru_maxrss is then the largest single process, not a sum). STATUS is the
 * exit status, or 128+signal. timeit itself exits with STATUS, or 127 when
 * CMD cannot be run.
 *
 * The figures go to a file, not stdout, so that CMD's own output can be
 * redirected freely by the caller. Built static with musl-gcc. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long tv_us(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

static long long ts_us(struct timespec ts)
{
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, rc;
	FILE *out;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: timeit OUT LABEL CMD [ARG...]\n");
		return 127;
	}
	out = fopen(argv[1], "a");
	if (!out) {
		fprintf(stderr, "timeit: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		fprintf(stderr, "timeit: %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "timeit: wait4: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(out, "%s %lld %lld %lld %ld %d\n", argv[2],
		ts_us(t1) - ts_us(t0), tv_us(ru.ru_utime), tv_us(ru.ru_stime),
		ru.ru_maxrss, rc);
	if (fclose(out) != 0) {
		fprintf(stderr, "timeit: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	return rc;
}
