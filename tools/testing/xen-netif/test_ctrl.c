// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests for drivers/net/xen-netif/ctrl.c: the Toeplitz hash against the
 * verification vectors of Microsoft's RSS specification, control request
 * checks, mapping commits and the multicast list.
 */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

/* The key of the RSS specification's verification suite. */
static const u8 rss_key[XNIF_HASH_KEY_SIZE] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

struct v4_vec {
	u8 src[4], dst[4];
	u16 sport, dport;
	u32 l3, l4;
};

static const struct v4_vec v4_vecs[] = {
	{ { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
};

struct v6_vec {
	u8 src[16], dst[16];
	u16 sport, dport;
	u32 l3, l4;
};

static const struct v6_vec v6_vecs[] = {
	{ /* 3ffe:2501:200:1fff::7 -> 3ffe:2501:200:3::1 */
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff,
	    0, 0, 0, 0, 0, 0, 0, 0x07 },
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03,
	    0, 0, 0, 0, 0, 0, 0, 0x01 },
	  2794, 1766, 0x2cc18cd5, 0x40207d3d },
	{ /* 3ffe:501:8::260:97ff:fe40:efab -> ff02::1 */
	  { 0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00,
	    0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab },
	  { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 },
	  14230, 4739, 0x0f0c461c, 0xdde51bbf },
	{ /* 3ffe:1900:4545:3:200:f8ff:fe21:67cf -> fe80::200:f8ff:fe21:67cf */
	  { 0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  44251, 38024, 0x4b61e985, 0x02d1feef },
};

static void put_port(u8 *p, u16 port)
{
	p[0] = port >> 8;
	p[1] = port & 0xff;
}

static void toeplitz_ipv4(void)
{
	unsigned int i;
	u8 in[12];

	for (i = 0; i < sizeof(v4_vecs) / sizeof(v4_vecs[0]); i++) {
		const struct v4_vec *v = &v4_vecs[i];

		memcpy(in, v->src, 4);
		memcpy(in + 4, v->dst, 4);
		put_port(in + 8, v->sport);
		put_port(in + 10, v->dport);
		XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 8), v->l3);
		XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 12), v->l4);
	}
}

static void toeplitz_ipv6(void)
{
	unsigned int i;
	u8 in[36];

	for (i = 0; i < sizeof(v6_vecs) / sizeof(v6_vecs[0]); i++) {
		const struct v6_vec *v = &v6_vecs[i];

		memcpy(in, v->src, 16);
		memcpy(in + 16, v->dst, 16);
		put_port(in + 32, v->sport);
		put_port(in + 34, v->dport);
		XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 32), v->l3);
		XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 36), v->l4);
	}
}

/* A short key behaves as if padded with zero bytes. */
static void toeplitz_short_key(void)
{
	u8 padded[XNIF_HASH_KEY_SIZE] = { 0 };
	u8 in[36];
	unsigned int i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = 0x11 * i + 3;
	memcpy(padded, rss_key, 13);
	XT_EQ(xnif_toeplitz(rss_key, 13, in, 36),
	      xnif_toeplitz(padded, sizeof(padded), in, 36));
	XT_EQ(xnif_toeplitz(rss_key, 0, in, 36), 0);
	XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 0), 0);
	/* one set bit picks the key bits starting there */
	memset(in, 0, sizeof(in));
	in[1] = 0x80;
	XT_EQ(xnif_toeplitz(rss_key, sizeof(rss_key), in, 2), 0x5a56da25);
}

static struct xnif_ctrl_response run(struct xnif_hash_state *h, u16 type,
				     u32 d0, u32 d1, u32 d2,
				     enum xnif_ctrl_action want)
{
	struct xnif_ctrl_request req = {
		.id = 77, .type = type, .data = { d0, d1, d2 },
	};
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_copy copy = { 0, 0, 0 };

	XT_EQ(xnif_ctrl_handle(h, &req, &rsp, &copy), want);
	XT_EQ(rsp.id, 77);
	XT_EQ(rsp.type, type);
	return rsp;
}

