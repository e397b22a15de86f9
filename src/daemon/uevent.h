/* Kernel uevents from the netlink socket (NETLINK_KOBJECT_UEVENT, group 1:
 * what the kernel itself sends; in early boot there is no udev to
 * rebroadcast them). uev_parse is pure and reads the kernel's format,
 *   ACTION@DEVPATH \0 KEY=VALUE \0 KEY=VALUE \0 ...
 * and nothing else: libudev's rebroadcast ("libudev" magic and a binary
 * header, group 2) is refused, as is anything not NUL-terminated, oversize,
 * or missing ACTION or DEVPATH. uev_recv reads one message and keeps only
 * those the kernel sent. */
#pragma once

#include <stddef.h>
#include <sys/socket.h>

/* Larger than anything the kernel sends: its environment buffer is 2 KiB
 * (UEVENT_BUFFER_SIZE) plus the ACTION@DEVPATH header. */
#define UEV_MSG_MAX 8192

struct uevent {
	char action[16];	/* add, remove, change, move, bind, ... */
	const char *devpath;	/* /devices/..., no /sys */
	const char *subsystem;	/* NULL when absent, as the rest */
	const char *devtype;	/* disk, partition, scsi_device, ... */
	const char *devname;	/* sda, dm-3, sda1 (relative to /dev) */
	const char *modalias;
	int major, minor;	/* -1 when absent */
	unsigned long long seqnum;	/* 0 when absent */
	const char *env;	/* the KEY=VALUE strings, NUL-separated */
	size_t env_len;		/* bytes of env, the last NUL included */
};

/* Open the kernel uevent socket: nonblocking, close-on-exec, passing
 * credentials, with a receive buffer large enough for a coldplug burst.
 * Returns the fd or -errno. */
int uev_open(void);

/* Parse one message of len bytes in buf; out points into buf. Returns 0
 * or -EINVAL for anything that is not a well-formed kernel uevent. */
int uev_parse(char *buf, size_t len, struct uevent *out);

/* The value of KEY in the event's environment, or NULL. */
const char *uev_get(const struct uevent *ev, const char *key);

/* Whether ev changes which sd disks multipath maps are made of, or their
 * size: an sd disk added or removed, or changed with RESIZE=1 (the kernel
 * says so when a rescan finds a new capacity: a grown LUN). Other change
 * events (media, SCSI unit attentions) change nothing the maps use. */
int uev_sd_topology(const struct uevent *ev);

/* Whether a message came from the kernel: a netlink address with port 0
 * and credentials of uid 0. creds may be NULL (none passed: refused). */
int uev_from_kernel(const struct sockaddr *addr, socklen_t addrlen,
		    const void *creds);

/* Receive one kernel uevent into buf (cap bytes, at least UEV_MSG_MAX
 * for no event to be cut) and parse it into out. Messages from other
 * senders, truncated or malformed ones are dropped (logged at debug
 * level) and the next is read. Returns 0, -EAGAIN when none is waiting,
 * -ENOBUFS when the kernel dropped events because the socket overran
 * (the caller must rescan what it watches), or another -errno. */
int uev_recv(int fd, char *buf, size_t cap, struct uevent *out);
