/* Path checkers with multipathd's semantics (multipath-tools' tur,
 * readsector0, directio), shaped for one event loop: a check is submitted
 * and never waited for. Its completion makes an fd readable; the loop
 * polls that fd until the check's deadline and then abandons it.
 *
 * - tur and readsector0 send their SCSI command through the sg driver's
 *   asynchronous interface: write() an sg_io_hdr (v3) to the path's
 *   /dev/sgN opened O_NONBLOCK, poll() it, read() the completion.
 * - directio reads the first block of the block device with O_DIRECT
 *   through kernel AIO (raw io_submit); every directio check completes on
 *   one eventfd shared by a struct chk_aio.
 *
 * Nothing is allocated per check: a struct chk holds its command, sense
 * and data buffers from chk_open to chk_close. An abandoned command stays
 * the kernel's until it completes; the check stays busy until then and a
 * new check of the path is refused (-EBUSY: the caller counts the path
 * timed out, as multipathd does with a stalled tur thread).
 *
 * ARCHITECTURE.md ("Checkers") says why this and not threads, with the
 * figures. The replies are read by pure functions (chk_*_reply) from the
 * struct sgio_result SG_IO callers use too, unit tested with sense
 * buffers. */
#pragma once

#include <linux/aio_abi.h>
#include <stddef.h>

#include "daemon/pathstate.h"
#include "scan/sgio.h"

enum chk_kind {
	CHK_TUR,		/* TEST UNIT READY (the default) */
	CHK_READSECTOR0,	/* READ(10) of LBA 0 */
	CHK_DIRECTIO,		/* O_DIRECT read of the first block */
	CHK_RDAC,		/* INQUIRY page 0xc9 */
	CHK_HP_SW,		/* INQUIRY page 0x80, then TEST UNIT READY */
	CHK_EMC_CLARIION,	/* INQUIRY page 0xc0, READ(10) when active */
	CHK_NONE,		/* "none": always up, nothing sent */
};

/* The checker named name (multipath.conf's path_checker), or -ENOTSUP for
 * one mpboot does not have (cciss_tur). */
int chk_kind_parse(const char *name);
/* The checker's name for a kind (chk_kind_parse's inverse); "unsupported"
 * for -ENOTSUP. */
const char *chk_kind_name(int kind);

/* multipath-tools' default checker_timeout when neither the configuration
 * nor the device's device/timeout gives one. */
#define CHK_DEFAULT_TIMEOUT_S	30

/* Sense key, ASC and ASCQ from fixed (0x70/0x71, at least 14 bytes) or
 * descriptor (0x72/0x73, at least 4 bytes) sense data, as multipath-tools
 * reads them; all 0 for anything else. */
void chk_sense(const unsigned char *sense, size_t len, int *key, int *asc,
	       int *ascq);

/* What a TEST UNIT READY completion means (multipath-tools 0.14 tur.c,
 * which adds 04/0a and 25/00 to 0.9.4's): reservation conflict -> UP; no
 * error -> UP; not ready 04/0b (standby) -> GHOST; not ready 04/0a (ALUA
 * transitioning) -> PENDING; illegal request 25/00 (LUN not supported)
 * and any other error -> DOWN. Returns 1 when the command is worth
 * sending again (a host error other than no-connect, bad target, abort or
 * transport failfast; a unit attention), 0 when *state is final; *state
 * is what to report when no try is left. */
int chk_tur_reply(const struct sgio_result *r, enum ps_state *state);
#define CHK_TUR_TRIES		5

/* READ(10) completion (multipath-tools' sg_read): status, host and driver
 * status all 0 -> UP, else DOWN; returns 1 for a unit attention (worth
 * sending again), else 0. */
int chk_readsector0_reply(const struct sgio_result *r, enum ps_state *state);
#define CHK_READSECTOR0_TRIES	3

/* An INQUIRY completion as multipath-tools' rdac and hp_sw checkers judge
 * it: no error, or a recovered error -> UP; illegal request -> -ENOTSUP
 * (the device does not know the page: multipathd's "wild", the checker
 * cannot tell); anything else DOWN. Returns 0 or -ENOTSUP. */