static void ctrl_get(void)
{
	struct xnif_hash_state h;
	struct xnif_ctrl_response r;

	xnif_hash_reset(&h);
	r = run(&h, XNIF_CTRL_TYPE_GET_HASH_FLAGS, 0, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(r.data, XNIF_CTRL_HASH_TYPE_KNOWN);
	r = run(&h, XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE, 0, 0, 0,
		XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(r.data, XNIF_HASH_MAPPING_MAX);
}

static void ctrl_unknown_types(void)
{
	static const u16 types[] = { XNIF_CTRL_TYPE_INVALID,
				     XNIF_CTRL_TYPE_MAX, 8, 9, 10, 0xffff };
	struct xnif_hash_state h, before;
	struct xnif_ctrl_response r;
	unsigned int i;

	xnif_hash_reset(&h);
	before = h;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		r = run(&h, types[i], 1, 2, 3, XNIF_CTRL_DONE);
		XT_EQ(r.status, XNIF_CTRL_STATUS_NOT_SUPPORTED);
		XT_EQ(r.data, 0);
	}
	XT_CHECK(!memcmp(&h, &before, sizeof(h)));
}

static void ctrl_algorithm_and_flags(void)
{
	struct xnif_hash_state h;
	struct xnif_ctrl_response r;

	xnif_hash_reset(&h);
	/* flags before an algorithm: refused */
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_FLAGS, XNIF_CTRL_HASH_TYPE_IPV4,
		0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	XT_EQ(h.flags, 0);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_ALGORITHM, 2, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	XT_EQ(h.alg, XNIF_CTRL_HASH_ALGORITHM_NONE);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
		XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(h.alg, XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_FLAGS, 0x10, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_FLAGS, XNIF_CTRL_HASH_TYPE_KNOWN,
		0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(h.flags, XNIF_CTRL_HASH_TYPE_KNOWN);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_FLAGS, 0, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(h.flags, 0);
}

static void ctrl_key(void)
{
	struct xnif_hash_state h;
	struct xnif_ctrl_request req = {
		.id = 5, .type = XNIF_CTRL_TYPE_SET_HASH_KEY,
		.data = { 1234, XNIF_HASH_KEY_SIZE + 1, 0 },
	};
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_copy copy = { 0, 0, 0 };
	u8 zero[XNIF_HASH_KEY_SIZE] = { 0 };

	xnif_hash_reset(&h);
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_DONE);
	XT_EQ(rsp.status, XNIF_CTRL_STATUS_BUFFER_OVERFLOW);
	req.data[1] = XNIF_HASH_KEY_SIZE;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_COPY_KEY);
	XT_EQ(copy.gref, 1234);
	XT_EQ(copy.len, XNIF_HASH_KEY_SIZE);
	XT_EQ(xnif_ctrl_set_key(&h, rss_key, copy.len),
	      XNIF_CTRL_STATUS_SUCCESS);
	XT_CHECK(!memcmp(h.key, rss_key, sizeof(rss_key)));
	/* a shorter key clears the old tail */
	XT_EQ(xnif_ctrl_set_key(&h, rss_key, 4), XNIF_CTRL_STATUS_SUCCESS);
	XT_CHECK(!memcmp(h.key, rss_key, 4));
	XT_CHECK(!memcmp(h.key + 4, zero, sizeof(zero) - 4));
	XT_EQ(xnif_ctrl_set_key(&h, rss_key, XNIF_HASH_KEY_SIZE + 1),
	      XNIF_CTRL_STATUS_BUFFER_OVERFLOW);
	XT_CHECK(!memcmp(h.key, rss_key, 4));
}

static void ctrl_mapping_size(void)
{
	struct xnif_hash_state h;
	struct xnif_ctrl_response r;

	xnif_hash_reset(&h);
	h.mapping[3] = 1;
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE,
		XNIF_HASH_MAPPING_MAX + 1, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	XT_EQ(h.size, 0);
	r = run(&h, XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE,
		XNIF_HASH_MAPPING_MAX, 0, 0, XNIF_CTRL_DONE);
	XT_EQ(r.status, XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(h.size, XNIF_HASH_MAPPING_MAX);
	XT_EQ(h.mapping[3], 0);
}

static void ctrl_mapping(void)
{
	struct xnif_hash_state h;
	struct xnif_ctrl_request req = {
		.id = 9, .type = XNIF_CTRL_TYPE_SET_HASH_MAPPING,
		.data = { 42, 4, 6 },
	};
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_copy copy = { 0, 0, 0 };
	u32 good[4] = { 0, 1, 2, 3 }, bad[4] = { 0, 1, 4, 3 };

	xnif_hash_reset(&h);
	h.size = 10;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_COPY_MAPPING);
	XT_EQ(copy.gref, 42);
	XT_EQ(copy.len, 16);
	XT_EQ(copy.first, 6);
	/* an entry naming a queue we lack: nothing changes */
	XT_EQ(xnif_ctrl_set_mapping(&h, bad, 4, 6, 4),
	      XNIF_CTRL_STATUS_INVALID_PARAMETER);
	XT_EQ(h.mapping[6], 0);
	XT_EQ(h.mapping[7], 0);
	XT_EQ(xnif_ctrl_set_mapping(&h, good, 4, 6, 4),
	      XNIF_CTRL_STATUS_SUCCESS);
	XT_EQ(h.mapping[6], 0);
	XT_EQ(h.mapping[9], 3);
	/* the table holds u16s: a queue past them is refused, not cut */
	bad[2] = 0x10003;
	XT_EQ(xnif_ctrl_set_mapping(&h, bad, 4, 6, 0x20000),
	      XNIF_CTRL_STATUS_INVALID_PARAMETER);
	XT_EQ(h.mapping[8], 2);
	/* past the table, and offsets that wrap in u32 */
	req.data[2] = 7;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_DONE);
	XT_EQ(rsp.status, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	req.data[1] = 0xffffffff;
	req.data[2] = 2;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_DONE);
	req.data[1] = 2;
	req.data[2] = 0xffffffff;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_DONE);
	XT_EQ(xnif_ctrl_set_mapping(&h, good, 2, 0xffffffff, 4),
	      XNIF_CTRL_STATUS_INVALID_PARAMETER);
	/* zero entries at the end is fine */
	req.data[1] = 0;
	req.data[2] = 10;
	XT_EQ(xnif_ctrl_handle(&h, &req, &rsp, &copy), XNIF_CTRL_COPY_MAPPING);
	XT_EQ(copy.len, 0);
}

