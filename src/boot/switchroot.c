/* Handing the machine to the real root: the pseudo file systems move
 * along, the initramfs' files are deleted to give their memory back, and
 * the real init replaces this process as PID 1. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "boot/boot.h"
#include "log.h"

int boot_may_delete_root(unsigned long fs_type)
{
	return fs_type == RAMFS_MAGIC || fs_type == TMPFS_MAGIC;
}

int boot_deletes(const struct stat *root, const struct stat *entry)
{
	return entry->st_dev == root->st_dev;
}

/* Delete what dirfd holds, staying on the root's device. Closes dirfd. */
static void delete_tree(int dirfd, const struct stat *root)
{
	struct dirent *de;
	DIR *dir = fdopendir(dirfd);

	if (!dir) {
		close(dirfd);
		return;
	}
	while ((de = readdir(dir))) {
		struct stat st;
		int fd;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !boot_deletes(root, &st))
			continue;
		if (!S_ISDIR(st.st_mode)) {
			unlinkat(dirfd, de->d_name, 0);
			continue;
		}
		fd = openat(dirfd, de->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0) {
			delete_tree(fd, root);
			unlinkat(dirfd, de->d_name, AT_REMOVEDIR);
		}
	}
	closedir(dir);
}

/* Move a pseudo file system into the new root; where the new root has
 * no place for it, it is detached instead. */
static void move_pseudo_fs(const char *newroot, const char *dir)
{
	char to[256];

	snprintf(to, sizeof(to), "%s%s", newroot, dir);
	if (!mount(dir, to, NULL, MS_MOVE, NULL))
		return;
	log_warn("cannot move %s to %s: %s; detached", dir, to,
		 strerror(errno));
	umount2(dir, MNT_DETACH);
}

int boot_switch_root(const char *newroot, const char *init, char **argv)
{
	static const char *const moved[] = { "/dev", "/proc", "/sys", "/run" };
	static const char *const inits[] = { "/sbin/init", "/etc/init",
					     "/bin/init", "/bin/sh" };
	struct stat root_st, new_st;
	struct statfs sfs;
	int oldroot;
	size_t i;

	oldroot = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (oldroot < 0 || fstat(oldroot, &root_st) || stat(newroot, &new_st)) {
		int err = -errno;

		log_err("switch_root: %s", strerror(errno));
		if (oldroot >= 0)
			close(oldroot);
		return err;
	}
	if (new_st.st_dev == root_st.st_dev) {
		log_err("switch_root: nothing is mounted on %s", newroot);
		close(oldroot);
		return -EINVAL;
	}
	for (i = 0; i < sizeof(moved) / sizeof(moved[0]); i++)
		move_pseudo_fs(newroot, moved[i]);
	if (chdir(newroot)) {
		log_err("switch_root: cannot enter %s: %s", newroot,
			strerror(errno));
		close(oldroot);
		return -errno;
	}
	if (!fstatfs(oldroot, &sfs) && boot_may_delete_root(sfs.f_type))
		delete_tree(oldroot, &root_st);
	else
		close(oldroot);
	if (mount(".", "/", NULL, MS_MOVE, NULL) || chroot(".") ||
	    chdir("/")) {
		log_err("switch_root: cannot make %s the root: %s", newroot,
			strerror(errno));
		return -errno;
	}
	if (init) {
		argv[0] = (char *)init;
		execv(init, argv);
		log_err("cannot run init=%s: %s", init, strerror(errno));
	}
	for (i = 0; i < sizeof(inits) / sizeof(inits[0]); i++) {
		argv[0] = (char *)inits[i];
		execv(inits[i], argv);
	}
	log_err("no init found in the new root (tried /sbin/init, /etc/init, "
		"/bin/init, /bin/sh)");
	return -ENOENT;
}
