/* chkbench: what one round of path checks costs, done each way the daemon
 * could do them, on real disks in the benchmark guest (tests/bench/
 * checkers.sh). Figures only; nothing is asserted.
 *
 *   chkbench METHOD ROUNDS DEV...
 *
 * METHOD:
 *   sg-tur       mpboot's checkers: TEST UNIT READY through the sg
 *                driver's async interface, one thread, poll()
 *   sg-read      the same with readsector0 (READ(10) of block 0)
 *   aio          mpboot's directio: O_DIRECT reads by kernel AIO, one
 *                eventfd
 *   sg-tur-epoll, sg-read-epoll, aio-epoll
 *                the same three waiting in epoll instead of poll
 *   pool-N       N worker threads doing blocking SG_IO TEST UNIT READY on
 *                the block nodes (a fixed thread pool)
 *   thread       a new thread per check (multipathd's async tur)
 *   sync         one blocking SG_IO after the other
 *
 * Opening the devices is left out; each round sends one check per device
 * and waits for all. Prints one line: METHOD, devices, rounds, wall ms per
 * round (mean and max), CPU ms per round (user + system of the whole
 * process, threads included) and CPU us per check. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "checker/checker.h"
#include "util/fs.h"

static int ndev;
static char **devs;
static int *bfd;		/* block nodes, for the SG_IO methods */

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static long long cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec +
	       ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
}

/* Busy time of the whole machine (every CPU, interrupts and kernel
 * threads included), from /proc/stat, in microseconds. */
static long long sys_busy_us(void)
{
	unsigned long long v[8] = { 0 };
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return 0;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 8)
		v[0] = v[1] = v[2] = v[5] = v[6] = 0;
	fclose(f);
	/* user nice system (idle iowait) irq softirq steal */
	return (long long)(v[0] + v[1] + v[2] + v[5] + v[6]) * 10000LL;
}

static int tur_sgio(int fd)
{
	unsigned char cdb[6] = { 0 }, sense[32];
	struct sg_io_hdr h;

	memset(&h, 0, sizeof(h));
	h.interface_id = 'S';
	h.dxfer_direction = SG_DXFER_NONE;
	h.cmd_len = 6;
	h.cmdp = cdb;
	h.mx_sb_len = sizeof(sense);
	h.sbp = sense;
	h.timeout = 30000;
	if (ioctl(fd, SG_IO, &h) < 0)
		return -errno;
	return (h.info & SG_INFO_OK_MASK) ? -EIO : 0;
}

/* ---- mpboot's checkers ---- */

static struct chk *chks;
static struct chk_aio aio;
static struct pollfd *pfd;

static int *who;		/* pfd index -> device index */
static int use_epoll, epfd;

/* One round the way a poll() loop runs it: submit all, then wait and
 * collect only what poll() says is ready. */
static int async_round(void)
{
	int i, left = 0, bad = 0;
	enum ps_state st;

	for (i = 0; i < ndev; i++) {
		if (chk_start(&chks[i], now_us() / 1000, &st)) {
			bad++;
			continue;
		}
		left++;
	}
	while (left) {
		int n = 0, k, ready;

		if (use_epoll) {
			struct epoll_event ev[64];

			ready = epoll_wait(epfd, ev, 64, 30000);
			if (ready <= 0)
				return -1;
			for (k = 0; k < ready; k++) {
				i = (int)ev[k].data.u32;
				if (i == ndev) {
					chk_aio_reap(&aio);
					continue;
				}
				if (chk_complete(&chks[i], &st) == 1) {
					left--;
					bad += st != PS_UP;
				}
			}
			if (aio.slots)
				for (i = 0; i < ndev; i++)
					if (chks[i].busy && chks[i].aio_done &&
					    chk_complete(&chks[i], &st) == 1) {
						left--;
						bad += st != PS_UP;
					}
			continue;
		}
		for (i = 0; i < ndev; i++)
			if (chks[i].busy && chks[i].kind != CHK_DIRECTIO) {
				pfd[n].fd = chks[i].fd;
				pfd[n].events = POLLIN;
				who[n++] = i;
			}
		if (aio.used) {
			pfd[n].fd = aio.efd;
			pfd[n].events = POLLIN;
			who[n++] = ndev;
		}
		if (poll(pfd, (nfds_t)n, 30000) <= 0)
			return -1;
		for (k = 0; k < n; k++) {
			if (!pfd[k].revents)
				continue;
			if (who[k] < ndev) {
				if (chk_complete(&chks[who[k]], &st) == 1) {
					left--;
					bad += st != PS_UP;
				}
				continue;
			}
			chk_aio_reap(&aio);
			for (i = 0; i < ndev; i++)
				if (chks[i].busy && chks[i].aio_done &&
				    chk_complete(&chks[i], &st) == 1) {
					left--;
					bad += st != PS_UP;
				}
		}
	}
	return bad;
}

