/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/kstrtox.h>: kstrtouint() and kstrtoint()
 * as the kernel's (base 0 or a given base, one trailing newline allowed,
 * nothing else after the digits; -EINVAL if not a number, -ERANGE if it
 * does not fit; the unsigned one takes no sign but "+").
 */
#ifndef _XNIF_SHIM_LINUX_KSTRTOX_H
#define _XNIF_SHIM_LINUX_KSTRTOX_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static inline int xnif_shim_kstrtoll(const char *s, unsigned int base,
				     long long min, long long max,
				     long long *res)
{
	long long v;
	char *end;

	if (!isdigit((unsigned char)s[s[0] == '-' || s[0] == '+']))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, base);
	if (end == s)
		return -EINVAL;
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*res = v;
	return 0;
}

static inline int kstrtouint(const char *s, unsigned int base,
			     unsigned int *res)
{
	long long v;
	int err;

	if (s[0] == '-')
		return -EINVAL;
	err = xnif_shim_kstrtoll(s, base, 0, UINT_MAX, &v);
	if (!err)
		*res = v;
	return err;
}

static inline int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err;

	err = xnif_shim_kstrtoll(s, base, INT_MIN, INT_MAX, &v);
	if (!err)
		*res = v;
	return err;
}

#endif
