/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/kstrtox.h>: kstrtoll() as the kernel's
 * (base 0 or a given base, an optional sign, one trailing newline
 * allowed, nothing else after the digits; -EINVAL if not a number,
 * -ERANGE if it does not fit).
 */
#ifndef _XNIF_SHIM_LINUX_KSTRTOX_H
#define _XNIF_SHIM_LINUX_KSTRTOX_H

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

static inline int kstrtoll(const char *s, unsigned int base, long long *res)
{
	long long v;
	char *end;

	if (!isdigit((unsigned char)s[s[0] == '-' || s[0] == '+']))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, base);
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	*res = v;
	return 0;
}

#endif
