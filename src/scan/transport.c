#include "scan/transport.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "scan/sysfs.h"

/* dir/<class>/<name>/attr: the transport class device of an ancestor. */
static void class_attr(int sysfd, const char *dir, const char *class,
		       const char *name, const char *attr, char *dst,
		       size_t size)
{
	char cls[SYSFS_PATH_MAX], rel[SYSFS_PATH_MAX] = "";
	int err = sysfs_join(cls, sizeof(cls), dir, class);

	if (!err)
		err = sysfs_join(rel, sizeof(rel), cls, name);
	if (!err)
		err = sysfs_read_str(sysfd, rel, attr, dst, size);
	if (err)
		log_dbg("%s/%s: %s", rel, attr, strerror(-err));
}

static int class_int(int sysfd, const char *dir, const char *class,
		     const char *name, const char *attr)
{
	char buf[16];
	unsigned long long v;

	class_attr(sysfd, dir, class, name, attr, buf, sizeof(buf));
	return sysfs_parse_ull(buf, 0x7fffffff, &v) ? -1 : (int)v;
}

/* A session's connections are its children connectionN:M; the first one
 * carries the portal. */
static void iscsi_connection(int sysfd, const char *session, struct path *p)
{
	int fd = openat(sysfd, session, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	DIR *d;

	if (fd < 0) {
		log_dbg("%s: %s", session, strerror(errno));
		return;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		char conn[SYSFS_PATH_MAX];

		if (strncmp(de->d_name, "connection", 10) ||
		    sysfs_join(conn, sizeof(conn), session, de->d_name))
			continue;
		class_attr(sysfd, conn, "iscsi_connection", de->d_name,
			   "persistent_address", p->iscsi.address,
			   sizeof(p->iscsi.address));
		p->iscsi.port = class_int(sysfd, conn, "iscsi_connection",
					  de->d_name, "persistent_port");
		break;
	}
	closedir(d);
}

static void iscsi_probe(int sysfd, const char *dir, const char *name,
			struct path *p)
{
	unsigned long long n;

	p->transport = TRANSPORT_ISCSI;
	p->iscsi.session = sysfs_parse_ull(name + 7, 0x7fffffff, &n) ? -1 : (int)n;
	class_attr(sysfd, dir, "iscsi_session", name, "targetname",
		   p->iscsi.targetname, sizeof(p->iscsi.targetname));
	p->iscsi.tpgt = class_int(sysfd, dir, "iscsi_session", name, "tpgt");
	class_attr(sysfd, dir, "iscsi_session", name, "state",
		   p->iscsi.session_state, sizeof(p->iscsi.session_state));
	p->iscsi.port = -1;
	iscsi_connection(sysfd, dir, p);
}

static int is_session(const char *name)
{
	unsigned long long n;

	return !strncmp(name, "session", 7) &&
	       !sysfs_parse_ull(name + 7, 0x7fffffff, &n);
}

static int is_host(const char *name)
{
	unsigned long long n;

	return !strncmp(name, "host", 4) &&
	       !sysfs_parse_ull(name + 4, 0x7fffffff, &n);
}

/* The transport ancestor of scsidir: its kind, and in *port_len the length
 * of scsidir up to and including it; *host_len likewise for the hostN
 * ancestor (0 when there is none). Pure string work. */
static enum path_transport find_ancestors(const char *scsidir,
					  size_t *host_len, size_t *port_len)
{
	const char *c = scsidir;

	*host_len = *port_len = 0;
	/* Walk the ancestors from the root down, one component at a time. */
	while (*c) {
		const char *e = strchr(c, '/');
		char name[256];
		size_t n;

		if (!e)
			e = c + strlen(c);
		n = (size_t)(e - c);
		if (n < sizeof(name)) {
			memcpy(name, c, n);
			name[n] = '\0';
			*port_len = (size_t)(e - scsidir);
			if (is_host(name))
				*host_len = *port_len;
			if (is_session(name))
				return TRANSPORT_ISCSI;
			if (!strncmp(name, "rport-", 6))
				return TRANSPORT_FC;
			if (!strncmp(name, "end_device-", 11))
				return TRANSPORT_SAS;
		}
		c = *e ? e + 1 : e;
	}
	*port_len = 0;
	return TRANSPORT_OTHER;
}

/* The last component of scsidir[0..len). */
static const char *component(const char *scsidir, size_t len, size_t *n)
{
	const char *s = scsidir + len;

	while (s > scsidir && s[-1] != '/')
		s--;
	*n = (size_t)(scsidir + len - s);
	return s;
}

void transport_probe(int sysfd, const char *scsidir, struct path *p)
{
	char dir[SYSFS_PATH_MAX], name[256];
	size_t host_len, len, n;
	const char *base;

	p->transport = find_ancestors(scsidir, &host_len, &len);
	if (p->transport == TRANSPORT_OTHER || len >= sizeof(dir))
		return;
	memcpy(dir, scsidir, len);
	dir[len] = '\0';
	base = component(scsidir, len, &n);
	memcpy(name, base, n);
	name[n] = '\0';
	switch (p->transport) {
	case TRANSPORT_ISCSI:
		iscsi_probe(sysfd, dir, name, p);
		break;
	case TRANSPORT_FC:
		class_attr(sysfd, dir, "fc_remote_ports", name, "node_name",
			   p->fc.node_name, sizeof(p->fc.node_name));
		class_attr(sysfd, dir, "fc_remote_ports", name, "port_name",
			   p->fc.port_name, sizeof(p->fc.port_name));
		class_attr(sysfd, dir, "fc_remote_ports", name, "port_state",
			   p->fc.port_state, sizeof(p->fc.port_state));
		break;
	case TRANSPORT_SAS:
		class_attr(sysfd, dir, "sas_device", name, "sas_address",
			   p->sas.address, sizeof(p->sas.address));
		break;
	case TRANSPORT_OTHER:
		break;
	}
}

/* dst = scsidir[0..len)/class/<last component of that>. */
static int class_dir(char *dst, size_t size, const char *scsidir, size_t len,
		     const char *class)
{
	size_t n;
	const char *name = component(scsidir, len, &n);
	int r = snprintf(dst, size, "%.*s/%s/%.*s", (int)len, scsidir, class,
			 (int)n, name);

	return r < 0 || (size_t)r >= size ? -ENAMETOOLONG : 0;
}

int transport_find_dirs(const char *scsidir, struct tmo_dirs *d)
{
	static const char *const classes[] = {
		[TRANSPORT_ISCSI] = "iscsi_session",
		[TRANSPORT_FC] = "fc_remote_ports",
		[TRANSPORT_SAS] = "sas_end_device",
	};
	size_t host_len, port_len;
	int err = 0;

	memset(d, 0, sizeof(*d));
	d->transport = find_ancestors(scsidir, &host_len, &port_len);
	if (host_len)
		err = class_dir(d->host, sizeof(d->host), scsidir, host_len,
				"scsi_host");
	if (!err && d->transport != TRANSPORT_OTHER)
		err = class_dir(d->port, sizeof(d->port), scsidir, port_len,
				classes[d->transport]);
	return err;
}

static void log_notes(const struct path *p, const struct tmo_dirs *d,
		      const struct tmo_plan *plan)
{
	unsigned n = plan->notes;

	if (n & TMO_RAISED)
		log_info("%s: dev_loss_tmo raised to %u for no_path_retry",
			 p->dev, plan->dev_loss);
	if (n & TMO_FIO_OFF)
		log_info("%s: fast_io_fail_tmo off: not below dev_loss_tmo",
			 p->dev);
	if (n & TMO_LIMITED)
		log_info("%s: dev_loss_tmo limited to %u: fast_io_fail_tmo "
			 "is not set", p->dev, plan->dev_loss);
	if (n & TMO_UNSUPPORTED)
		log_info("%s: no transport timeouts for protocol %s", p->dev,
			 path_protocol(p));
	if (n & TMO_NO_PORT)
		log_warn("%s: no %s transport device above it: timeouts not "
			 "set", p->dev, path_protocol(p));
	if (n & TMO_UNREADABLE)
		log_warn("%s: cannot read %s/dev_loss_tmo: remote port "
			 "timeouts not set", p->dev, d->port);
	if (n & TMO_ISCSI_DEV_LOSS)
		log_info("%s: dev_loss_tmo does not apply to iSCSI", p->dev);
	if (n & TMO_ISCSI_FIO)
		log_info("%s: iSCSI cannot turn fast_io_fail_tmo off or to 0: "
			 "recovery_tmo left as it is", p->dev);
}

/* The sysfs directory of p's SCSI device, as the scanner found it. */
static int scsi_dir(int sysfd, const struct path *p, char *out, size_t size)
{
	char blockdir[SYSFS_PATH_MAX];
	int err = sysfs_read_link(sysfd, "block", p->dev, blockdir,
				  sizeof(blockdir));

	if (err == -EINVAL)	/* sysfs without the block class links */
		err = sysfs_join(blockdir, sizeof(blockdir), "block", p->dev);
	return err ? err : sysfs_read_link(sysfd, blockdir, "device", out, size);
}

/* An FC remote port's dev_loss_tmo, or -1 when unreadable. The kernel
 * prints it with %d, so "infinity" reads back as -1: like multipath-tools,
 * take it as strtoul does and keep 32 bits. */
static long long rport_read_dev_loss(int sysfd, const char *dir)
{
	char buf[32], *end;
	unsigned long v;

	if (sysfs_read_str(sysfd, dir, "dev_loss_tmo", buf, sizeof(buf)))
		return -1;
	v = strtoul(buf, &end, 0);
	return end == buf ? -1 : (long long)(unsigned)v;
}

int transport_set_tmo(int sysfd, const struct path *p,
		      const struct tmo_settings *s, int dry_run)
{
	char scsidir[SYSFS_PATH_MAX];
	const char *skip = NULL;
	long long rport_dev_loss = -1;
	struct tmo_plan plan;
	struct tmo_dirs d;
	int err = scsi_dir(sysfd, p, scsidir, sizeof(scsidir)), failed = 0;
	size_t i;

	if (!err)
		err = transport_find_dirs(scsidir, &d);
	if (err) {
		log_warn("%s: cannot find its SCSI device in sysfs (%s): "
			 "timeouts not set", p->dev, strerror(-err));
		return 1;
	}
	if (d.transport == TRANSPORT_FC && d.port[0])
		rport_dev_loss = rport_read_dev_loss(sysfd, d.port);
	tmo_plan(s, &d, rport_dev_loss, &plan);
	log_notes(p, &d, &plan);
	for (i = 0; i < plan.n; i++) {
		const struct tmo_write *w = &plan.w[i];

		if (skip == w->dir)
			continue;
		if (dry_run) {
			log_info("%s: would write %s to %s/%s", p->dev,
				 w->value, w->dir, w->attr);
			continue;
		}
		err = sysfs_write_str(sysfd, w->dir, w->attr, w->value);
		if (!err) {
			log_dbg("%s: wrote %s to %s/%s", p->dev, w->value,
				w->dir, w->attr);
			continue;
		}
		log_warn("%s: cannot set %s to %s (%s/%s): %s", p->dev,
			 w->attr, w->value, w->dir, w->attr, strerror(-err));
		failed++;
		if (w->required)
			skip = w->dir;
	}
	return failed;
}