static int async_setup(enum chk_kind kind)
{
	int sysfd = fs_open_root("/sys"), devfd = fs_open_root("/dev"), i, rc;

	chks = calloc((size_t)ndev, sizeof(*chks));
	pfd = calloc((size_t)ndev + 1, sizeof(*pfd));
	who = calloc((size_t)ndev + 1, sizeof(*who));
	if (kind == CHK_DIRECTIO && chk_aio_open(&aio, (unsigned)ndev))
		return -1;
	if (use_epoll)
		epfd = epoll_create1(0);
	for (i = 0; i < ndev; i++) {
		struct epoll_event ev = { .events = EPOLLIN };

		rc = chk_open(&chks[i], kind, sysfd, devfd, devs[i], 30000,
			      &aio);
		if (rc) {
			fprintf(stderr, "chkbench: %s: %s\n", devs[i],
				strerror(-rc));
			return -1;
		}
		ev.data.u32 = (uint32_t)i;
		if (use_epoll && kind != CHK_DIRECTIO &&
		    epoll_ctl(epfd, EPOLL_CTL_ADD, chks[i].fd, &ev))
			return -1;
	}
	if (use_epoll && kind == CHK_DIRECTIO) {
		struct epoll_event ev = { .events = EPOLLIN };

		ev.data.u32 = (uint32_t)ndev;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, aio.efd, &ev))
			return -1;
	}
	return 0;
}

/* ---- a fixed pool of threads doing SG_IO ---- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int next_job, jobs_left, round_bad, round_no;

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (;;) {
		int i, rc;

		while (next_job >= ndev)
			pthread_cond_wait(&work, &mu);
		i = next_job++;
		pthread_mutex_unlock(&mu);
		rc = tur_sgio(bfd[i]);
		pthread_mutex_lock(&mu);
		round_bad += rc != 0;
		if (--jobs_left == 0)
			pthread_cond_signal(&done);
	}
	return NULL;
}

static int pool_round(void)
{
	int bad;

	pthread_mutex_lock(&mu);
	round_bad = 0;
	jobs_left = ndev;
	next_job = 0;
	round_no++;
	pthread_cond_broadcast(&work);
	while (jobs_left)
		pthread_cond_wait(&done, &mu);
	bad = round_bad;
	pthread_mutex_unlock(&mu);
	return bad;
}

static int pool_setup(int n)
{
	pthread_attr_t a;
	pthread_t t;

	next_job = ndev;	/* nothing to do yet */
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 32 * 1024);
	while (n-- > 0)
		if (pthread_create(&t, &a, worker, NULL))
			return -1;
	return 0;
}

/* ---- a thread per check ---- */

static int thread_bad;

static void *one(void *arg)
{
	int rc = tur_sgio(bfd[(long)arg]);

	if (rc)
		__atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
	return NULL;
}

static int thread_round(void)
{
	pthread_t *t = calloc((size_t)ndev, sizeof(*t));
	pthread_attr_t a;
	long i;

	thread_bad = 0;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 32 * 1024);
	for (i = 0; i < ndev; i++)
		if (pthread_create(&t[i], &a, one, (void *)i))
			return -1;
	for (i = 0; i < ndev; i++)
		pthread_join(t[i], NULL);
	free(t);
	return thread_bad;
}

static int sync_round(void)
{
	int i, bad = 0;

	for (i = 0; i < ndev; i++)
		bad += tur_sgio(bfd[i]) != 0;
	return bad;
}

int main(int argc, char **argv)
{
	int (*round)(void);
	const char *m;
	long long wall = 0, wmax = 0, c0, s0;
	int rounds, r, i, bad = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: chkbench METHOD ROUNDS DEV...\n");
		return 2;
	}
	m = argv[1];
	rounds = atoi(argv[2]);
	ndev = argc - 3;
	devs = argv + 3;
	bfd = calloc((size_t)ndev, sizeof(*bfd));
	if (!strncmp(m, "pool-", 5) || !strcmp(m, "thread") ||
	    !strcmp(m, "sync")) {
		char path[64];

		for (i = 0; i < ndev; i++) {
			snprintf(path, sizeof(path), "/dev/%s", devs[i]);
			bfd[i] = open(path, O_RDONLY | O_NONBLOCK);
			if (bfd[i] < 0) {
				perror(path);
				return 1;
			}
		}
	}
	if (!strncmp(m, "sg-tur", 6) || !strncmp(m, "sg-read", 7) ||
	    !strncmp(m, "aio", 3)) {
		use_epoll = strstr(m, "-epoll") != NULL;
		if (async_setup(!strncmp(m, "sg-tur", 6) ? CHK_TUR :
				!strncmp(m, "sg-read", 7) ? CHK_READSECTOR0 :
				CHK_DIRECTIO))
			return 1;
		round = async_round;
	} else if (!strncmp(m, "pool-", 5)) {
		if (pool_setup(atoi(m + 5)))
			return 1;
		round = pool_round;
	} else if (!strcmp(m, "thread")) {
		round = thread_round;
	} else if (!strcmp(m, "sync")) {
		round = sync_round;
	} else {
		fprintf(stderr, "chkbench: unknown method %s\n", m);
		return 2;
	}
	round();		/* warm-up */
	c0 = cpu_us();
	s0 = sys_busy_us();
	for (r = 0; r < rounds; r++) {
		long long t = now_us();
		int b = round();

		if (b < 0) {
			fprintf(stderr, "chkbench: %s: round failed\n", m);
			return 1;
		}
		bad += b;
		t = now_us() - t;
		wall += t;
		if (t > wmax)
			wmax = t;
	}
	c0 = cpu_us() - c0;
	s0 = sys_busy_us() - s0;
	printf("CHKBENCH %s devs=%d rounds=%d wall_ms=%.2f wall_max_ms=%.2f cpu_ms=%.2f cpu_us_per_check=%.1f machine_busy_ms=%.2f failed=%d\n",
	       m, ndev, rounds, wall / 1000.0 / rounds, wmax / 1000.0,
	       c0 / 1000.0 / rounds, (double)c0 / rounds / ndev,
	       s0 / 1000.0 / rounds, bad);
	return 0;
}
