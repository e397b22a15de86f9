/* Minimal unit-test harness. A test file defines test functions, runs them
 * with T_RUN from main, and returns t_done(). Every check that fails marks
 * its test failed and says where; the run prints "N passed, N failed". */
#pragma once

#include <stdio.h>
#include <string.h>

static int t_failed_checks, t_pass, t_fail;

#define T_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stdout, "  %s:%d: check failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		t_failed_checks++; \
	} } while (0)

#define T_STREQ(a, b) do { \
	const char *t_a_ = (a), *t_b_ = (b); \
	if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_)) { \
		fprintf(stdout, "  %s:%d: %s\n    got:      \"%s\"\n    expected: \"%s\"\n", \
			__FILE__, __LINE__, #a, t_a_ ? t_a_ : "(null)", \
			t_b_ ? t_b_ : "(null)"); \
		t_failed_checks++; \
	} } while (0)

#define T_INTEQ(a, b) do { \
	long long t_a_ = (a), t_b_ = (b); \
	if (t_a_ != t_b_) { \
		fprintf(stdout, "  %s:%d: %s == %lld, expected %lld\n", \
			__FILE__, __LINE__, #a, t_a_, t_b_); \
		t_failed_checks++; \
	} } while (0)

#define T_RUN(fn) do { \
	int t_before_ = t_failed_checks; \
	fn(); \
	if (t_failed_checks == t_before_) { \
		t_pass++; \
		printf("ok   %s\n", #fn); \
	} else { \
		t_fail++; \
		printf("FAIL %s\n", #fn); \
	} } while (0)

static inline int t_done(void)
{
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}
