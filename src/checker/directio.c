/* directio: an O_DIRECT read of the device's first block through kernel
 * AIO, as multipath-tools' directio checker does, without libaio (raw
 * syscalls). One AIO context for every directio check; each read signals
 * one shared eventfd (IOCB_FLAG_RESFD) and carries its struct chk in
 * aio_data, so a single fd in the loop stands for all of them. A read past
 * its deadline cannot be cancelled (block devices do not implement
 * io_cancel): it stays in flight, and its struct chk with it. */
#include "checker/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define DIRECTIO_MAX_BLOCK	4096	/* BLKBSZGET is not trusted above */

enum ps_state chk_directio_reply(long long res, size_t want)
{
	return res >= 0 && (unsigned long long)res == want ? PS_UP : PS_DOWN;
}

int chk_aio_open(struct chk_aio *a, unsigned slots)
{
	memset(a, 0, sizeof(*a));
	a->efd = -1;
	if (syscall(SYS_io_setup, slots, &a->ctx) < 0)
		return -errno;
	a->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (a->efd < 0) {
		int rc = -errno;

		syscall(SYS_io_destroy, a->ctx);
		a->ctx = 0;
		return rc;
	}
	a->slots = slots;
	return 0;
}

void chk_aio_close(struct chk_aio *a)
{
	if (a->efd >= 0)
		close(a->efd);
	if (a->ctx)
		syscall(SYS_io_destroy, a->ctx);
	memset(a, 0, sizeof(*a));
	a->efd = -1;
}

int chk_aio_reap(struct chk_aio *a)
{
	struct io_event ev[64];
	struct timespec zero = { 0, 0 };
	uint64_t count;
	int n = 0, got, i;

	/* Reset the counter first: a completion after it wakes us again. */
	if (read(a->efd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		return -errno;
	do {
		got = (int)syscall(SYS_io_getevents, a->ctx, 0L, 64L, ev, &zero);
		if (got < 0)
			return errno == EINTR ? n : -errno;
		for (i = 0; i < got; i++) {
			struct chk *c = (struct chk *)(uintptr_t)ev[i].data;

			c->aio_res = ev[i].res;
			c->aio_done = 1;
			a->used--;
		}
		n += got;
	} while (got == 64);
	return n;
}

int chk_directio_open(struct chk *c, int devfd, const char *dev)
{
	int bs = 0;
	void *buf;

	c->fd = openat(devfd, dev, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (c->fd < 0)
		return -errno;
	if (ioctl(c->fd, BLKBSZGET, &bs) < 0 || bs <= 0 ||
	    bs > DIRECTIO_MAX_BLOCK)
		bs = DIRECTIO_MAX_BLOCK;
	/* O_DIRECT wants the buffer aligned to the logical block size;
	 * a page is aligned for every one. */
	if (posix_memalign(&buf, DIRECTIO_MAX_BLOCK, (size_t)bs))
		return -ENOMEM;
	c->buf = buf;
	c->buf_len = (size_t)bs;
	return 0;
}

int chk_directio_send(struct chk *c)
{
	struct iocb *list[1] = { &c->iocb };
	struct chk_aio *a = c->aio;
	long r;

	if (a->used >= a->slots)
		return -EAGAIN;
	memset(&c->iocb, 0, sizeof(c->iocb));
	c->iocb.aio_data = (uint64_t)(uintptr_t)c;
	c->iocb.aio_lio_opcode = IOCB_CMD_PREAD;
	c->iocb.aio_fildes = (uint32_t)c->fd;
	c->iocb.aio_buf = (uint64_t)(uintptr_t)c->buf;
	c->iocb.aio_nbytes = c->buf_len;
	c->iocb.aio_offset = 0;
	c->iocb.aio_flags = IOCB_FLAG_RESFD;
	c->iocb.aio_resfd = (uint32_t)a->efd;
	c->aio_done = 0;
	r = syscall(SYS_io_submit, a->ctx, 1L, list);
	if (r < 0)
		return -errno;
	if (r != 1)
		return -EIO;
	a->used++;
	return 0;
}
