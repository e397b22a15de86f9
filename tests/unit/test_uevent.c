#include <errno.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "t.h"
#include "daemon/uevent.h"

/* A message built from NUL-separated parts written with '|' for NUL. */
static size_t msg(char *buf, size_t cap, const char *text)
{
	size_t n = strlen(text) + 1, i;

	if (n > cap)
		abort();
	for (i = 0; i < n; i++)
		buf[i] = text[i] == '|' ? '\0' : text[i];
	return n;
}

static void test_parse_add(void)
{
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	size_t n = msg(buf, sizeof(buf),
		"add@/devices/pci0000:00/0000:00:03.0/virtio1/host2/"
		"target2:0:0/2:0:0:1/block/sdb|ACTION=add|"
		"DEVPATH=/devices/pci0000:00/0000:00:03.0/virtio1/host2/"
		"target2:0:0/2:0:0:1/block/sdb|SUBSYSTEM=block|MAJOR=8|"
		"MINOR=16|DEVNAME=sdb|DEVTYPE=disk|DISKSEQ=9|SEQNUM=1843");

	T_INTEQ(uev_parse(buf, n, &ev), 0);
	T_STREQ(ev.action, "add");
	T_STREQ(ev.devpath, "/devices/pci0000:00/0000:00:03.0/virtio1/host2/"
		"target2:0:0/2:0:0:1/block/sdb");
	T_STREQ(ev.subsystem, "block");
	T_STREQ(ev.devtype, "disk");
	T_STREQ(ev.devname, "sdb");
	T_INTEQ(ev.major, 8);
	T_INTEQ(ev.minor, 16);
	T_INTEQ(ev.seqnum, 1843);
	T_CHECK(ev.modalias == NULL);
	T_STREQ(uev_get(&ev, "DISKSEQ"), "9");
	T_STREQ(uev_get(&ev, "MAJOR"), "8");
	T_CHECK(uev_get(&ev, "DISK") == NULL);
	T_CHECK(uev_get(&ev, "NOPE") == NULL);
}

static void test_parse_modalias(void)
{
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	size_t n = msg(buf, sizeof(buf),
		"add@/devices/pci0000:00/0000:00:04.0|ACTION=add|"
		"DEVPATH=/devices/pci0000:00/0000:00:04.0|SUBSYSTEM=pci|"
		"MODALIAS=pci:v00001AF4d00001004sv00001AF4sd00000008bc01sc00i00|"
		"SEQNUM=77");

	T_INTEQ(uev_parse(buf, n, &ev), 0);
	T_STREQ(ev.modalias,
		"pci:v00001AF4d00001004sv00001AF4sd00000008bc01sc00i00");
	T_INTEQ(ev.major, -1);
	T_INTEQ(ev.minor, -1);
	T_CHECK(ev.devname == NULL);
}

static void test_parse_refused(void)
{
	static const char *const bad[] = {
		"",					/* empty */
		"add@/devices/x",			/* no environment */
		"libudev|\xfe\xed\xca\xfe|ACTION=add|DEVPATH=/devices/x",
		"add/devices/x|ACTION=add|DEVPATH=/devices/x",
		"@/devices/x|ACTION=add|DEVPATH=/devices/x",
		"Add@/devices/x|ACTION=Add|DEVPATH=/devices/x",
		"add@devices/x|ACTION=add|DEVPATH=devices/x",
		"averyveryverylongaction@/devices/x|"
			"ACTION=averyveryverylongaction|DEVPATH=/devices/x",
		"add@/devices/x|DEVPATH=/devices/x",	/* no ACTION */
		"add@/devices/x|ACTION=add",		/* no DEVPATH */
		"add@/devices/x|ACTION=remove|DEVPATH=/devices/x",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/y",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|"
			"DEVPATH=/devices/x",		/* twice */
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|junk",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|=v",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x||SEQNUM=1",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|MAJOR=8",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|MAJOR=8|"
			"MINOR=-1",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|MAJOR=99999999999|"
			"MINOR=0",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|SEQNUM=",
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|"
			"SEQNUM=99999999999999999999",
	};
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r;

		n = msg(buf, sizeof(buf), bad[i]);
		r = uev_parse(buf, n, &ev);
		if (r != -EINVAL)
			printf("  case %zu '%s'\n", i, bad[i]);
		T_INTEQ(r, -EINVAL);
	}
	/* not NUL-terminated */
	n = msg(buf, sizeof(buf), "add@/devices/x|ACTION=add|DEVPATH=/devices/x");
	T_INTEQ(uev_parse(buf, n, &ev), 0);
	T_INTEQ(uev_parse(buf, n - 1, &ev), -EINVAL);
	T_INTEQ(uev_parse(buf, 0, &ev), -EINVAL);
	/* oversize: even a well-formed one */
	{
		static char big[UEV_MSG_MAX + 2];
		size_t len = strlen("add@/devices/x|ACTION=add|"
				    "DEVPATH=/devices/x|X=");

		memset(big, 'a', sizeof(big));
		msg(big, sizeof(big), "add@/devices/x|ACTION=add|"
		    "DEVPATH=/devices/x|X=");
		big[len] = 'a';
		big[UEV_MSG_MAX] = '\0';
		T_INTEQ(uev_parse(big, UEV_MSG_MAX + 1, &ev), -EINVAL);
		big[UEV_MSG_MAX - 1] = '\0';
		T_INTEQ(uev_parse(big, UEV_MSG_MAX, &ev), 0);
	}
}

