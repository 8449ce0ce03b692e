// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests for drivers/net/xen-netif/ctrlfe.c: the frontend's checks of
 * control responses, status to errno, hash fields per packet kind
 * (ethtool rx-flow-hash) and the hash mapping (the indirection table).
 */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define V4	XNIF_CTRL_HASH_TYPE_IPV4
#define V4T	XNIF_CTRL_HASH_TYPE_IPV4_TCP
#define V6	XNIF_CTRL_HASH_TYPE_IPV6
#define V6T	XNIF_CTRL_HASH_TYPE_IPV6_TCP

/* Only the answer to the request in flight is taken. */
static void ctrlfe_rsp_check(void)
{
	struct xnif_ctrl_response rsp = {
		.id = 7, .type = XNIF_CTRL_TYPE_SET_HASH_KEY,
		.status = XNIF_CTRL_STATUS_INVALID_PARAMETER, .data = 99,
	};

	XT_EQ(xnif_ctrl_rsp_check(&rsp, 7, XNIF_CTRL_TYPE_SET_HASH_KEY), 0);
	XT_EQ(xnif_ctrl_rsp_check(&rsp, 8, XNIF_CTRL_TYPE_SET_HASH_KEY),
	      -EPROTO);
	XT_EQ(xnif_ctrl_rsp_check(&rsp, 7, XNIF_CTRL_TYPE_SET_HASH_FLAGS),
	      -EPROTO);
	rsp.id = 0xffff;
	XT_EQ(xnif_ctrl_rsp_check(&rsp, 0xffff, XNIF_CTRL_TYPE_SET_HASH_KEY),
	      0);
}

static void ctrlfe_status(void)
{
	XT_EQ(xnif_ctrl_status_errno(XNIF_CTRL_STATUS_SUCCESS), 0);
	XT_EQ(xnif_ctrl_status_errno(XNIF_CTRL_STATUS_NOT_SUPPORTED),
	      -EOPNOTSUPP);
	XT_EQ(xnif_ctrl_status_errno(XNIF_CTRL_STATUS_INVALID_PARAMETER),
	      -EINVAL);
	XT_EQ(xnif_ctrl_status_errno(XNIF_CTRL_STATUS_BUFFER_OVERFLOW),
	      -EMSGSIZE);
	XT_EQ(xnif_ctrl_status_errno(4), -EPROTO);
	XT_EQ(xnif_ctrl_status_errno(0xffffffffU), -EPROTO);
}

/* The fields follow the type the backend would pick (xnif_hash_type). */
static void ctrlfe_fields_get(void)
{
	XT_EQ(xnif_hash_fields_get(0, false, true), XNIF_HASH_FIELDS_NONE);
	XT_EQ(xnif_hash_fields_get(V4, false, true), XNIF_HASH_FIELDS_ADDRS);
	XT_EQ(xnif_hash_fields_get(V4, false, false), XNIF_HASH_FIELDS_ADDRS);
	XT_EQ(xnif_hash_fields_get(V4T, false, true), XNIF_HASH_FIELDS_PORTS);
	XT_EQ(xnif_hash_fields_get(V4T, false, false), XNIF_HASH_FIELDS_NONE);
	XT_EQ(xnif_hash_fields_get(V4 | V4T, false, true),
	      XNIF_HASH_FIELDS_PORTS);
	/* one IP version's types say nothing of the other's */
	XT_EQ(xnif_hash_fields_get(V4 | V4T, true, true),
	      XNIF_HASH_FIELDS_NONE);
	XT_EQ(xnif_hash_fields_get(V6 | V6T, true, true),
	      XNIF_HASH_FIELDS_PORTS);
	XT_EQ(xnif_hash_fields_get(V6, true, false), XNIF_HASH_FIELDS_ADDRS);
	XT_EQ(xnif_hash_fields_get(V6T, false, true), XNIF_HASH_FIELDS_NONE);
}