int chk_inquiry_reply(const struct sgio_result *r, enum ps_state *state);

/* rdac: the INQUIRY page 0xc9 completion r and its data page (r->len
 * bytes). LUN not connected, this controller unavailable, or alone in
 * transition -> DOWN; owner or I/O shipping -> UP; else GHOST. Returns 1
 * for a transient host error (bus busy, error, soft error, transport
 * disrupted: worth sending again; *state is DOWN), 0, or -ENOTSUP. */
int chk_rdac_reply(const struct sgio_result *r, const unsigned char *page,
		   enum ps_state *state);
#define CHK_RDAC_TRIES		5
#define CHK_RDAC_PAGE_LEN	48

/* hp_sw, step 0: the INQUIRY page 0x80 completion: returns 2 (send the
 * TEST UNIT READY, step 1) when it succeeded, else 0 with DOWN, or
 * -ENOTSUP. Step 1: the TEST UNIT READY failed -> GHOST (a standby
 * path), else UP; returns 0. */
int chk_hp_sw_reply(int step, const struct sgio_result *r,
		    enum ps_state *state);
#define CHK_HP_SW_PAGE_LEN	255

struct chk;

/* emc_clariion, step 0: the INQUIRY page 0xc0 completion (page in c->buf):
 * not the page, not set up for failover, unbound or LUNZ, or another WWN
 * than at c's first check -> DOWN; LUN not in normal operation -> SHAKY;
 * the path owning the LUN -> 2 (read block 0, step 1); a passive path ->
 * UP, DOWN when the LUN is an inactive snapshot. Step 1: the read as
 * readsector0 judges it; 05/25/01 marks the LUN an inactive snapshot, a
 * good read clears it. Returns 0, 1 (send again: transient transport
 * error or unit attention), 2, or -ENOTSUP. */
int chk_emc_reply(struct chk *c, const struct sgio_result *r,
		  enum ps_state *state);
#define CHK_EMC_PAGE_LEN	128
#define CHK_EMC_TRIES		5

/* directio: the AIO read of want bytes returned res (bytes or -errno):
 * UP when the whole block came back, else DOWN. */
enum ps_state chk_directio_reply(long long res, size_t want);

/* The AIO context every directio check of a process shares. */
struct chk_aio {
	aio_context_t ctx;
	int efd;		/* eventfd: readable when an AIO completed */
	unsigned slots, used;	/* capacity of ctx, reads in flight */
};

/* Set up for up to slots directio reads in flight. Returns 0 or -errno.
 * chk_aio_close must not run while reads are in flight: the kernel would
 * wait for them (io_destroy). */
int chk_aio_open(struct chk_aio *a, unsigned slots);
void chk_aio_close(struct chk_aio *a);

struct chk {
	enum chk_kind kind;
	int fd;			/* sg node, or O_DIRECT block node; -1 none */
	int state_fd;		/* the SCSI device's state attribute, read
				 * again before each check; -1 none */
	int access_fd;		/* its ALUA access_state, when kept open
				 * (chk_keep_access_state); -1 none */
	unsigned timeout_ms;	/* checker_timeout: kernel and deadline */
	struct chk_aio *aio;	/* directio */
	unsigned char *buf;	/* data (directio: aligned) */
	size_t buf_len;		/* the INQUIRY page or the block read */
	size_t block;		/* logical block size, for READ */

	/* the check in flight */
	int busy;		/* the kernel holds a command of ours */
	int abandoned;		/* its result is not wanted any more */
	int tries;		/* commands sent for this check */
	int step;		/* hp_sw: 0 INQUIRY, 1 TEST UNIT READY;
				 * emc_clariion: 0 INQUIRY, 1 READ */
	unsigned char wwn[16];	/* emc_clariion: the LUN's WWN, from the */
	int wwn_set;		/* first check on */
	int *lu_inactive;	/* emc_clariion: the LUN is an inactive
				 * snapshot; chk_open points it at
				 * own_inactive, the caller may point the
				 * LUN's paths at one shared int */
	int own_inactive;
	long long deadline_ms;
	long long aio_res;	/* directio: result, once reaped */
	int aio_done;
	unsigned char cdb[10];
	unsigned char sense[32];
	struct iocb iocb;
};

