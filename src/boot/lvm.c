/* The root on LVM: which volumes the init mode asks Debian's lvm to
 * activate (pure), and running it. The initramfs has lvm only when
 * mkinitramfs was asked for it (--lvm, or a host whose root is on LVM);
 * its lvm.conf is made for a boot without udev, and the init mode writes
 * the global_filter of the maps it built into it before every run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot/boot.h"
#include "log.h"

int boot_lvm_split(const char *dm_name, char *out, size_t size)
{
	const char *s;
	size_t n = 0;
	int split = 0;

	/* LVM doubles each '-' of the VG's and the LV's names and joins
	 * them with one; a layer ("-real", "-cow") would be a third part */
	for (s = dm_name; *s; s++) {
		char c = *s;

		if (c == '-' && s[1] == '-') {
			s++;
		} else if (c == '-') {
			if (split || s == dm_name || !s[1])
				return -EINVAL;
			split = 1;
			c = '/';
		}
		if (n + 1 >= size)
			return -EINVAL;
		out[n++] = c;
	}
	out[n] = '\0';
	return split ? 0 : -EINVAL;
}

int boot_lvm_argv(const struct boot_cmdline *cl, char *buf, size_t size,
		  const char **argv, size_t cap)
{
	size_t n = 0, i;

	if (cap < 6)
		return -E2BIG;
	argv[n++] = "lvm";
	if (cl->n_lvm_lvs || (!cl->n_lvm_vgs && cl->root.kind == ROOT_MAPPER &&
			      !boot_lvm_split(cl->root.value, buf, size))) {
		argv[n++] = "lvchange";
		argv[n++] = "-ay";
		argv[n++] = "--sysinit";
		if (!cl->n_lvm_lvs)
			argv[n++] = buf;
		for (i = 0; i < cl->n_lvm_lvs; i++) {
			if (n + 1 >= cap)
				return -E2BIG;
			argv[n++] = cl->lvm_lvs[i];
		}
	} else {
		/* the VGs named, else every VG, with its auto-activation
		 * settings */
		argv[n++] = "vgchange";
		argv[n++] = cl->n_lvm_vgs ? "-ay" : "-aay";
		argv[n++] = "--sysinit";
		for (i = 0; i < cl->n_lvm_vgs; i++) {
			if (n + 1 >= cap)
				return -E2BIG;
			argv[n++] = cl->lvm_vgs[i];
		}
	}
	argv[n] = NULL;
	return (int)n;
}

int boot_lvm_run(const char *lvm, const char *const *argv)
{
	/* no udev: libdevmapper makes the nodes itself */
	static char *const envp[] = {
		"PATH=/sbin:/bin:/usr/sbin:/usr/bin", "DM_DISABLE_UDEV=1",
		"LVM_SUPPRESS_FD_WARNINGS=1", NULL,
	};
	char line[512];
	size_t len = 0, i;
	int status;
	pid_t pid;

	for (i = 0; argv[i] && len < sizeof(line); i++)
		len += snprintf(line + len, sizeof(line) - len, "%s%s",
				i ? " " : "", argv[i]);
	log_warn("activating LVM: %s", line);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execve(lvm, (char *const *)argv, envp);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		log_err("%s failed (status %d)", line, status);
		return -EIO;
	}
	return 0;
}

int boot_lvm_new_pvs(const struct boot_devs *devs, struct boot_pvs *seen)
{
	size_t i, k;
	int added = 0;

	/* a path's partitions are not probed: only maps, partition maps
	 * and disks no map holds can show LVM2_member */
	for (i = 0; i < devs->n; i++) {
		const struct boot_dev *d = &devs->v[i];
		unsigned long long devno = (unsigned long long)d->major << 32 |
					   d->minor;

		if (strcmp(d->fstype, "LVM2_member"))
			continue;
		for (k = 0; k < seen->n && seen->v[k] != devno; k++)
			;
		if (k < seen->n)
			continue;
		if (seen->n == seen->cap) {
			size_t cap = seen->cap ? 2 * seen->cap : 8;
			unsigned long long *v = realloc(seen->v,
							cap * sizeof(*v));

			if (!v)
				return -ENOMEM;
			seen->v = v;
			seen->cap = cap;
		}
		seen->v[seen->n++] = devno;
		added++;
	}
	return added;
}

void boot_pvs_free(struct boot_pvs *seen)
{
	free(seen->v);
	memset(seen, 0, sizeof(*seen));
}
