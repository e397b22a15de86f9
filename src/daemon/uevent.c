/* Kernel uevents: the netlink socket, the message parser, the sender
 * check. */
#include "daemon/uevent.h"

#include <errno.h>
#include <limits.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"

/* Room for a coldplug burst: thousands of paths added at once while the
 * caller is busy assembling. SO_RCVBUFFORCE goes past rmem_max (root
 * only); SO_RCVBUF is the fallback. */
#define UEV_RCVBUF (16 << 20)

int uev_open(void)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK, .nl_groups = 1,
	};
	int one = 1, size = UEV_RCVBUF;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			NETLINK_KOBJECT_UEVENT);

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* A decimal number in [0, max] and nothing else. */
static int parse_ull(const char *s, unsigned long long max,
		     unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

static int parse_devnum(const char *s, int *out)
{
	unsigned long long v;

	if (parse_ull(s, INT_MAX, &v))
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* The action word: lowercase letters only, as every kernel action is. */
static int valid_action(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len >= sizeof(((struct uevent *)0)->action))
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

static int set_key(struct uevent *ev, const char *key, size_t klen,
		   const char *val)
{
	static const struct {
		const char *key;
		size_t offset;
	} strs[] = {
		{ "DEVPATH",	offsetof(struct uevent, devpath) },
		{ "SUBSYSTEM",	offsetof(struct uevent, subsystem) },
		{ "DEVTYPE",	offsetof(struct uevent, devtype) },
		{ "DEVNAME",	offsetof(struct uevent, devname) },
		{ "MODALIAS",	offsetof(struct uevent, modalias) },
	};
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		const char **p = (const char **)((char *)ev + strs[i].offset);

		if (strlen(strs[i].key) != klen ||
		    memcmp(strs[i].key, key, klen))
			continue;
		if (*p)		/* a key twice: not the kernel's doing */
			return -EINVAL;
		*p = val;
		return 0;
	}
	if (klen == 6 && !memcmp(key, "ACTION", 6))
		return strcmp(ev->action, val) ? -EINVAL : 0;
	if (klen == 5 && !memcmp(key, "MAJOR", 5))
		return parse_devnum(val, &ev->major);
	if (klen == 5 && !memcmp(key, "MINOR", 5))
		return parse_devnum(val, &ev->minor);
	if (klen == 6 && !memcmp(key, "SEQNUM", 6))
		return parse_ull(val, ~0ULL, &ev->seqnum);
	return 0;
}

int uev_parse(char *buf, size_t len, struct uevent *out)
{
	const char *at, *p, *end = buf + len;
	int has_action = 0;
	size_t hlen;

	memset(out, 0, sizeof(*out));
	out->major = out->minor = -1;
	if (len == 0 || len > UEV_MSG_MAX || buf[len - 1] != '\0')
		return -EINVAL;
	/* The header: ACTION@DEVPATH. libudev's messages start with
	 * "libudev\0", which has no '@' before its NUL. */
	hlen = strlen(buf);
	at = memchr(buf, '@', hlen);
	if (!at || !valid_action(buf, at - buf) || at[1] != '/')
		return -EINVAL;
	memcpy(out->action, buf, at - buf);
	out->env = buf + hlen + 1;
	out->env_len = end - out->env;
	for (p = out->env; p < end; p += strlen(p) + 1) {
		const char *eq = strchr(p, '=');

		if (!eq || eq == p)
			return -EINVAL;
		if (set_key(out, p, eq - p, eq + 1))
			return -EINVAL;
		if (eq - p == 6 && !memcmp(p, "ACTION", 6))
			has_action = 1;
	}
	/* The header's devpath and the DEVPATH key are the same text. */
	if (!has_action || !out->devpath || strcmp(out->devpath, at + 1))
		return -EINVAL;
	if ((out->major < 0) != (out->minor < 0))
		return -EINVAL;
	return 0;
}

const char *uev_get(const struct uevent *ev, const char *key)
{
	const char *p, *end = ev->env + ev->env_len;
	size_t klen = strlen(key);

	for (p = ev->env; p < end; p += strlen(p) + 1)
		if (!strncmp(p, key, klen) && p[klen] == '=')
			return p + klen + 1;
	return NULL;
}

int uev_sd_topology(const struct uevent *ev)
{
	const char *resize;

	if (!ev->subsystem || strcmp(ev->subsystem, "block") ||
	    !ev->devtype || strcmp(ev->devtype, "disk") ||
	    !ev->devname || strncmp(ev->devname, "sd", 2))
		return 0;
	if (!strcmp(ev->action, "add") || !strcmp(ev->action, "remove"))
		return 1;
	resize = uev_get(ev, "RESIZE");
	return !strcmp(ev->action, "change") && resize && !strcmp(resize, "1");
}

int uev_from_kernel(const struct sockaddr *addr, socklen_t addrlen,
		    const void *creds)
{
	const struct sockaddr_nl *nl = (const struct sockaddr_nl *)addr;
	const struct ucred *cred = creds;

	return addrlen == sizeof(*nl) && nl->nl_family == AF_NETLINK &&
	       nl->nl_pid == 0 && cred && cred->uid == 0;
}

/* The credentials passed with a message, or NULL. */
static const struct ucred *msg_creds(struct msghdr *mh)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len == CMSG_LEN(sizeof(struct ucred)))
			return (const struct ucred *)CMSG_DATA(c);
	return NULL;
}

int uev_recv(int fd, char *buf, size_t cap, struct uevent *out)
{
	for (;;) {
		union {
			struct cmsghdr align;
			char buf[CMSG_SPACE(sizeof(struct ucred))];
		} control;
		struct sockaddr_nl sa;
		struct iovec iov = { buf, cap };
		struct msghdr mh = {
			.msg_name = &sa, .msg_namelen = sizeof(sa),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = control.buf,
			.msg_controllen = sizeof(control.buf),
		};
		ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EWOULDBLOCK ? -EAGAIN : -errno;
		}
		if (!uev_from_kernel((struct sockaddr *)&sa, mh.msg_namelen,
				     msg_creds(&mh))) {
			log_dbg("uevent: message not from the kernel dropped");
			continue;
		}
		if ((mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ||
		    uev_parse(buf, n, out)) {
			log_dbg("uevent: malformed or truncated message "
				"(%zd bytes) dropped", n);
			continue;
		}
		return 0;
	}
}
