/* Logging on multipath's verbosity scale: 0 silent, 1 errors, 2 warnings
 * and what was done (default), 3 informational, 4-6 debug. Lines go to
 * stderr, or to the kernel's log (/dev/kmsg) once log_use_kmsg is called:
 * in early boot and in a daemon whose stderr is the console, the kernel's
 * log is the one place every line is kept and ordered with the kernel's
 * own. */
#pragma once

#include <stdarg.h>

extern int log_verbosity;

void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* From now on, write `<prio>mpboot[pid]: ...` lines to <devfd>/kmsg, with
 * syslog's facility daemon and the priority of the level (1 err, 2
 * notice, 3 info, 4-6 debug). The kernel rate-limits what user space
 * writes there unless booted with printk.devkmsg=on. Returns 0, or
 * -errno with stderr kept. */
int log_use_kmsg(int devfd);

/* The syslog priority (facility daemon) of a verbosity level: pure. */
int log_kmsg_prio(int level);

#define log_err(...)  log_msg(1, __VA_ARGS__)
#define log_warn(...) log_msg(2, __VA_ARGS__)
#define log_info(...) log_msg(3, __VA_ARGS__)
#define log_dbg(...)  log_msg(4, __VA_ARGS__)
