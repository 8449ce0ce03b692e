// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: backend validation of guest TX request chains.
 *
 * Input: two bytes that choose the slot limits, then raw 12-byte TX ring
 * slots.  Besides "no crash, no UB", every verdict is checked against the
 * chain it describes.
 */
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

#define MAX_SLOTS	64

static const struct xnif_tx_limits default_limits = {
	.max_slots = XNIF_TX_DEFAULT_MAX_SLOTS,
	.fatal_slots = XNIF_TX_DEFAULT_FATAL_SLOTS,
};

/* The chain's shape: extras, then data slots linked by MORE_DATA. */
static void check_shape(const union xnif_tx_slot *s,
			const struct xnif_tx_pkt *pkt)
{
	unsigned int i, nx = pkt->extras.count, first_data = 1 + nx;

	FUZZ_ASSERT(pkt->nr_slots == pkt->nr_data + nx);
	FUZZ_ASSERT(!!(s[0].req.flags & XNIF_TXF_EXTRA_INFO) == !!nx);
	for (i = 1; i < first_data; i++)
		FUZZ_ASSERT(!!(s[i].extra.flags & XNIF_EXTRA_FLAG_MORE) ==
			    (i < first_data - 1));
	FUZZ_ASSERT(!!(s[0].req.flags & XNIF_TXF_MORE_DATA) ==
		    (pkt->nr_data > 1));
	for (i = first_data; i < pkt->nr_slots; i++)
		FUZZ_ASSERT(!!(s[i].req.flags & XNIF_TXF_MORE_DATA) ==
			    (i < pkt->nr_slots - 1));
}

/* An accepted packet is consistent in every respect we promise. */
static void check_accepted(const union xnif_tx_slot *s,
			   const struct xnif_tx_limits *lim,
			   const struct xnif_tx_pkt *pkt)
{
	const struct xnif_extras *ex = &pkt->extras;
	unsigned int i, first_data = 1 + ex->count;
	u32 sum = pkt->first_len;

	FUZZ_ASSERT(pkt->nr_data <= lim->max_slots);
	FUZZ_ASSERT(!(pkt->flags & ~XNIF_TXF_KNOWN));
	FUZZ_ASSERT(pkt->total == s[0].req.size);
	FUZZ_ASSERT(s[0].req.offset + pkt->first_len <= XNIF_PAGE_SIZE);
	for (i = first_data; i < pkt->nr_slots; i++) {
		FUZZ_ASSERT(s[i].req.size > 0);
		FUZZ_ASSERT(s[i].req.offset + s[i].req.size <= XNIF_PAGE_SIZE);
		FUZZ_ASSERT(!(s[i].req.flags & ~XNIF_TXF_KNOWN));
		sum += s[i].req.size;
	}
	FUZZ_ASSERT(sum == pkt->total);
	FUZZ_ASSERT(pkt->total <= XNIF_MAX_TX_SIZE);
	FUZZ_ASSERT(!xnif_extras_has(ex, XNIF_EXTRA_TYPE_XDP));
	FUZZ_ASSERT(__builtin_popcount(ex->mask) == (int)ex->count);
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_GSO))
		FUZZ_ASSERT(ex->info[XNIF_EXTRA_TYPE_GSO].u.gso.size);
	if (!xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD) &&
	    !xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_DEL))
		FUZZ_ASSERT(pkt->total >= XNIF_ETH_HLEN);
}

/* Reading fewer slots, as long as the chain is covered, changes nothing. */
static void check_stable(const union xnif_tx_slot *s, unsigned int n,
			 const struct xnif_tx_limits *lim,
			 enum xnif_tx_err err, const struct xnif_tx_pkt *pkt)
{
	unsigned int cap = XNIF_TX_MAX_CHAIN(lim->fatal_slots);
	struct xnif_tx_pkt again;

	if (cap < n) {
		FUZZ_ASSERT(xnif_tx_validate(s, cap, lim, &again) == err);
		FUZZ_ASSERT(!memcmp(&again, pkt, sizeof(again)));
	}
	if (!xnif_tx_err_fatal(err)) {
		FUZZ_ASSERT(xnif_tx_validate(s, pkt->nr_slots, lim, &again) ==
			    err);
		FUZZ_ASSERT(!memcmp(&again, pkt, sizeof(again)));
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	union xnif_tx_slot slots[MAX_SLOTS];
	const struct xnif_tx_limits *lim;
	struct xnif_tx_limits own;
	struct xnif_tx_pkt pkt;
	enum xnif_tx_err err;
	unsigned int n;

	if (size < 2)
		return 0;
	own.max_slots = data[0] % 24;
	own.fatal_slots = own.max_slots + data[1] % 8;
	if (data[1] & 0x80)
		own.fatal_slots--;	/* may make the limits invalid */
	lim = data[0] == 0xFF ? NULL : &own;
	data += 2;
	size -= 2;

	n = size / sizeof(slots[0]);
	if (n > MAX_SLOTS)
		n = MAX_SLOTS;
	memcpy(slots, data, n * sizeof(slots[0]));

	err = xnif_tx_validate(slots, n, lim, &pkt);
	FUZZ_ASSERT((unsigned int)err < XNIF_TX_ERR_NR);
	FUZZ_ASSERT(*xnif_tx_err_str(err));
	if (err == XNIF_TX_ERR_LIMITS) {
		FUZZ_ASSERT(lim && (!lim->max_slots ||
				    lim->fatal_slots < lim->max_slots));
		return 0;
	}
	if (!lim)
		lim = &default_limits;

	if (err == XNIF_TX_ERR_INCOMPLETE)
		FUZZ_ASSERT(pkt.bad_slot == n);
	if (err != XNIF_TX_OK)
		FUZZ_ASSERT(pkt.bad_slot <= n);
	if (!xnif_tx_err_fatal(err)) {
		FUZZ_ASSERT(pkt.nr_slots >= 1 && pkt.nr_slots <= n);
		FUZZ_ASSERT(pkt.nr_data <= lim->fatal_slots);
		FUZZ_ASSERT(err == XNIF_TX_OK || pkt.bad_slot < pkt.nr_slots);
		check_shape(slots, &pkt);
	}
	if (err == XNIF_TX_OK)
		check_accepted(slots, lim, &pkt);
	check_stable(slots, n, lim, err, &pkt);
	return 0;
}
