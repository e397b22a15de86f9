/*
 * mpt-uevent-flood: a uevent flood for the QEMU tests (static, musl; runs
 * in the guest, not in mpboot).
 *
 *   mpt-uevent-flood STOPFILE DISK...
 *
 * Writes "add" then "remove" into /sys/block/DISK/uevent for each DISK in
 * turn, as fast as the kernel takes them, until STOPFILE exists (checked
 * every 64 events): the kernel sends each event to every uevent listener
 * while the disks stay where they are. Prints
 *   mpt-uevent-flood: events=N seconds=S per_second=R
 * Exit 0, or 1 when a write fails (the first failure is printed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const char *const actions[] = { "add", "remove" };
	unsigned long events = 0;
	double start = now_s(), secs;
	char path[256];
	int i, a;

	if (argc < 3) {
		fprintf(stderr, "usage: mpt-uevent-flood STOPFILE DISK...\n");
		return 2;
	}
	for (;;) {
		if (events % 64 == 0 && access(argv[1], F_OK) == 0)
			break;
		for (i = 2; i < argc; i++) {
			snprintf(path, sizeof(path), "/sys/block/%s/uevent",
				 argv[i]);
			for (a = 0; a < 2; a++) {
				int fd = open(path, O_WRONLY | O_CLOEXEC);
				size_t n = strlen(actions[a]);

				if (fd < 0 || write(fd, actions[a], n) != (ssize_t)n) {
					fprintf(stderr, "mpt-uevent-flood: %s: %s\n",
						path, strerror(errno));
					return 1;
				}
				close(fd);
				events++;
			}
		}
	}
	secs = now_s() - start;
	printf("mpt-uevent-flood: events=%lu seconds=%.1f per_second=%.0f\n",
	       events, secs, secs > 0 ? events / secs : 0);
	return 0;
}
