/* Between the checker dispatch (checker.c) and the two ways a check
 * reaches the kernel: the sg driver (sg.c, for tur and readsector0) and
 * kernel AIO (directio.c). */
#pragma once

#include "checker/checker.h"

/* Open the sg node of sd device dev into c->fd. Returns 0 or -errno. */
int chk_sg_open(struct chk *c, int sysfd, int devfd, const char *dev);

/* Send c->cdb (cdb_len bytes), reading up to data_len bytes into c->buf.
 * Returns 0 or -errno. */
int chk_sg_send(struct chk *c, size_t cdb_len, size_t data_len);

/* Read the completion of the command sent. Returns 1 with r filled, 0
 * when none is ready, or -errno. */
int chk_sg_receive(struct chk *c, struct sgio_result *r);

/* Open the block node of dev with O_DIRECT and size c->buf. */
int chk_directio_open(struct chk *c, int devfd, const char *dev);

/* Submit the read of the first block. Returns 0 or -errno. */
int chk_directio_send(struct chk *c);
