// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/xenstore.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define U64_ALL	0xFFFFFFFFFFFFFFFFULL
#define SENTINEL	0x5A5A5A5A5A5A5A5AULL

static void xs_u64_ok(void)
{
	u64 v;

	XT_EQ(xnif_parse_u64("0", U64_ALL, &v), 0);
	XT_EQ_U64(v, 0);
	XT_EQ(xnif_parse_u64("1", U64_ALL, &v), 0);
	XT_EQ_U64(v, 1);
	XT_EQ(xnif_parse_u64("007", U64_ALL, &v), 0);
	XT_EQ_U64(v, 7);
	XT_EQ(xnif_parse_u64("18446744073709551615", U64_ALL, &v), 0);
	XT_EQ_U64(v, U64_ALL);
	XT_EQ(xnif_parse_u64("10", 10, &v), 0);
	XT_EQ_U64(v, 10);
}

static void xs_u64_malformed(void)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "1\n", "0x10", "1a", "a1",
		"1.0", "1,2", "\t", "-0", "1e3",
		/* overflow and garbage: garbage is reported */
		"99999999999999999999999x",
	};
	unsigned int i;
	u64 v = SENTINEL;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xnif_parse_u64(bad[i], U64_ALL, &v) != -EINVAL)
			xt_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
	XT_EQ_U64(v, SENTINEL);
}

static void xs_u64_range(void)
{
	u64 v = SENTINEL;

	XT_EQ(xnif_parse_u64("18446744073709551616", U64_ALL, &v), -ERANGE);
	XT_EQ(xnif_parse_u64("18446744073709551620", U64_ALL, &v), -ERANGE);
	XT_EQ(xnif_parse_u64("99999999999999999999999", U64_ALL, &v),
	      -ERANGE);
	XT_EQ(xnif_parse_u64("11", 10, &v), -ERANGE);
	XT_EQ(xnif_parse_u64("1", 0, &v), -ERANGE);
	XT_EQ_U64(v, SENTINEL);
	XT_EQ(xnif_parse_u64("0", 0, &v), 0);
	XT_EQ_U64(v, 0);
}

static void xs_u32(void)
{
	u32 v = 77;

	XT_EQ(xnif_parse_u32("4294967295", 0, 0xFFFFFFFF, &v), 0);
	XT_EQ(v, 0xFFFFFFFF);
	XT_EQ(xnif_parse_u32("4294967296", 0, 0xFFFFFFFF, &v), -ERANGE);
	XT_EQ(xnif_parse_u32("1", 1, 8, &v), 0);
	XT_EQ(v, 1);
	XT_EQ(xnif_parse_u32("8", 1, 8, &v), 0);
	XT_EQ(v, 8);
	v = 77;
	XT_EQ(xnif_parse_u32("0", 1, 8, &v), -ERANGE);
	XT_EQ(xnif_parse_u32("9", 1, 8, &v), -ERANGE);
	XT_EQ(xnif_parse_u32("", 1, 8, &v), -EINVAL);
	XT_EQ(xnif_parse_u32("4 ", 1, 8, &v), -EINVAL);
	XT_EQ(v, 77);
}

static void xs_bool(void)
{
	static const char *const bad[] = {
		"", "2", "01", "00", "10", "1 ", " 1", "1\n", "true", "-1",
	};
	bool b = true;
	unsigned int i;

	XT_EQ(xnif_parse_bool("0", &b), 0);
	XT_CHECK(!b);
	XT_EQ(xnif_parse_bool("1", &b), 0);
	XT_CHECK(b);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xnif_parse_bool(bad[i], &b) != -EINVAL)
			xt_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
	XT_CHECK(b);
}

static void xs_mac_ok(void)
{
	static const u8 want[XNIF_ETH_ALEN] = {
		0x00, 0x16, 0x3e, 0xab, 0xCD, 0xef,
	};
	u8 mac[XNIF_ETH_ALEN];
	bool mc = true;

	XT_EQ(xnif_parse_mac("00:16:3e:ab:cd:ef", mac, &mc), 0);
	XT_CHECK(!memcmp(mac, want, sizeof(want)));
	XT_CHECK(!mc);
	XT_EQ(xnif_parse_mac("00:16:3E:AB:CD:EF", mac, NULL), 0);
	XT_CHECK(!memcmp(mac, want, sizeof(want)));

	XT_EQ(xnif_parse_mac("01:00:5e:00:00:01", mac, &mc), 0);
	XT_CHECK(mc);
	XT_EQ(xnif_parse_mac("33:33:00:00:00:01", mac, &mc), 0);
	XT_CHECK(mc);
	XT_EQ(xnif_parse_mac("ff:ff:ff:ff:ff:ff", mac, &mc), 0);
	XT_CHECK(mc);
	XT_EQ(xnif_parse_mac("fe:ff:ff:ff:ff:ff", mac, &mc), 0);
	XT_CHECK(!mc);
}