static void ctrlfe_fields_set(void)
{
	u32 f = 0;

	XT_EQ(xnif_hash_fields_set(&f, false, true, XNIF_HASH_FIELDS_PORTS), 0);
	XT_EQ(f, V4T);
	XT_EQ(xnif_hash_fields_set(&f, false, false, XNIF_HASH_FIELDS_ADDRS),
	      0);
	XT_EQ(f, V4 | V4T);
	/* TCP by addresses only: its own type goes */
	XT_EQ(xnif_hash_fields_set(&f, false, true, XNIF_HASH_FIELDS_ADDRS), 0);
	XT_EQ(f, V4);
	/* TCP unhashed while other IPv4 packets are hashed: not expressible */
	XT_EQ(xnif_hash_fields_set(&f, false, true, XNIF_HASH_FIELDS_NONE),
	      -EINVAL);
	XT_EQ(f, V4);
	/* ports for UDP: there is no such type */
	XT_EQ(xnif_hash_fields_set(&f, false, false, XNIF_HASH_FIELDS_PORTS),
	      -EINVAL);
	XT_EQ(f, V4);
	XT_EQ(xnif_hash_fields_set(&f, false, false, XNIF_HASH_FIELDS_NONE), 0);
	XT_EQ(f, 0);
	XT_EQ(xnif_hash_fields_set(&f, false, true, XNIF_HASH_FIELDS_NONE), 0);
	XT_EQ(f, 0);
	/* IPv6 bits, the IPv4 ones untouched */
	f = V4 | V4T;
	XT_EQ(xnif_hash_fields_set(&f, true, true, XNIF_HASH_FIELDS_PORTS), 0);
	XT_EQ(f, V4 | V4T | V6T);
	XT_EQ(xnif_hash_fields_set(&f, true, false, XNIF_HASH_FIELDS_ADDRS), 0);
	XT_EQ(f, V4 | V4T | V6 | V6T);
	XT_EQ(xnif_hash_fields_set(&f, true, false, XNIF_HASH_FIELDS_NONE), 0);
	XT_EQ(f, V4 | V4T | V6T);
	XT_EQ(xnif_hash_fields_set(&f, true, true, 3), -EINVAL);
	XT_EQ(f, V4 | V4T | V6T);
	/* every result is a set of known types */
	XT_EQ(f & ~XNIF_CTRL_HASH_TYPE_KNOWN, 0);
}

static void ctrlfe_mapping(void)
{
	u32 map[XNIF_HASH_MAPPING_MAX + 1];
	unsigned int i;

	xnif_hash_mapping_fill(map, XNIF_HASH_MAPPING_MAX, 3);
	for (i = 0; i < XNIF_HASH_MAPPING_MAX; i++)
		XT_EQ(map[i], i % 3);
	XT_CHECK(xnif_hash_mapping_fits(map, XNIF_HASH_MAPPING_MAX, 3));
	XT_CHECK(!xnif_hash_mapping_fits(map, XNIF_HASH_MAPPING_MAX, 2));
	XT_CHECK(xnif_hash_mapping_fits(map, 2, 2));
	XT_CHECK(!xnif_hash_mapping_fits(map, 0, 3));
	XT_CHECK(!xnif_hash_mapping_fits(map, XNIF_HASH_MAPPING_MAX + 1, 3));
	/* no queue count: everything to queue 0 */
	xnif_hash_mapping_fill(map, 4, 0);
	for (i = 0; i < 4; i++)
		XT_EQ(map[i], 0);
	XT_CHECK(xnif_hash_mapping_fits(map, 4, 1));
	XT_CHECK(!xnif_hash_mapping_fits(map, 4, 0));
}

const struct xt_test ctrlfe_tests[] = {
	XT_TEST(ctrlfe_rsp_check),
	XT_TEST(ctrlfe_status),
	XT_TEST(ctrlfe_fields_get),
	XT_TEST(ctrlfe_fields_set),
	XT_TEST(ctrlfe_mapping),
	XT_END
};
