/* The file systems every early-boot program needs, and the console. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot/boot.h"
#include "log.h"

/* Something is mounted on dir when it is on another device than /. */
static int mounted(const char *dir)
{
	struct stat root, st;

	return !stat("/", &root) && !stat(dir, &st) && st.st_dev != root.st_dev;
}

static int mount_one(const char *dir, const char *type, unsigned long flags,
		     const char *data)
{
	if (mkdir(dir, 0755) && errno != EEXIST) {
		log_err("cannot make %s: %s", dir, strerror(errno));
		return -errno;
	}
	if (mounted(dir))
		return 0;
	if (mount(type, dir, type, flags, data)) {
		log_err("cannot mount %s on %s: %s", type, dir, strerror(errno));
		return -errno;
	}
	return 0;
}

/* The kernel opens /dev/console for init only if the initramfs has the
 * node; with devtmpfs mounted it is there now. */
static void console_fds(void)
{
	int fd;

	if (fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 &&
	    fcntl(2, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i && fcntl(i, F_GETFD) < 0)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

int boot_mount_early(void)
{
	const unsigned long nodev = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int rc;

	rc = mount_one("/dev", "devtmpfs", MS_NOSUID, "mode=0755");
	console_fds();
	if (!rc)
		rc = mount_one("/proc", "proc", nodev, NULL);
	if (!rc)
		rc = mount_one("/sys", "sysfs", nodev, NULL);
	if (!rc)
		rc = mount_one("/run", "tmpfs", MS_NOSUID | MS_NODEV,
			       "mode=0755");
	return rc;
}