/* The events that make the daemon assemble again. */
static int topology(const char *text)
{
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	size_t n = msg(buf, sizeof(buf), text);

	if (uev_parse(buf, n, &ev))
		return -1;
	return uev_sd_topology(&ev);
}

static void test_sd_topology(void)
{
#define SDB "@/devices/virtio1/host2/target2:0:0/2:0:0:1/block/sdb|" \
	    "DEVPATH=/devices/virtio1/host2/target2:0:0/2:0:0:1/block/sdb|" \
	    "SUBSYSTEM=block|MAJOR=8|MINOR=16|DEVNAME=sdb|DEVTYPE=disk"
	T_INTEQ(topology("add" SDB "|ACTION=add|SEQNUM=1"), 1);
	T_INTEQ(topology("remove" SDB "|ACTION=remove|SEQNUM=2"), 1);
	/* a rescan that found a new capacity (set_capacity_and_notify) */
	T_INTEQ(topology("change" SDB "|ACTION=change|RESIZE=1|SEQNUM=3"), 1);
	/* media change, unit attentions, udev's synthetic changes: no */
	T_INTEQ(topology("change" SDB "|ACTION=change|SEQNUM=4"), 0);
	T_INTEQ(topology("change" SDB "|ACTION=change|DISK_MEDIA_CHANGE=1|"
			 "SEQNUM=5"), 0);
	T_INTEQ(topology("change" SDB "|ACTION=change|RESIZE=0|SEQNUM=6"), 0);
	T_INTEQ(topology("bind" SDB "|ACTION=bind|SEQNUM=7"), 0);
#undef SDB
	/* not an sd disk: its partition, a dm device, the SCSI device */
	T_INTEQ(topology("add@/devices/x/block/sdb/sdb1|ACTION=add|"
			 "DEVPATH=/devices/x/block/sdb/sdb1|SUBSYSTEM=block|"
			 "DEVNAME=sdb1|DEVTYPE=partition|SEQNUM=8"), 0);
	T_INTEQ(topology("change@/devices/virtual/block/dm-0|ACTION=change|"
			 "DEVPATH=/devices/virtual/block/dm-0|SUBSYSTEM=block|"
			 "DEVNAME=dm-0|DEVTYPE=disk|RESIZE=1|SEQNUM=9"), 0);
	T_INTEQ(topology("change@/devices/x/2:0:0:1|ACTION=change|"
			 "DEVPATH=/devices/x/2:0:0:1|SUBSYSTEM=scsi|"
			 "DEVTYPE=scsi_device|"
			 "SDEV_UA=CAPACITY_DATA_HAS_CHANGED|SEQNUM=10"), 0);
}

static void test_from_kernel(void)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct ucred root = { 1, 0, 0 }, user = { 1, 1000, 1000 };

	T_CHECK(uev_from_kernel((struct sockaddr *)&nl, sizeof(nl), &root));
	T_CHECK(!uev_from_kernel((struct sockaddr *)&nl, sizeof(nl), &user));
	T_CHECK(!uev_from_kernel((struct sockaddr *)&nl, sizeof(nl), NULL));
	T_CHECK(!uev_from_kernel((struct sockaddr *)&nl, 4, &root));
	nl.nl_pid = 4242;	/* a process, not the kernel */
	T_CHECK(!uev_from_kernel((struct sockaddr *)&nl, sizeof(nl), &root));
	T_CHECK(!uev_from_kernel((struct sockaddr *)&un, sizeof(nl), &root));
}

/* A well-formed event from a local socket (not the kernel) is dropped:
 * uev_recv reports nothing waiting. */
static void test_recv_refuses_others(void)
{
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	int one = 1, sv[2];
	size_t n = msg(buf, sizeof(buf),
		"add@/devices/x|ACTION=add|DEVPATH=/devices/x|SEQNUM=1");

	T_INTEQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	T_INTEQ(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one,
			   sizeof(one)), 0);
	T_INTEQ(send(sv[0], buf, n, 0), (long long)n);
	T_INTEQ(uev_recv(sv[1], buf, sizeof(buf), &ev), -EAGAIN);
	close(sv[0]);
	close(sv[1]);
}

static void test_open(void)
{
	int fd = uev_open();

	/* A sandbox without netlink says so; otherwise nothing is waiting
	 * on a fresh socket unless the host happens to send an event. */
	T_CHECK(fd >= 0 || fd == -EPERM || fd == -EACCES ||
		fd == -EPROTONOSUPPORT || fd == -EAFNOSUPPORT);
	if (fd >= 0) {
		T_CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
		T_CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
		close(fd);
	}
}

int main(void)
{
	T_RUN(test_parse_add);
	T_RUN(test_parse_modalias);
	T_RUN(test_parse_refused);
	T_RUN(test_sd_topology);
	T_RUN(test_from_kernel);
	T_RUN(test_recv_refuses_others);
	T_RUN(test_open);
	return t_done();
}
