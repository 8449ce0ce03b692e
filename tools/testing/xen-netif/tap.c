// SPDX-License-Identifier: GPL-2.0-only
/*
 * TAP output for the xen-netif harness: "TAP version 13", the plan, one
 * "ok N - name" or "not ok N - name" line per test with its diagnostics,
 * and a closing summary line.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "tap.h"

static char xt_diag[8192];
static size_t xt_diag_len;
static unsigned int xt_failures;

void xt_fail(const char *file, int line, const char *fmt, ...)
{
	size_t room = sizeof(xt_diag) - xt_diag_len;
	va_list ap;
	int n;

	xt_failures++;
	if (room < 2)
		return;
	n = snprintf(xt_diag + xt_diag_len, room, "# %s:%d: ", file, line);
	if (n > 0 && (size_t)n < room) {
		xt_diag_len += n;
		room -= n;
		va_start(ap, fmt);
		n = vsnprintf(xt_diag + xt_diag_len, room, fmt, ap);
		va_end(ap);
		if (n > 0)
			xt_diag_len += (size_t)n < room ? (size_t)n : room - 1;
	} else {
		xt_diag_len = sizeof(xt_diag) - 1;
	}
	if (xt_diag_len < sizeof(xt_diag) - 1)
		xt_diag[xt_diag_len++] = '\n';
	xt_diag[xt_diag_len] = '\0';
}

static unsigned int xt_count(const struct xt_test *const *groups,
			     size_t nr_groups)
{
	const struct xt_test *t;
	unsigned int n = 0;
	size_t g;

	for (g = 0; g < nr_groups; g++)
		for (t = groups[g]; t->fn; t++)
			n++;
	return n;
}

/* Run one test; returns true if it passed. */
static bool xt_run_one(const struct xt_test *t, unsigned int nr)
{
	xt_failures = 0;
	xt_diag_len = 0;
	xt_diag[0] = '\0';

	t->fn();

	printf("%sok %u - %s\n", xt_failures ? "not " : "", nr, t->name);
	if (xt_failures)
		fputs(xt_diag, stdout);
	fflush(stdout);
	return !xt_failures;
}

int xt_run(const struct xt_test *const *groups, size_t nr_groups)
{
	unsigned int nr = 0, passed = 0;
	const struct xt_test *t;
	size_t g;

	printf("TAP version 13\n1..%u\n", xt_count(groups, nr_groups));
	for (g = 0; g < nr_groups; g++)
		for (t = groups[g]; t->fn; t++)
			passed += xt_run_one(t, ++nr);

	printf("xen-netif: %u passed, %u failed\n", passed, nr - passed);
	return passed == nr ? 0 : 1;
}
