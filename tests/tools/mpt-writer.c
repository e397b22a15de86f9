/*
 * mpt-writer: a guest-side writer and verifier for the QEMU tests. It runs
 * inside the test guests (static, musl), not in mpboot.
 *
 *   mpt-writer write DEV [options]    write checksummed blocks until stopped
 *   mpt-writer verify DEV --state F   read every block back and check it
 *
 * Each block (--bs bytes, default 4096) starts with a header: magic, block
 * number, generation, seed, CRC-32 of the whole block (the CRC field taken
 * as zero); the rest is a pseudo-random pattern derived from (seed, block,
 * generation), so a stale block, a block written to the wrong place and a
 * torn one are all told apart. The writer goes through the region in
 * passes (generation 1, 2, ...), --depth writes in flight at once with
 * O_DIRECT and kernel AIO, until --seconds have passed or the --stop file
 * exists; then it waits for every write in flight (a queued one included)
 * and writes a state file naming what the region must hold: the seed, the
 * generation and position where it stopped and the blocks whose write
 * failed (those may hold either generation). Same seed, same bytes: a run
 * is reproduced from its printed seed.
 *
 * Every failed write is printed as it completes:
 *   mpt-writer: error t=SECONDS block=N offset=BYTES: REASON
 * and the last line is the summary the guest checks:
 *   mpt-writer write: seed=S bs=B blocks=N depth=D writes=W errors=E
 *     gen=G next=P seconds=T max_latency_ms=L      (one line)
 *   mpt-writer verify: seed=S blocks=N checked=C bad=B gen=G next=P
 * max_latency_ms is the longest time one write took (a figure, not a
 * test). Exit status: 0 when errors (or bad) is 0, 1 otherwise, 2 on bad
 * usage or when the device cannot be used at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/aio_abi.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define W_MAGIC 0x4d505457u /* "MPTW" */
#define W_MAX_DEPTH 64
#define W_MAX_FAILED 4096
#define W_MAX_PRINTED 20

struct w_header {
	uint32_t magic;
	uint32_t crc;
	uint64_t block;
	uint64_t seed;
	uint32_t gen;
	uint32_t bs;
};

struct w_opts {
	const char *dev, *stop, *state;
	uint64_t seed, blocks, offset;
	unsigned bs, depth, iops;
	double seconds, progress;
};

