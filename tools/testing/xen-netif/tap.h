/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal TAP (version 13) test runner for the xen-netif harness.
 *
 * A test is a function that makes checks; the first failing check of a
 * test and every later one add a "# file:line: ..." diagnostic, printed
 * after the test's "not ok" line.
 */
#ifndef _XNIF_TAP_H
#define _XNIF_TAP_H

#include <stddef.h>

struct xt_test {
	const char *name;
	void (*fn)(void);
};

#define XT_TEST(fn)	{ #fn, fn }
#define XT_END		{ NULL, NULL }

void xt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* @cond must hold. */
#define XT_CHECK(cond)							\
	do {								\
		if (!(cond))						\
			xt_fail(__FILE__, __LINE__, "check failed: %s",	\
				#cond);					\
	} while (0)

/* Integers @got and @want must be equal. */
#define XT_EQ(got, want)						\
	do {								\
		long long _g = (long long)(got);			\
		long long _w = (long long)(want);			\
									\
		if (_g != _w)						\
			xt_fail(__FILE__, __LINE__,			\
				"%s: got %lld, want %lld (%s)",		\
				#got, _g, _w, #want);			\
	} while (0)

/* Unsigned 64-bit integers @got and @want must be equal. */
#define XT_EQ_U64(got, want)						\
	do {								\
		unsigned long long _g = (got);				\
		unsigned long long _w = (want);				\
									\
		if (_g != _w)						\
			xt_fail(__FILE__, __LINE__,			\
				"%s: got %llu, want %llu (%s)",		\
				#got, _g, _w, #want);			\
	} while (0)

/* Strings @got and @want must be equal. */
#define XT_STREQ(got, want)						\
	do {								\
		const char *_g = (got);					\
		const char *_w = (want);				\
									\
		if (strcmp(_g, _w))					\
			xt_fail(__FILE__, __LINE__,			\
				"%s: got \"%s\", want \"%s\"",		\
				#got, _g, _w);				\
	} while (0)

/* Run every test of every NULL-terminated group; returns the exit code. */
int xt_run(const struct xt_test *const *groups, size_t nr_groups);

#endif /* _XNIF_TAP_H */