static void xs_mac_malformed(void)
{
	static const char *const bad[] = {
		"", "00:16:3e:ab:cd", "00:16:3e:ab:cd:", "00:16:3e:ab:cd:e",
		"00:16:3e:ab:cd:ef:", "00:16:3e:ab:cd:ef:01",
		"00-16-3e-ab-cd-ef", "00:16:3e:ab:cd:eg", "0:16:3e:ab:cd:ef0",
		"00:16:3e:ab:cd:ef\n", " 00:16:3e:ab:cd:ef", "0016:3e:ab:cd:ef",
		"00:16:3e:ab:cd:e ", "00::16:3e:ab:cd:e", "x0:16:3e:ab:cd:ef",
		"001:6:3e:ab:cd:ef",
	};
	static const u8 keep[XNIF_ETH_ALEN] = { 1, 2, 3, 4, 5, 6 };
	u8 mac[XNIF_ETH_ALEN];
	unsigned int i;
	bool mc = false;

	memcpy(mac, keep, sizeof(mac));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xnif_parse_mac(bad[i], mac, &mc) != -EINVAL)
			xt_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
	XT_CHECK(!memcmp(mac, keep, sizeof(keep)));
	XT_CHECK(!mc);
}

static void xs_rate_ok(void)
{
	u64 bytes, usecs;

	XT_EQ(xnif_parse_rate("10000000,50000", &bytes, &usecs), 0);
	XT_EQ_U64(bytes, 10000000);
	XT_EQ_U64(usecs, 50000);
	XT_EQ(xnif_parse_rate("0,1", &bytes, &usecs), 0);
	XT_EQ_U64(bytes, 0);
	XT_EQ_U64(usecs, 1);
	XT_EQ(xnif_parse_rate("18446744073709551615,4294967295", &bytes,
			      &usecs), 0);
	XT_EQ_U64(bytes, U64_ALL);
	XT_EQ_U64(usecs, 0xFFFFFFFF);
}

static void xs_rate_malformed(void)
{
	static const char *const bad[] = {
		"", ",", "1,", ",1", "1", "1,2,3", "1;2", "1, 2", " 1,2",
		"-1,2", "1,-2", "1,2\n", "a,b", "1,,2", "0x1,2", "1,2 ",
		"99999999999999999999x,1", "1,99999999999999999999x",
		/* an out-of-range first number does not hide garbage */
		"99999999999999999999,x", "99999999999999999999,1x",
		"99999999999999999999,",
	};
	u64 bytes = SENTINEL, usecs = SENTINEL;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xnif_parse_rate(bad[i], &bytes, &usecs) != -EINVAL)
			xt_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
	XT_EQ_U64(bytes, SENTINEL);
	XT_EQ_U64(usecs, SENTINEL);
}

static void xs_rate_range(void)
{
	u64 bytes = SENTINEL, usecs = SENTINEL;

	XT_EQ(xnif_parse_rate("1,0", &bytes, &usecs), -ERANGE);
	XT_EQ(xnif_parse_rate("1,4294967296", &bytes, &usecs), -ERANGE);
	XT_EQ(xnif_parse_rate("18446744073709551616,1", &bytes, &usecs),
	      -ERANGE);
	XT_EQ(xnif_parse_rate("1,18446744073709551616", &bytes, &usecs),
	      -ERANGE);
	XT_EQ_U64(bytes, SENTINEL);
	XT_EQ_U64(usecs, SENTINEL);
}

static void xs_queue_prefix(void)
{
	char buf[32];

	memset(buf, 'x', sizeof(buf));
	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), 1, 0), 0);
	XT_STREQ(buf, "");
	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), 4, 3), 8);
	XT_STREQ(buf, "queue-3/");
	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), ~0U, ~0U - 1), 17);
	XT_STREQ(buf, "queue-4294967294/");

	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), 4, 4), -EINVAL);
	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), 0, 0), -EINVAL);
	XT_EQ(xnif_queue_prefix(buf, sizeof(buf), 1, 1), -EINVAL);
}

static void xs_queue_prefix_truncation(void)
{
	char buf[9];

	XT_EQ(xnif_queue_prefix(buf, 9, 16, 5), 8);	/* exactly fits */
	XT_STREQ(buf, "queue-5/");
	XT_EQ(xnif_queue_prefix(buf, 8, 16, 5), -ENOSPC);
	XT_EQ(xnif_queue_prefix(buf, 1, 1, 0), 0);
	XT_EQ(xnif_queue_prefix(NULL, 0, 1, 0), -ENOSPC);
	XT_EQ(xnif_queue_prefix(NULL, 0, 2, 1), -ENOSPC);
}

