/* Logging to stderr on multipath's verbosity scale: 0 silent, 1 errors,
 * 2 warnings and what was done (default), 3 informational, 4-6 debug.
 * (/dev/kmsg for early boot comes with the init mode.) */
#pragma once

#include <stdarg.h>

extern int log_verbosity;

void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)  log_msg(1, __VA_ARGS__)
#define log_warn(...) log_msg(2, __VA_ARGS__)
#define log_info(...) log_msg(3, __VA_ARGS__)
#define log_dbg(...)  log_msg(4, __VA_ARGS__)
