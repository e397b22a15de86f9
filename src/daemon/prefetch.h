/* What PID 1 needs from the root to finish a shutdown, read into the page
 * cache while the root's paths still work (decision 90): systemd-shutdown,
 * the program PID 1 becomes in the last stage, the dynamic loader's
 * cache, and the files PID 1 maps (its libraries, which systemd-shutdown
 * shares), each to its end: systemd-shutdown locks all of its mappings
 * into memory (mlockall), so every page of them is read then. A root
 * whose paths are lost during the shutdown queues its I/O; PID 1 cannot
 * exec a program that has to be read from it then, and the daemon's
 * watch for systemd-shutdown (decision 68) would wait for ever. */
#pragma once

#include <stddef.h>

/* The next file a /proc/PID/maps text maps, from *pos (0 at first): its
 * path, copied into buf (size bytes), or NULL at the end. A file mapped
 * in consecutive ranges is given once; deleted files, pseudo-files
 * ([heap], [vdso]...), anonymous ranges and paths that do not fit in buf
 * are left out. Pure. */
const char *pf_maps_next(const char *maps, size_t *pos, char *buf,
			 size_t size);

/* Read those files of PID 1 (through procfd, /proc) in a process of its
 * own, which the caller does not wait for: the reads may wait for the
 * root's paths, the daemon's loop never does. */
void pf_shutdown_files(int procfd);
