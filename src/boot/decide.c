/* Whether the init mode mounts the root now, waits, or gives up. */
#include "boot/boot.h"

static void wake_earliest(long long *wake_at, long long t)
{
	if (t && (!*wake_at || t < *wake_at))
		*wake_at = t;
}

enum boot_next boot_decide(const struct boot_wait_state *s,
			   long long *wake_at)
{
	*wake_at = 0;
	if (s->found && (s->on_map || !s->multipath))
		return BOOT_MOUNT;
	/* Seen first by this look, whose scan of the paths may have begun
	 * before its disk came (the kernel attaches disks while we look):
	 * mounted now, it could keep its map from being made. */
	if (s->found && s->unbuilt &&
	    !(s->deadline && s->now >= s->deadline)) {
		*wake_at = s->now;
		return BOOT_WAIT;
	}
	if (s->found && s->smart && s->root_paths < 2) {
		/* find_multipaths smart: a WWID seen on one path becomes a
		 * map only if a second path comes within the timeout. The
		 * deadline still wins: the root is there, mount it. */
		long long until = s->single_since + s->find_timeout;

		if (s->now >= until ||
		    (s->deadline && s->now >= s->deadline))
			return BOOT_MOUNT;
		wake_earliest(wake_at, until);
		wake_earliest(wake_at, s->deadline);
		return BOOT_WAIT;
	}
	if (s->found)	/* no map applies to its disk */
		return BOOT_MOUNT;
	if (s->deadline && s->now >= s->deadline)
		return BOOT_GIVE_UP;
	wake_earliest(wake_at, s->deadline);
	return BOOT_WAIT;
}
