#include "scan/transport.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

void transport_probe(int sysfd, const char *scsidir, struct path *p)
{
	char dir[SYSFS_PATH_MAX];
	size_t len = strlen(scsidir);
	const char *c = scsidir;

	p->transport = TRANSPORT_OTHER;
	if (len >= sizeof(dir))
		return;
	/* Walk the ancestors from the root down; dir is the path up to and
	 * including the current component. */
	while (*c) {
		const char *e = strchr(c, '/');
		const char *name;

		if (!e)
			e = c + strlen(c);
		memcpy(dir, scsidir, (size_t)(e - scsidir));
		dir[e - scsidir] = '\0';
		name = dir + (c - scsidir);
		if (is_session(name)) {
			iscsi_probe(sysfd, dir, name, p);
			return;
		}
		if (!strncmp(name, "rport-", 6)) {
			p->transport = TRANSPORT_FC;
			class_attr(sysfd, dir, "fc_remote_ports", name,
				   "node_name", p->fc.node_name,
				   sizeof(p->fc.node_name));
			class_attr(sysfd, dir, "fc_remote_ports", name,
				   "port_name", p->fc.port_name,
				   sizeof(p->fc.port_name));
			class_attr(sysfd, dir, "fc_remote_ports", name,
				   "port_state", p->fc.port_state,
				   sizeof(p->fc.port_state));
			return;
		}
		if (!strncmp(name, "end_device-", 11)) {
			p->transport = TRANSPORT_SAS;
			class_attr(sysfd, dir, "sas_device", name,
				   "sas_address", p->sas.address,
				   sizeof(p->sas.address));
			return;
		}
		c = *e ? e + 1 : e;
	}
}