/* Prepare c to check the sd device dev (a name under <sysfs>/block) with
 * checker kind: open its sg node (tur, readsector0: found through
 * <sysfs>/block/<dev>/device/scsi_generic, opened under devfd) or its
 * block node with O_DIRECT (directio, which also needs aio), and allocate
 * the buffers. Returns 0 or -errno: -ENODEV when the device has no sg node
 * (the sg module is not loaded). */
int chk_open(struct chk *c, enum chk_kind kind, int sysfd, int devfd,
	     const char *dev, unsigned timeout_ms, struct chk_aio *aio);

/* Close c's fd and free its buffers. Returns 0, or -EBUSY for a directio
 * check whose read the kernel still holds: it writes the data and the
 * event into c when the read ends, so c must stay in place until
 * chk_complete returns 2. (A busy sg command is dropped by the kernel when
 * its fd closes.) */
int chk_close(struct chk *c);

/* Start a check at now_ms (monotonic): submit the command, set
 * c->deadline_ms = now_ms + timeout. Returns 1 with *state when the
 * checker needs no I/O (none), 0 when submitted (poll chk_fd(c) for
 * POLLIN), -EBUSY when the previous command has not come back, or -errno
 * when the submission failed (report DOWN, as multipathd does when its
 * ioctl fails). */
int chk_start(struct chk *c, long long now_ms, enum ps_state *state);

/* The fd whose readability says c may have completed (the shared eventfd
 * for directio). */
int chk_fd(const struct chk *c);

/* chk_fd(c) was readable: collect the completion. Returns 1 with *state
 * when the check is over; 0 when it goes on (a retry or the next command
 * was sent, or nothing for c yet); 2 when an abandoned command came back
 * (c is free again, nothing to report); -ENOTSUP when the device does not
 * support the checker's command (multipathd's "wild": leave the path's
 * state as it is). A failed submission ends the check DOWN. For directio,
 * call chk_aio_reap first. */
int chk_complete(struct chk *c, enum ps_state *state);

/* Collect every finished directio read of a: each one's check gets its
 * result, for chk_complete to hand out. Returns how many, or -errno. */
int chk_aio_reap(struct chk_aio *a);

/* The deadline passed: the result is TIMEOUT. The command stays with the
 * kernel (c stays busy) until chk_complete returns 2. */
void chk_abandon(struct chk *c);

/* What the SCSI device's state attribute says before any checker runs
 * (discovery.c path_sysfs_state): read <sysfs>/block/<dev>/device/state
 * (through c's open attribute when c has one: a thousand paths' path
 * walks a check cycle cost more than their commands' reads) and decide
 * with ps_sdev_state (UP: run the checker). A missing attribute is
 * REMOVED, another read error DOWN. */
enum ps_state chk_sdev_state(int sysfd, const char *dev,
			     const struct chk *c);

/* Keep dev's access_state attribute open in c (as its state), for a
 * caller that reads it after each check. */
void chk_keep_access_state(struct chk *c, int sysfd, const char *dev);

/* The SCSI device's ALUA access_state ("active/optimized", ...), through
 * c's open attribute when c has one, else by its path under sysfd.
 * Returns 0 or -errno. */
int chk_access_state(int sysfd, const char *dev, const struct chk *c,
		     char *buf, size_t size);

/* checker_timeout in seconds: the configured one (> 0), else the device's
 * <sysfs>/block/<dev>/device/timeout, else CHK_DEFAULT_TIMEOUT_S. */
unsigned chk_timeout_s(int sysfd, const char *dev, int configured);

/* multipathd's word for a state: "up", "down", "ghost", "timeout", ... */
const char *chk_state_name(enum ps_state s);
