// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: multi-page ring keys (order.c).
 *
 * Input: one byte (low 3 bits: the order, 0..7), then NUL-separated
 * strings.  The strings are used both as the key names of a queue
 * directory and as ref values.  What is accepted is checked against the
 * rules independently: for names, each page's key exists exactly; for
 * values, each one prints back as itself and no two are equal.
 */
#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

#include "fuzz.h"

#define MAX_STRS	(2 * XNIF_RING_MAX_PAGES)
#define BASE		"tx-ring-ref"

static bool has_name(const char * const *names, unsigned int nr,
		     const char *want)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], want))
			return true;
	return false;
}

static void check_names(unsigned int order, const char * const *names,
			unsigned int nr)
{
	enum xnif_refs_err err;
	unsigned int bad = ~0U, p;
	char key[32];

	err = xnif_ring_refs_names(BASE, order, names, nr, &bad);
	if (!order || order > XNIF_RING_MAX_ORDER) {
		FUZZ_ASSERT(err == XNIF_REFS_ARGS);
		return;
	}
	FUZZ_ASSERT(err == XNIF_REFS_OK || err == XNIF_REFS_MISSING ||
		    err == XNIF_REFS_EXTRA || err == XNIF_REFS_BADNAME);
	if (err == XNIF_REFS_MISSING) {
		FUZZ_ASSERT(bad < (1U << order));
		FUZZ_ASSERT(xnif_ring_ref_key(key, sizeof(key), 1, 0, BASE,
					      order, bad) > 0);
		FUZZ_ASSERT(!has_name(names, nr, key));
		return;
	}
	if (err != XNIF_REFS_OK) {
		FUZZ_ASSERT(bad < nr);
		FUZZ_ASSERT(!strncmp(names[bad], BASE, strlen(BASE)));
		return;
	}
	for (p = 0; p < (1U << order); p++) {
		FUZZ_ASSERT(xnif_ring_ref_key(key, sizeof(key), 1, 0, BASE,
					      order, p) > 0);
		FUZZ_ASSERT(has_name(names, nr, key));
	}
}

static void check_values(const char * const *vals, unsigned int nr)
{
	u32 refs[MAX_STRS];
	enum xnif_refs_err err;
	unsigned int bad = ~0U, i, j;
	u32 v;

	err = xnif_ring_refs_values(vals, nr, refs, &bad);
	if (!nr) {
		FUZZ_ASSERT(err == XNIF_REFS_ARGS);
		return;
	}
	FUZZ_ASSERT(err == XNIF_REFS_OK || err == XNIF_REFS_GARBAGE ||
		    err == XNIF_REFS_DUP);
	if (err == XNIF_REFS_GARBAGE) {
		FUZZ_ASSERT(bad < nr);
		FUZZ_ASSERT(xnif_parse_u32(vals[bad], 0, 0xFFFFFFFFU, &v));
		return;
	}
	if (err == XNIF_REFS_DUP) {
		FUZZ_ASSERT(bad < nr && bad > 0);
		for (j = 0; j < bad; j++)
			if (refs[j] == refs[bad])
				return;
		FUZZ_ASSERT(!"duplicate reported without one");
	}
	for (i = 0; i < nr; i++) {
		FUZZ_ASSERT(!xnif_parse_u32(vals[i], 0, 0xFFFFFFFFU, &v));
		FUZZ_ASSERT(v == refs[i]);
		for (j = 0; j < i; j++)
			FUZZ_ASSERT(refs[j] != refs[i]);
	}
}

static void check_order(const char *s)
{
	unsigned int o = 99, o2;
	int err;

	err = xnif_parse_ring_order(s, XNIF_RING_MAX_ORDER, &o);
	FUZZ_ASSERT(err == 0 || err == -EINVAL || err == -ERANGE);
	if (err)
		return;
	FUZZ_ASSERT(o <= XNIF_RING_MAX_ORDER);
	FUZZ_ASSERT(xnif_order_tx_entries(o) >= XNIF_TX_RING_SIZE);
	FUZZ_ASSERT(!xnif_ring_order_for(xnif_order_tx_entries(o),
					 xnif_order_rx_entries(o),
					 XNIF_RING_MAX_ORDER, &o2));
	FUZZ_ASSERT(o2 == o);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char buf[1024];
	const char *strs[MAX_STRS];
	unsigned int order, nr = 0;
	size_t i, start;

	if (size < 1 || size > sizeof(buf))
		return 0;
	order = data[0] & 7;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';

	for (start = 0, i = 0; i < size && nr < MAX_STRS; i++) {
		if (buf[i] == '\0') {
			strs[nr++] = buf + start;
			start = i + 1;
			if (start >= size - 1)
				break;
		}
	}

	check_names(order, strs, nr);
	check_values(strs, nr);
	if (nr)
		check_order(strs[0]);
	return 0;
}