static void xs_queue_key(void)
{
	char buf[32];

	XT_EQ(xnif_queue_key(buf, sizeof(buf), 1, 0, "tx-ring-ref"), 11);
	XT_STREQ(buf, "tx-ring-ref");
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 2, 1, "event-channel-rx"),
	      24);
	XT_STREQ(buf, "queue-1/event-channel-rx");

	XT_EQ(xnif_queue_key(buf, sizeof(buf), 2, 2, "tx-ring-ref"), -EINVAL);
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 0, 0, "tx-ring-ref"), -EINVAL);
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 2, 0, ""), -EINVAL);
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 2, 0, NULL), -EINVAL);
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 2, 0, "a/b"), -EINVAL);
	XT_EQ(xnif_queue_key(buf, sizeof(buf), 1, 0, "/abs"), -EINVAL);
}

static void xs_queue_key_truncation(void)
{
	char buf[32];

	/* "queue-10/rx-ring-ref" is 20 characters */
	XT_EQ(xnif_queue_key(buf, 21, 11, 10, "rx-ring-ref"), 20);
	XT_STREQ(buf, "queue-10/rx-ring-ref");
	XT_EQ(xnif_queue_key(buf, 20, 11, 10, "rx-ring-ref"), -ENOSPC);
	XT_EQ(xnif_queue_key(buf, 11, 1, 0, "rx-ring-ref"), -ENOSPC);
	XT_EQ(xnif_queue_key(buf, 12, 1, 0, "rx-ring-ref"), 11);
	XT_EQ(xnif_queue_key(NULL, 0, 1, 0, "k"), -ENOSPC);
}

/* What a new handshake clears first: every connection key of ours or
 * stock's, none of the device's own keys or flags.
 */
static void xs_fe_conn_key(void)
{
	static const char * const conn[] = {
		"tx-ring-ref", "rx-ring-ref", "tx-ring-ref0", "rx-ring-ref15",
		"event-channel", "event-channel-tx", "event-channel-rx",
		"queue-0", "queue-15", "ring-page-order",
		"multi-queue-num-queues", "tx-data-len", "rx-data-ref",
		"tx-data-ref7", "ctrl-ring-ref", "event-channel-ctrl",
	};
	static const char * const keep[] = {
		"mac", "handle", "backend", "backend-id", "state", "trusted",
		"request-rx-copy", "feature-rx-notify", "feature-sg",
		"xdp-headroom", "ring-page-orde", "multi-queue-max-queues",
		"queue", "tx-ring", "", "ctrl-ring",
	};
	unsigned int i;

	for (i = 0; i < sizeof(conn) / sizeof(conn[0]); i++)
		XT_CHECK(xnif_fe_conn_key(conn[i]));
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		XT_CHECK(!xnif_fe_conn_key(keep[i]));
}

/* The spec's node budget table (xen-netif.rst), split channels. */
static void xs_fe_nodes(void)
{
	XT_EQ(xnif_fe_nodes(1, 0, true, 0), 14);
	XT_EQ(xnif_fe_nodes(1, 0, true, 2), 18);
	XT_EQ(xnif_fe_nodes(2, 0, true, 2), 28);
	XT_EQ(xnif_fe_nodes(1, 2, true, 0), 21);
	XT_EQ(xnif_fe_nodes(4, 2, true, 2), 79);
	XT_EQ(xnif_fe_nodes(2, 4, true, 0), 81);
	XT_EQ(xnif_fe_nodes(8, 2, true, 2), 147);
	XT_EQ(xnif_fe_nodes(16, 2, true, 2), 283);
	XT_EQ(xnif_fe_nodes(16, 4, true, 0), 571);
	XT_EQ(xnif_fe_nodes(16, 4, true, 2), 859);
	/* a shared channel: one node less per queue */
	XT_EQ(xnif_fe_nodes(16, 4, false, 2), 859 - 16);
	XT_EQ(xnif_fe_nodes(0, 0, true, 0), 0);
	XT_EQ(xnif_fe_nodes(1, 5, true, 0), 0);
	XT_EQ(xnif_fe_nodes(1, 0, true, 3), 0);
}

const struct xt_test xenstore_tests[] = {
	XT_TEST(xs_u64_ok),
	XT_TEST(xs_u64_malformed),
	XT_TEST(xs_u64_range),
	XT_TEST(xs_u32),
	XT_TEST(xs_bool),
	XT_TEST(xs_mac_ok),
	XT_TEST(xs_mac_malformed),
	XT_TEST(xs_rate_ok),
	XT_TEST(xs_rate_malformed),
	XT_TEST(xs_rate_range),
	XT_TEST(xs_queue_prefix),
	XT_TEST(xs_queue_prefix_truncation),
	XT_TEST(xs_queue_key),
	XT_TEST(xs_queue_key_truncation),
	XT_TEST(xs_fe_conn_key),
	XT_TEST(xs_fe_nodes),
	XT_END
};
