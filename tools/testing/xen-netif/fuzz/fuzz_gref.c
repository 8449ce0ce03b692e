// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: gref mapping tables (gref.c).
 *
 * Input: a series of records, each one byte of operation and count, then
 * that many entries of two bytes (grant 0..255, so that grants repeat, and
 * flags), then 8 bytes for a datapath lookup.  Operation ADD runs
 * xnif_gref_add_check() against a small queue table and, if it accepts,
 * inserts every entry as the backend does; DEL finds and removes each
 * entry.  After every record the table must be strictly ascending and
 * within its size, agree with a plain list of what was added and not
 * deleted, every accepted ADD entry must have been addable by the
 * rules (grant not 0, known flags, new, once in the table) and every
 * refused ADD must have an entry or a count the rules refuse.  Lookups
 * are compared with a linear search.
 */
#include <string.h>

#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

#define TBL_MAX		48	/* small, so that fills and refusals happen */
#define REC_MAX		40	/* entries per record */

struct model {
	u32 ref[TBL_MAX];
	u16 flags[TBL_MAX];
	unsigned int nr;
};

static int model_find(const struct model *m, u32 ref)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (m->ref[i] == ref)
			return i;
	return -1;
}

static void table_ok(const struct xnif_gref_table *t, const struct model *m)
{
	unsigned int i;

	FUZZ_ASSERT(t->nr <= t->max && t->nr == m->nr);
	for (i = 0; i < t->nr; i++) {
		int j = model_find(m, t->slot[i].ref);

		FUZZ_ASSERT(!i || t->slot[i - 1].ref < t->slot[i].ref);
		FUZZ_ASSERT(j >= 0 && m->flags[j] == t->slot[i].flags);
		FUZZ_ASSERT(xnif_gref_find(t, t->slot[i].ref) == (int)i);
	}
}

/* Would the rules accept entry @i of @e? */
static bool entry_ok(const struct model *m, const struct xnif_gref *e,
		     unsigned int nr, unsigned int i)
{
	unsigned int k;

	if (!e[i].ref || (e[i].flags & ~XNIF_CTRLF_GREF_KNOWN) ||
	    model_find(m, e[i].ref) >= 0)
		return false;
	for (k = 0; k < nr; k++)
		if (k != i && e[k].ref == e[i].ref)
			return false;
	return true;
}

static void do_add(struct xnif_gref_table *t, struct model *m,
		   struct xnif_gref *e, unsigned int nr)
{
	unsigned int room = t->max - t->nr, i;
	u32 scratch[REC_MAX];
	bool all = true;
	u32 st;

	st = xnif_gref_add_check(t, e, nr, room, scratch);
	for (i = 0; i < nr; i++)
		FUZZ_ASSERT(e[i].status == XNIF_CTRL_STATUS_SUCCESS ||
			    e[i].status == XNIF_CTRL_STATUS_INVALID_PARAMETER);
	if (!nr || nr > room) {
		FUZZ_ASSERT(st == XNIF_CTRL_STATUS_INVALID_PARAMETER);
		return;
	}
	for (i = 0; i < nr; i++) {
		bool ok = entry_ok(m, e, nr, i);

		FUZZ_ASSERT(ok == (e[i].status == XNIF_CTRL_STATUS_SUCCESS));
		all &= ok;
	}
	FUZZ_ASSERT(all == (st == XNIF_CTRL_STATUS_SUCCESS));
	if (!all)
		return;
	for (i = 0; i < nr; i++) {
		FUZZ_ASSERT(!xnif_gref_insert(t, e[i].ref, e[i].flags, i));
		m->ref[m->nr] = e[i].ref;
		m->flags[m->nr++] = e[i].flags;
	}
}

static void do_del(struct xnif_gref_table *t, struct model *m,
		   const struct xnif_gref *e, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		int pos = xnif_gref_find(t, e[i].ref);
		int j = model_find(m, e[i].ref);

		FUZZ_ASSERT((pos >= 0) == (j >= 0));
		if (pos < 0)
			continue;
		xnif_gref_remove(t, pos);
		m->nr--;
		m->ref[j] = m->ref[m->nr];
		m->flags[j] = m->flags[m->nr];
	}
}

static void do_lookup(const struct xnif_gref_table *t, const struct model *m,
		      const unsigned char **d, size_t *left)
{
	u32 ref = fuzz_get(d, left, 4);
	u32 off = fuzz_get(d, left, 2);
	u32 len = fuzz_get(d, left, 2);
	bool write = len & 1;
	const struct xnif_gref_slot *s;
	int j;

	/* a lookup of a grant the table holds, half the time */
	if (m->nr && (off & 1))
		ref = m->ref[ref % m->nr];
	s = xnif_gref_lookup(t, ref, off, len, write);
	j = model_find(m, ref);
	if (j < 0 || off + len > XNIF_PAGE_SIZE ||
	    (write && (m->flags[j] & XNIF_CTRLF_GREF_READONLY)))
		FUZZ_ASSERT(!s);
	else
		FUZZ_ASSERT(s && s->ref == ref);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct xnif_gref_slot slot[TBL_MAX];
	struct xnif_gref_table t = { .slot = slot, .nr = 0, .max = TBL_MAX };
	struct xnif_gref e[REC_MAX];
	struct model m = { .nr = 0 };
	size_t left = size;

	while (left) {
		unsigned int op = fuzz_get(&data, &left, 1);
		unsigned int nr = (op >> 1) % (REC_MAX + 1), i;

		for (i = 0; i < nr; i++) {
			/* small grant numbers, so that they repeat */
			e[i].ref = fuzz_get(&data, &left, 1);
			e[i].flags = fuzz_get(&data, &left, 1);
			e[i].status = 0xeeee;
		}
		if (op & 1)
			do_del(&t, &m, e, nr);
		else
			do_add(&t, &m, e, nr);
		table_ok(&t, &m);
		do_lookup(&t, &m, &data, &left);
	}
	return 0;
}
