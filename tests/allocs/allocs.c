/* A test build of mpboot that counts its allocations (build/mpboot-allocs,
 * never the shipped binary): linked with -Wl,--wrap for the allocator's
 * entry points and chk_start, so every call from mpboot, libdevmapper,
 * libblkid, libkmod and musl itself passes through here. On SIGUSR1 it
 * writes one line to stderr:
 *   ALLOCS pid=P allocs=N frees=N checks=N polls=N reallocs=N
 * allocs counts the calls that make a new block (malloc, calloc,
 * aligned_alloc, posix_memalign, realloc of NULL), frees the blocks freed,
 * so allocs - frees is the blocks held: a leak makes it grow (what the
 * allocator calls itself is not counted again). reallocs
 * counts the resizes of a block (realloc of a block), which hold no new
 * one. checks counts the checkers started (chk_start), polls the passes of
 * the daemon's loop (its poll calls). Scenario 37 reads it
 * from a running daemon to show that its steady state allocates nothing
 * per check. Single counters updated atomically: the handler may run in
 * the middle of any of these calls. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "checker/checker.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t align, size_t n);
int __real_posix_memalign(void **p, size_t align, size_t n);
void __real_free(void *p);
int __real_chk_start(struct chk *c, long long now_ms, enum ps_state *state);
int __real_poll(struct pollfd *fds, nfds_t n, int timeout);

static unsigned long allocs, frees, reallocs, checks, polls;

/* Inside one of the wrapped calls: what the allocator calls itself is not
 * counted again (musl's calloc calls malloc: one block, one count). The
 * daemon has one thread. */
static int inside;

static void count(unsigned long *c)
{
	if (!inside)
		__atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
}

void *__wrap_malloc(size_t n)
{
	void *r;

	count(&allocs);
	inside++;
	r = __real_malloc(n);
	inside--;
	return r;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *r;

	count(&allocs);
	inside++;
	r = __real_calloc(n, size);
	inside--;
	return r;
}

void *__wrap_realloc(void *p, size_t n)
{
	void *r;

	count(p ? &reallocs : &allocs);
	inside++;
	r = __real_realloc(p, n);
	inside--;
	return r;
}

void *__wrap_aligned_alloc(size_t align, size_t n)
{
	void *r;

	count(&allocs);
	inside++;
	r = __real_aligned_alloc(align, n);
	inside--;
	return r;
}

int __wrap_posix_memalign(void **p, size_t align, size_t n)
{
	int r;

	count(&allocs);
	inside++;
	r = __real_posix_memalign(p, align, n);
	inside--;
	return r;
}

void __wrap_free(void *p)
{
	if (p)
		count(&frees);
	inside++;
	__real_free(p);
	inside--;
}

int __wrap_chk_start(struct chk *c, long long now_ms, enum ps_state *state)
{
	count(&checks);
	return __real_chk_start(c, now_ms, state);
}

int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	count(&polls);
	return __real_poll(fds, n, timeout);
}

/* " name=N" at p; async-signal-safe (no stdio). */
static char *put(char *p, const char *name, unsigned long v)
{
	char digits[24];
	int n = 0;

	*p++ = ' ';
	p = stpcpy(p, name);
	*p++ = '=';
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		*p++ = digits[--n];
	return p;
}

static void report(int sig)
{
	char line[160], *p = stpcpy(line, "ALLOCS");
	int saved = errno;

	(void)sig;
	p = put(p, "pid", (unsigned long)getpid());
	p = put(p, "allocs", __atomic_load_n(&allocs, __ATOMIC_RELAXED));
	p = put(p, "frees", __atomic_load_n(&frees, __ATOMIC_RELAXED));
	p = put(p, "checks", __atomic_load_n(&checks, __ATOMIC_RELAXED));
	p = put(p, "polls", __atomic_load_n(&polls, __ATOMIC_RELAXED));
	p = put(p, "reallocs", __atomic_load_n(&reallocs, __ATOMIC_RELAXED));
	*p++ = '\n';
	/* a failed write has nowhere to be said */
	(void)write(2, line, (size_t)(p - line));
	errno = saved;
}

__attribute__((constructor)) static void allocs_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = report;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
}