/* ---- pure: pattern, CRC --------------------------------------------- */

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32_buf(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	while (n--)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

/* splitmix64: one state per block, so any block is made on its own. */
static uint64_t mix_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* block_fill: the exact bytes block NUM of generation GEN holds. */
static void block_fill(unsigned char *buf, unsigned bs, uint64_t seed,
		       uint64_t num, uint32_t gen)
{
	struct w_header h = { W_MAGIC, 0, num, seed, gen, bs };
	uint64_t s = seed ^ (num * 0xd1342543de82ef95ull) ^
		     ((uint64_t)gen << 40);
	for (unsigned i = sizeof(h); i < bs; i += 8) {
		uint64_t v = mix_next(&s);
		memcpy(buf + i, &v, bs - i < 8 ? bs - i : 8);
	}
	memcpy(buf, &h, sizeof(h));
	h.crc = crc32_buf(buf, bs);
	memcpy(buf, &h, sizeof(h));
}

/* ---- time, output ---------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fputs("usage: mpt-writer write DEV [--seed N] [--bs BYTES] [--offset BYTES]\n"
	      "         [--blocks N] [--depth N] [--iops N] [--seconds S]\n"
	      "         [--stop FILE] [--state FILE] [--progress S]\n"
	      "       mpt-writer verify DEV --state FILE\n", stderr);
	return 2;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-')
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct w_opts *o)
{
	for (int i = 3; i < argc; i++) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t n = 0;
		if (!v) {
			fprintf(stderr, "mpt-writer: %s needs a value\n", k);
			return -EINVAL;
		}
		i++;
		if (!strcmp(k, "--stop")) {
			o->stop = v;
			continue;
		}
		if (!strcmp(k, "--state")) {
			o->state = v;
			continue;
		}
		if (!strcmp(k, "--seconds") || !strcmp(k, "--progress")) {
			char *end;
			double d = strtod(v, &end);
			if (end == v || *end || d < 0) {
				fprintf(stderr, "mpt-writer: %s %s: not a number of seconds\n", k, v);
				return -EINVAL;
			}
			*(k[2] == 's' ? &o->seconds : &o->progress) = d;
			continue;
		}
		if (parse_u64(v, &n) < 0) {
			fprintf(stderr, "mpt-writer: %s %s: not a number\n", k, v);
			return -EINVAL;
		}
		if (!strcmp(k, "--seed"))
			o->seed = n;
		else if (!strcmp(k, "--blocks"))
			o->blocks = n;
		else if (!strcmp(k, "--offset"))
			o->offset = n;
		else if (!strcmp(k, "--bs") && n >= 512 && n <= 1 << 20 && !(n & (n - 1)))
			o->bs = n;
		else if (!strcmp(k, "--depth") && n >= 1 && n <= W_MAX_DEPTH)
			o->depth = n;
		else if (!strcmp(k, "--iops"))
			o->iops = n;
		else {
			fprintf(stderr, "mpt-writer: %s %s: unknown option or bad value\n", k, v);
			return -EINVAL;
		}
	}
	return 0;
}

/* open_dev: O_DIRECT, and the number of whole blocks after the offset. */
static int open_dev(struct w_opts *o, int flags)
{
	uint64_t size = 0;
	int fd = open(o->dev, flags | O_DIRECT | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "mpt-writer: %s: %s\n", o->dev, strerror(errno));
		return -1;
	}
	if (ioctl(fd, BLKGETSIZE64, &size) < 0) {
		struct stat st;
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			fprintf(stderr, "mpt-writer: %s: no size\n", o->dev);
			close(fd);
			return -1;
		}
		size = st.st_size;
	}
	if (o->offset % o->bs || size < o->offset + o->bs) {
		fprintf(stderr, "mpt-writer: %s: %" PRIu64 " bytes, offset %" PRIu64
			" (a multiple of %u) leaves no block\n", o->dev, size, o->offset, o->bs);
		close(fd);
		return -1;
	}
	uint64_t room = (size - o->offset) / o->bs;
	if (!o->blocks || o->blocks > room)
		o->blocks = room;
	return fd;
}

/* ---- write ----------------------------------------------------------- */

struct w_slot {
	struct iocb cb;
	unsigned char *buf;
	uint64_t block;
	double t0;
};

static volatile sig_atomic_t w_stop_signal;
static void on_signal(int sig) { (void)sig; w_stop_signal = 1; }

