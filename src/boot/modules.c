/* Kernel modules through libkmod: by name, by a device's modalias, and
 * the coldplug walk over every device the kernel already found. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot/boot.h"
#include "log.h"
#include "util/fs.h"

#define COLDPLUG_DEPTH 48	/* deeper than any device path in sysfs */

static void kmod_log(void *data, int priority, const char *file, int line,
		     const char *fn, const char *fmt, va_list args)
{
	char msg[512];

	(void)data, (void)priority, (void)file, (void)line, (void)fn;
	vsnprintf(msg, sizeof(msg), fmt, args);
	msg[strcspn(msg, "\n")] = '\0';
	log_dbg("libkmod: %s", msg);
}

int boot_mods_open(struct boot_mods *m)
{
	memset(m, 0, sizeof(*m));
	m->ctx = kmod_new(NULL, NULL);
	if (!m->ctx) {
		log_warn("no kernel module directory: only built-in drivers");
		return -ENOENT;
	}
	kmod_set_log_fn(m->ctx, kmod_log, NULL);
	if (kmod_load_resources(m->ctx) < 0)
		log_warn("no module index (depmod not run?): modules are "
			 "looked up slowly or not at all");
	return 0;
}

void boot_mods_close(struct boot_mods *m)
{
	size_t i;

	for (i = 0; i < m->n_failed; i++)
		free(m->failed[i]);
	free(m->failed);
	strmap_free(&m->seen);
	for (i = 0; i < m->n_aliases; i++)
		free(m->aliases[i]);
	free(m->aliases);
	if (m->ctx)
		kmod_unref(m->ctx);
	memset(m, 0, sizeof(*m));
}

static void failed(struct boot_mods *m, const char *name, const char *why)
{
	char **v;
	size_t i;

	log_err("module %s: %s", name, why);
	for (i = 0; i < m->n_failed; i++)
		if (!strcmp(m->failed[i], name))
			return;
	v = realloc(m->failed, (m->n_failed + 1) * sizeof(*v));
	if (!v)
		return;
	m->failed = v;
	if ((v[m->n_failed] = strdup(name)))
		m->n_failed++;
}

/* Insert every module of a lookup, dependencies first (only the
 * modules the lookup names get options). Returns how many matched, or
 * -errno of the first that failed. */
static int load_lookup(struct boot_mods *m, const char *what)
{
	struct kmod_list *list = NULL, *it;
	int rc, n = 0;

	if (!m->ctx)
		return 0;
	rc = kmod_module_new_from_lookup(m->ctx, what, &list);
	if (rc < 0)
		return rc;
	kmod_list_foreach(it, list) {
		struct kmod_module *mod = kmod_module_get_module(it);
		int r = kmod_module_probe_insert_module(mod,
				KMOD_PROBE_FAIL_ON_LOADED,
				m->nowait ? "async_probe" : NULL, NULL, NULL,
				NULL);

		if (r < 0 && r != -EEXIST && rc == 0)
			rc = r;
		else if (r >= 0)	/* not again for one loaded before */
			log_info("module %s loaded (for %s)",
				 kmod_module_get_name(mod), what);
		kmod_module_unref(mod);
		n++;
	}
	kmod_module_unref_list(list);
	return rc < 0 ? rc : n;
}

void boot_mods_load(struct boot_mods *m, const char *name)
{
	int rc = load_lookup(m, name);

	if (rc == 0)
		failed(m, name, "not found");
	else if (rc < 0)
		failed(m, name, strerror(-rc));
}

/* Whether modalias was looked up before; remembered from now on (when
 * memory allows: else it is only looked up again). */
static int seen_before(struct boot_mods *m, const char *modalias)
{
	char **v, *copy;
	size_t dummy;

	if (strmap_get(&m->seen, modalias, &dummy))
		return 1;
	v = realloc(m->aliases, (m->n_aliases + 1) * sizeof(*v));
	if (!v)
		return 0;
	m->aliases = v;
	copy = strdup(modalias);
	if (!copy || strmap_add(&m->seen, copy, 0) < 0) {
		free(copy);
		return 0;
	}
	v[m->n_aliases++] = copy;
	return 0;
}

void boot_mods_alias(struct boot_mods *m, const char *modalias)
{
	int rc;

	if (seen_before(m, modalias))
		return;
	rc = load_lookup(m, modalias);

	if (rc < 0)
		log_warn("modalias %s: %s", modalias, strerror(-rc));
}

#define ASYNC_PARAM	"module/module/parameters/async_probe"

static int async_set(int sysfd, char value)
{
	int fd = openat(sysfd, ASYNC_PARAM, O_WRONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -errno;
	rc = fs_write_all(fd, &value, 1);
	close(fd);
	return rc;
}

void boot_mods_async(struct boot_mods *m, int sysfd)
{
	char was[4];

	m->nowait = 1;
	if (m->async_was || fs_read_attr(sysfd, ASYNC_PARAM, was,
					 sizeof(was)) != 1)
		return;	/* before 6.0: the modules asked for only */
	if (async_set(sysfd, 'Y'))
		log_info("cannot set %s: module loads wait for probes",
			 ASYNC_PARAM);
	else
		m->async_was = was[0];
}

void boot_mods_async_end(struct boot_mods *m, int sysfd)
{
	m->nowait = 0;
	if (m->async_was && async_set(sysfd, m->async_was))
		log_warn("cannot put %s back to %c", ASYNC_PARAM,
			 m->async_was);
	m->async_was = 0;
}

static void coldplug_dir(struct boot_mods *m, int dirfd, int depth)
{
	char alias[512];
	struct dirent *de;
	DIR *dir;

	if (fs_read_attr(dirfd, "modalias", alias, sizeof(alias)) > 0)
		boot_mods_alias(m, alias);
	if (depth >= COLDPLUG_DEPTH)
		return;
	dir = fdopendir(dirfd);
	if (!dir) {
		close(dirfd);
		return;
	}
	/* Directories only: the links (driver, subsystem, port...) lead
	 * back up or sideways. */
	while ((de = readdir(dir))) {
		int fd;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		fd = openat(dirfd, de->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0)
			coldplug_dir(m, fd, depth + 1);
	}
	closedir(dir);
}

void boot_mods_coldplug(struct boot_mods *m, int sysfd)
{
	int fd = openat(sysfd, "devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (!m->ctx)
		return;
	if (fd < 0) {
		log_warn("sysfs devices: %s: no coldplug", strerror(errno));
		return;
	}
	coldplug_dir(m, fd, 0);
}