static void hash_type_and_queue(void)
{
	struct xnif_hash_state h;

	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_KNOWN, false, true),
	      XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT);
	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_KNOWN, true, false),
	      XNIF_CTRL_HASH_TYPE_IPV6_BIT);
	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_IPV4, false, true),
	      XNIF_CTRL_HASH_TYPE_IPV4_BIT);
	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_IPV6_TCP, true, true),
	      XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT);
	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_IPV6_TCP, true, false),
	      -ENOENT);
	XT_EQ(xnif_hash_type(XNIF_CTRL_HASH_TYPE_IPV4_TCP, true, true),
	      -ENOENT);

	xnif_hash_reset(&h);
	XT_EQ(xnif_hash_queue(&h, 13, 4), 1);
	XT_EQ(xnif_hash_queue(&h, 13, 0), 0);
	h.size = 3;
	h.mapping[0] = 2;
	h.mapping[1] = 3;
	XT_EQ(xnif_hash_queue(&h, 3, 4), 2);
	XT_EQ(xnif_hash_queue(&h, 4, 4), 3);
	XT_EQ(xnif_hash_queue(&h, 4, 2), 0);	/* entry 3 >= 2 queues */
}

static void mcast_list(void)
{
	struct xnif_mcast_list m = { 0 };
	u8 a[XNIF_ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	u8 uni[XNIF_ETH_ALEN] = { 0x00, 0x16, 0x3e, 0, 1, 0 };
	u8 bc[XNIF_ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	unsigned int i;

	XT_CHECK(xnif_mcast_match(&m, uni));
	XT_CHECK(xnif_mcast_match(&m, bc));
	XT_CHECK(!xnif_mcast_match(&m, a));
	XT_EQ(xnif_mcast_add(&m, uni), -EINVAL);
	XT_EQ(xnif_mcast_add(&m, a), 0);
	XT_EQ(xnif_mcast_add(&m, a), 0);
	XT_EQ(m.count, 1);
	XT_CHECK(xnif_mcast_match(&m, a));
	for (i = 1; i < XNIF_MCAST_MAX; i++) {
		a[5] = i + 1;
		XT_EQ(xnif_mcast_add(&m, a), 0);
	}
	XT_EQ(m.count, XNIF_MCAST_MAX);
	a[5] = 200;
	XT_EQ(xnif_mcast_add(&m, a), -ENOSPC);
	XT_CHECK(!xnif_mcast_match(&m, a));
	a[5] = 1;
	XT_EQ(xnif_mcast_del(&m, a), 0);
	XT_CHECK(!xnif_mcast_match(&m, a));
	XT_EQ(xnif_mcast_del(&m, a), -ENOENT);
	a[5] = XNIF_MCAST_MAX;	/* the last one, moved into the hole */
	XT_CHECK(xnif_mcast_match(&m, a));
	XT_EQ(m.count, XNIF_MCAST_MAX - 1);
}

const struct xt_test ctrl_tests[] = {
	XT_TEST(toeplitz_ipv4),
	XT_TEST(toeplitz_ipv6),
	XT_TEST(toeplitz_short_key),
	XT_TEST(ctrl_get),
	XT_TEST(ctrl_unknown_types),
	XT_TEST(ctrl_algorithm_and_flags),
	XT_TEST(ctrl_key),
	XT_TEST(ctrl_mapping_size),
	XT_TEST(ctrl_mapping),
	XT_TEST(hash_type_and_queue),
	XT_TEST(mcast_list),
	XT_END
};