static int cmd_write(struct w_opts *o)
{
	struct w_slot slots[W_MAX_DEPTH];
	struct w_slot *free_list[W_MAX_DEPTH];
	uint64_t failed[W_MAX_FAILED];
	unsigned nfree = 0, inflight = 0, nfailed = 0;
	uint64_t writes = 0, errors = 0, next = 0;
	uint32_t gen = 1;
	double t_start, t_last_progress, max_lat = 0, t_next_submit;
	aio_context_t ctx = 0;
	int fd, stopping = 0;

	fd = open_dev(o, O_WRONLY);
	if (fd < 0)
		return 2;
	if (syscall(SYS_io_setup, o->depth, &ctx) < 0) {
		fprintf(stderr, "mpt-writer: io_setup: %s\n", strerror(errno));
		return 2;
	}
	for (unsigned i = 0; i < o->depth; i++) {
		if (posix_memalign((void **)&slots[i].buf, 4096, o->bs)) {
			fputs("mpt-writer: out of memory\n", stderr);
			return 2;
		}
		free_list[nfree++] = &slots[i];
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("mpt-writer write: start dev=%s seed=%" PRIu64 " bs=%u offset=%" PRIu64
	       " blocks=%" PRIu64 " depth=%u\n", o->dev, o->seed, o->bs, o->offset,
	       o->blocks, o->depth);
	fflush(stdout);
	t_start = t_last_progress = t_next_submit = now();

	while (!stopping || inflight) {
		double t = now();
		if (!stopping && (w_stop_signal ||
				  (o->seconds > 0 && t - t_start >= o->seconds) ||
				  (o->stop && access(o->stop, F_OK) == 0)))
			stopping = 1;
		while (!stopping && nfree && t >= t_next_submit) {
			struct w_slot *s = free_list[--nfree];
			struct iocb *cbp = &s->cb;
			block_fill(s->buf, o->bs, o->seed, next, gen);
			memset(&s->cb, 0, sizeof(s->cb));
			s->cb.aio_data = (uintptr_t)s;
			s->cb.aio_lio_opcode = IOCB_CMD_PWRITE;
			s->cb.aio_fildes = fd;
			s->cb.aio_buf = (uintptr_t)s->buf;
			s->cb.aio_nbytes = o->bs;
			s->cb.aio_offset = o->offset + next * o->bs;
			s->block = next;
			s->t0 = now();
			if (syscall(SYS_io_submit, ctx, 1, &cbp) != 1) {
				/* Not sent: counts as a failed write of this block. */
				printf("mpt-writer: error t=%.3f block=%" PRIu64 " offset=%llu: submit: %s\n",
				       s->t0 - t_start, next, (unsigned long long)s->cb.aio_offset,
				       strerror(errno));
				errors++;
				if (nfailed < W_MAX_FAILED)
					failed[nfailed++] = next;
				free_list[nfree++] = s;
			} else {
				inflight++;
			}
			writes++;
			if (++next == o->blocks) {
				next = 0;
				gen++;
			}
			if (o->iops)
				t_next_submit += 1.0 / o->iops;
			t = now();
			if (t_next_submit < t - 1)
				t_next_submit = t; /* no burst after a stall */
		}
		if (!inflight) {
			if (!stopping)
				usleep(o->iops ? 1000 : 0);
			continue;
		}
		/* Wait briefly: the stop file and the progress line must not
		 * wait for a write the kernel holds in a queue. */
		struct io_event ev[W_MAX_DEPTH];
		long wait_ns = o->iops && !stopping ? 2000000 : 200000000;
		struct timespec ts = { 0, wait_ns };
		long n = syscall(SYS_io_getevents, ctx, 1, W_MAX_DEPTH, ev, &ts);
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "mpt-writer: io_getevents: %s\n", strerror(errno));
			return 2;
		}
		t = now();
		for (long i = 0; i < n; i++) {
			struct w_slot *s = (struct w_slot *)(uintptr_t)ev[i].data;
			if (t - s->t0 > max_lat)
				max_lat = t - s->t0;
			if (ev[i].res != (long long)o->bs) {
				const char *why = ev[i].res < 0 ? strerror(-ev[i].res) : "short write";
				printf("mpt-writer: error t=%.3f block=%" PRIu64 " offset=%llu: %s\n",
				       t - t_start, s->block,
				       (unsigned long long)s->cb.aio_offset, why);
				errors++;
				if (nfailed < W_MAX_FAILED)
					failed[nfailed++] = s->block;
			}
			inflight--;
			free_list[nfree++] = s;
		}
		if (o->progress > 0 && t - t_last_progress >= o->progress) {
			t_last_progress = t;
			printf("mpt-writer: progress t=%.1f writes=%" PRIu64 " done=%" PRIu64
			       " inflight=%u errors=%" PRIu64 " gen=%u\n", t - t_start, writes,
			       writes - inflight, inflight, errors, gen);
		}
		fflush(stdout);
	}
	double secs = now() - t_start;
	syscall(SYS_io_destroy, ctx);
	if (fsync(fd) < 0) {
		printf("mpt-writer: error t=%.3f fsync: %s\n", secs, strerror(errno));
		errors++;
	}
	close(fd);

	if (o->state) {
		FILE *f = fopen(o->state, "w");
		if (!f) {
			fprintf(stderr, "mpt-writer: %s: %s\n", o->state, strerror(errno));
			return 2;
		}
		fprintf(f, "seed %" PRIu64 "\nbs %u\noffset %" PRIu64 "\nblocks %" PRIu64
			"\ngen %u\nnext %" PRIu64 "\n", o->seed, o->bs, o->offset,
			o->blocks, gen, next);
		for (unsigned i = 0; i < nfailed; i++)
			fprintf(f, "failed %" PRIu64 "\n", failed[i]);
		if (errors > nfailed)
			fputs("failed-lost\n", f); /* more failures than listed */
		if (fclose(f)) {
			fprintf(stderr, "mpt-writer: %s: %s\n", o->state, strerror(errno));
			return 2;
		}
	}
	printf("mpt-writer write: seed=%" PRIu64 " bs=%u blocks=%" PRIu64 " depth=%u writes=%"
	       PRIu64 " errors=%" PRIu64 " gen=%u next=%" PRIu64 " seconds=%.1f max_latency_ms=%.0f\n",
	       o->seed, o->bs, o->blocks, o->depth, writes, errors, gen, next, secs,
	       max_lat * 1000);
	return errors ? 1 : 0;
}

