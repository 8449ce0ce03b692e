// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: XenStore value parsers and per-queue key builders.
 *
 * Input: one byte choosing the function, then the value as a string (cut
 * at the first NUL).  Accepted values are printed back and must give the
 * input again (modulo leading zeros and hex case), which shows nothing
 * extra was accepted; rejected ones must break a stated rule.
 */
#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Do the @len characters at @s spell @v in decimal (leading zeros aside)? */
static bool same_number(const char *s, size_t len, u64 v)
{
	char back[32];

	while (len > 1 && *s == '0') {
		s++;
		len--;
	}
	snprintf(back, sizeof(back), "%llu", (unsigned long long)v);
	return strlen(back) == len && !memcmp(back, s, len);
}

static void fuzz_u64(const char *s)
{
	u64 v = 0;
	int err;

	err = xnif_parse_u64(s, ~0ULL, &v);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ERANGE);
	FUZZ_ASSERT((err != -EINVAL) == all_digits(s));
	if (err)
		return;
	FUZZ_ASSERT(same_number(s, strlen(s), v));
}

static void fuzz_u32(const char *s, u32 min, u32 max)
{
	u64 v64 = 0;
	u32 v = 0;
	int err;

	err = xnif_parse_u32(s, min, max, &v);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ERANGE);
	FUZZ_ASSERT((err != -EINVAL) == all_digits(s));
	if (err == -ERANGE && !xnif_parse_u64(s, ~0ULL, &v64))
		FUZZ_ASSERT(v64 < min || v64 > max);
	if (!err)
		FUZZ_ASSERT(v >= min && v <= max);
}

static void fuzz_bool(const char *s)
{
	bool b;
	int err;

	err = xnif_parse_bool(s, &b);
	FUZZ_ASSERT(!err == (!strcmp(s, "0") || !strcmp(s, "1")));
	if (!err)
		FUZZ_ASSERT(b == (s[0] == '1'));
}

/* Independent statement of the MAC syntax: xx:xx:xx:xx:xx:xx, hex. */
static bool mac_syntax_ok(const char *s)
{
	unsigned int i;

	if (strlen(s) != 17)
		return false;
	for (i = 0; i < 17; i++) {
		if (i % 3 == 2) {
			if (s[i] != ':')
				return false;
		} else if (!strchr("0123456789abcdefABCDEF", s[i])) {
			return false;
		}
	}
	return true;
}

static void fuzz_mac(const char *s)
{
	u8 mac[XNIF_ETH_ALEN];
	char back[32];
	unsigned int i;
	bool mc;
	int err;

	err = xnif_parse_mac(s, mac, &mc);
	FUZZ_ASSERT(err == 0 || err == -EINVAL);
	FUZZ_ASSERT(!err == mac_syntax_ok(s));
	if (err)
		return;
	snprintf(back, sizeof(back), "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	for (i = 0; i < 17; i++)
		FUZZ_ASSERT(back[i] == (s[i] >= 'A' && s[i] <= 'F' ?
					s[i] - 'A' + 'a' : s[i]));
	FUZZ_ASSERT(mc == (mac[0] & 1));
}

/* Independent statement of the rate syntax: digits "," digits. */
static bool rate_syntax_ok(const char *s)
{
	const char *comma = strchr(s, ',');
	size_t head;

	if (!comma)
		return false;
	head = comma - s;
	return head && strspn(s, "0123456789") == head && all_digits(comma + 1);
}

static void fuzz_rate(const char *s)
{
	const char *comma;
	u64 bytes, usecs;
	int err;

	err = xnif_parse_rate(s, &bytes, &usecs);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ERANGE);
	FUZZ_ASSERT((err != -EINVAL) == rate_syntax_ok(s));
	if (err)
		return;
	FUZZ_ASSERT(usecs >= 1 && usecs <= 0xFFFFFFFFULL);
	comma = strchr(s, ',');
	FUZZ_ASSERT(same_number(s, comma - s, bytes));
	FUZZ_ASSERT(same_number(comma + 1, strlen(comma + 1), usecs));
}

static void fuzz_queue_key(const unsigned char *p, size_t len, const char *key)
{
	unsigned int nr, q, size;
	char buf[300], pre[32];
	int ret, need;

	if (len < 3)
		return;
	nr = p[0] % 20;
	q = p[1] % 20;
	size = p[2];
	ret = xnif_queue_key(buf, size, nr, q, key);
	if (!nr || q >= nr || !*key || strchr(key, '/')) {
		FUZZ_ASSERT(ret == -EINVAL);
		return;
	}
	if (nr == 1)
		pre[0] = '\0';
	else
		snprintf(pre, sizeof(pre), "queue-%u/", q);
	need = strlen(pre) + strlen(key);
	if (need >= (int)size) {
		FUZZ_ASSERT(ret == -ENOSPC);
		return;
	}
	FUZZ_ASSERT(ret == need && strlen(buf) == (size_t)ret);
	FUZZ_ASSERT(!strncmp(buf, pre, strlen(pre)));
	FUZZ_ASSERT(!strcmp(buf + strlen(pre), key));

	FUZZ_ASSERT(xnif_queue_prefix(buf, size, nr, q) == (int)strlen(pre));
	FUZZ_ASSERT(!strcmp(buf, pre));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	switch (data[0] % 7) {
	case 0:
		fuzz_u64(s);
		break;
	case 1:
		fuzz_u32(s, 1, 4096);
		break;
	case 2:
		fuzz_bool(s);
		break;
	case 3:
		fuzz_mac(s);
		break;
	case 4:
		fuzz_rate(s);
		break;
	case 5:
		fuzz_u32(s, 0, 0xFFFFFFFF);
		break;
	default:
		fuzz_queue_key(data + 1, size - 1, size > 4 ? s + 3 : "");
		break;
	}
	free(s);
	return 0;
}