/* ---- verify ---------------------------------------------------------- */

struct w_state {
	uint64_t seed, offset, blocks, next;
	unsigned bs;
	uint32_t gen;
	uint64_t *failed;
	size_t nfailed;
	int failed_lost;
};

static int state_read(const char *path, struct w_state *st)
{
	char line[128];
	unsigned have = 0;
	int lineno = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "mpt-writer: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	memset(st, 0, sizeof(*st));
	st->failed = calloc(W_MAX_FAILED, sizeof(*st->failed));
	if (!st->failed) {
		fclose(f);
		return -ENOMEM;
	}
	while (fgets(line, sizeof(line), f)) {
		char key[16];
		uint64_t v;
		lineno++;
		if (!strcmp(line, "failed-lost\n")) {
			st->failed_lost = 1;
			continue;
		}
		if (sscanf(line, "%15s %" SCNu64, key, &v) != 2)
			goto bad;
		if (!strcmp(key, "seed"))
			st->seed = v, have |= 1;
		else if (!strcmp(key, "bs"))
			st->bs = v, have |= 2;
		else if (!strcmp(key, "offset"))
			st->offset = v, have |= 4;
		else if (!strcmp(key, "blocks"))
			st->blocks = v, have |= 8;
		else if (!strcmp(key, "gen"))
			st->gen = v, have |= 16;
		else if (!strcmp(key, "next"))
			st->next = v, have |= 32;
		else if (!strcmp(key, "failed") && st->nfailed < W_MAX_FAILED)
			st->failed[st->nfailed++] = v;
		else
			goto bad;
	}
	fclose(f);
	if (have != 63 || st->gen < 1 || st->next >= st->blocks || st->bs < 512) {
		fprintf(stderr, "mpt-writer: %s: incomplete state\n", path);
		return -EINVAL;
	}
	return 0;
bad:
	fprintf(stderr, "mpt-writer: %s:%d: not a state line\n", path, lineno);
	fclose(f);
	return -EINVAL;
}

static int was_failed(const struct w_state *st, uint64_t b)
{
	for (size_t i = 0; i < st->nfailed; i++)
		if (st->failed[i] == b)
			return 1;
	return st->failed_lost;
}

/* block_check: NULL when BUF holds generation GEN of block B, else why. */
static const char *block_check(const unsigned char *buf, unsigned char *want,
			       const struct w_state *st, uint64_t b, uint32_t gen)
{
	struct w_header h;
	memcpy(&h, buf, sizeof(h));
	if (h.magic != W_MAGIC)
		return "no header";
	if (h.block != b)
		return "another block's data";
	if (h.seed != st->seed)
		return "another run's data (seed)";
	if (h.gen != gen)
		return "wrong generation";
	block_fill(want, st->bs, st->seed, b, gen);
	return memcmp(buf, want, st->bs) ? "bad checksum or data" : NULL;
}

static int cmd_verify(struct w_opts *o)
{
	struct w_state st;
	enum { CHUNK = 64 };
	unsigned char *buf, *want;
	uint64_t bad = 0, checked = 0;
	int fd;

	if (!o->state) {
		fputs("mpt-writer: verify needs --state FILE (written by write)\n", stderr);
		return 2;
	}
	if (state_read(o->state, &st) < 0)
		return 2;
	o->bs = st.bs;
	o->offset = st.offset;
	o->blocks = 0;
	fd = open_dev(o, O_RDONLY);
	if (fd < 0)
		return 2;
	if (o->blocks < st.blocks) {
		fprintf(stderr, "mpt-writer: %s holds %" PRIu64 " blocks, the state %" PRIu64 "\n",
			o->dev, o->blocks, st.blocks);
		return 2;
	}
	if (posix_memalign((void **)&buf, 4096, (size_t)CHUNK * st.bs) ||
	    posix_memalign((void **)&want, 4096, st.bs)) {
		fputs("mpt-writer: out of memory\n", stderr);
		return 2;
	}
	for (uint64_t b0 = 0; b0 < st.blocks; b0 += CHUNK) {
		uint64_t n = st.blocks - b0 < CHUNK ? st.blocks - b0 : CHUNK;
		ssize_t got = pread(fd, buf, n * st.bs, st.offset + b0 * st.bs);
		if (got != (ssize_t)(n * st.bs)) {
			printf("mpt-writer: bad blocks %" PRIu64 "-%" PRIu64 ": read: %s\n",
			       b0, b0 + n - 1, got < 0 ? strerror(errno) : "short read");
			bad += n;
			continue;
		}
		for (uint64_t i = 0; i < n; i++) {
			uint64_t b = b0 + i;
			/* Blocks before `next` hold the last generation, the others
			 * the one before (or nothing yet, in the first pass). */
			uint32_t gen = b < st.next ? st.gen : st.gen - 1;
			const unsigned char *p = buf + i * st.bs;
			const char *why;
			if (!gen)
				continue;
			checked++;
			why = block_check(p, want, &st, b, gen);
			/* A failed write may have landed or not: the block holds
			 * any earlier generation of itself, nothing yet, or (a
			 * write of the first pass) what an earlier run on the
			 * same region left there: that run's block, whole. */
			if (why && was_failed(&st, b)) {
				struct w_header h;
				memcpy(&h, p, sizeof(h));
				if (h.magic != W_MAGIC ||
				    (h.gen && h.gen <= gen && !block_check(p, want, &st, b, h.gen)))
					why = NULL;
				else if (h.seed != st.seed && gen == 1 && h.block == b &&
					 h.gen && h.bs == st.bs) {
					block_fill(want, st.bs, h.seed, b, h.gen);
					if (!memcmp(p, want, st.bs))
						why = NULL;
				}
			}
			if (!why)
				continue;
			if (bad++ < W_MAX_PRINTED) {
				struct w_header h;
				memcpy(&h, p, sizeof(h));
				printf("mpt-writer: bad block %" PRIu64 " offset=%" PRIu64
				       ": %s (want gen %u, found block %" PRIu64 " gen %u)\n",
				       b, st.offset + b * st.bs, why, gen,
				       h.magic == W_MAGIC ? h.block : 0,
				       h.magic == W_MAGIC ? h.gen : 0);
			}
		}
	}
	close(fd);
	printf("mpt-writer verify: seed=%" PRIu64 " blocks=%" PRIu64 " checked=%" PRIu64
	       " bad=%" PRIu64 " gen=%u next=%" PRIu64 "\n", st.seed, st.blocks, checked,
	       bad, st.gen, st.next);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct w_opts o = { .bs = 4096, .depth = 4, .offset = 1 << 20 };
	if (argc < 3)
		return usage();
	o.dev = argv[2];
	if (parse_args(argc, argv, &o) < 0)
		return usage();
	crc_init();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "write")) {
		if (!o.seed)
			o.seed = ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
		return cmd_write(&o);
	}
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(&o);
	return usage();
}
