// SPDX-License-Identifier: GPL-2.0-only
/*
 * Gref mapping (Xen's ADD/DEL_GREF_MAPPING control requests): the checks
 * of a request and of its table of entries, and the table of grants a
 * queue keeps mapped, sorted by grant reference so that the datapath can
 * look a request's grant up with a binary search.
 *
 * The table entries come from a frontend page: the caller copies them
 * once into its own memory and hands only that copy to these functions,
 * which write each entry's status into it for the caller to copy back.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/**
 * xnif_gref_req_check - check the arguments of an ADD/DEL_GREF_MAPPING
 * @req: the request, copied once from the ring
 * @num_queues: queues the frontend connected
 * @queue: out: data[0], the queue
 * @gref: out: data[1], the grant of the table page
 * @nr: out: data[2], the table's entries
 *
 * Return: XNIF_CTRL_STATUS_SUCCESS, or INVALID_PARAMETER for a queue out
 * of range, no entries, or more than a page holds.
 */
u32 xnif_gref_req_check(const struct xnif_ctrl_request *req,
			unsigned int num_queues, u32 *queue, u32 *gref,
			u32 *nr)
{
	*queue = req->data[0];
	*gref = req->data[1];
	*nr = req->data[2];
	if (*queue >= num_queues || !*nr || *nr > XNIF_GREFS_PER_PAGE)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	return XNIF_CTRL_STATUS_SUCCESS;
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_req_check, XNIF_NS);

/**
 * xnif_gref_find - where a grant is in a queue's table
 * @t: the table
 * @ref: the grant reference
 *
 * Return: its position in @t->slot[], or -ENOENT.
 */
int xnif_gref_find(const struct xnif_gref_table *t, u32 ref)
{
	unsigned int lo = 0, hi = t->nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		u32 r = t->slot[mid].ref;

		if (r == ref)
			return mid;
		if (r < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_find, XNIF_NS);

static int gref_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* Is @ref in the sorted @refs[0..@nr) more than once? */
static bool gref_dup(const u32 *refs, unsigned int nr, u32 ref)
{
	unsigned int lo = 0, hi = nr, n = 0;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (refs[mid] < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < nr && refs[lo++] == ref)
		n++;
	return n > 1;
}

/* The status of one ADD entry, duplicates aside. */
static u16 gref_entry_status(const struct xnif_gref_table *t,
			     const struct xnif_gref *e)
{
	if (!e->ref || (e->flags & ~XNIF_CTRLF_GREF_KNOWN))
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	if (xnif_gref_find(t, e->ref) >= 0)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	return XNIF_CTRL_STATUS_SUCCESS;
}

/**
 * xnif_gref_add_check - check the entries of an ADD_GREF_MAPPING
 * @t: the queue's table
 * @ents: the copied entries; each entry's status is set
 * @nr: their number (1..XNIF_GREFS_PER_PAGE, xnif_gref_req_check())
 * @room: how many more grants the queue may map (table and budget)
 * @scratch: work space of @nr u32
 *
 * An entry is refused for grant 0, unknown flags, a grant the table has
 * already, or a grant named twice in @ents (both entries).  With more
 * entries than @room every entry is refused.
 *
 * Return: XNIF_CTRL_STATUS_SUCCESS if every entry may be mapped, else
 * XNIF_CTRL_STATUS_INVALID_PARAMETER.
 */
u32 xnif_gref_add_check(const struct xnif_gref_table *t,
			struct xnif_gref *ents, unsigned int nr,
			unsigned int room, u32 *scratch)
{
	u32 res = XNIF_CTRL_STATUS_SUCCESS;
	unsigned int i;

	if (!nr || nr > XNIF_GREFS_PER_PAGE || nr > room) {
		for (i = 0; i < nr && i < XNIF_GREFS_PER_PAGE; i++)
			ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	}
	for (i = 0; i < nr; i++)
		scratch[i] = ents[i].ref;
	sort(scratch, nr, sizeof(*scratch), gref_cmp, NULL);
	for (i = 0; i < nr; i++) {
		ents[i].status = gref_entry_status(t, &ents[i]);
		if (gref_dup(scratch, nr, ents[i].ref))
			ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		if (ents[i].status != XNIF_CTRL_STATUS_SUCCESS)
			res = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	}
	return res;
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_add_check, XNIF_NS);

/**
 * xnif_gref_insert - add a mapped grant to a queue's table
 * @t: the table
 * @ref: the grant
 * @flags: its XNIF_CTRLF_GREF_* flags
 * @idx: the caller's index of the mapped page
 *
 * Return: 0, -EEXIST if @ref is there already, -ENOSPC if @t is full.
 */
int xnif_gref_insert(struct xnif_gref_table *t, u32 ref, u16 flags, u16 idx)
{
	unsigned int lo = 0, hi = t->nr;

	if (t->nr >= t->max)
		return -ENOSPC;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (t->slot[mid].ref == ref)
			return -EEXIST;
		if (t->slot[mid].ref < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&t->slot[lo + 1], &t->slot[lo],
		(t->nr - lo) * sizeof(t->slot[0]));
	t->slot[lo].ref = ref;
	t->slot[lo].flags = flags;
	t->slot[lo].idx = idx;
	t->nr++;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_insert, XNIF_NS);

/**
 * xnif_gref_remove - drop the grant at @pos from a queue's table
 * @t: the table
 * @pos: a position below @t->nr (xnif_gref_find())
 */
void xnif_gref_remove(struct xnif_gref_table *t, unsigned int pos)
{
	if (pos >= t->nr)
		return;
	memmove(&t->slot[pos], &t->slot[pos + 1],
		(t->nr - pos - 1) * sizeof(t->slot[0]));
	t->nr--;
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_remove, XNIF_NS);

/**
 * xnif_gref_lookup - the mapped grant a datapath request may use instead
 *                    of a grant copy
 * @t: the queue's table
 * @ref: the request's grant
 * @offset: where its data starts in the grant's page
 * @len: its bytes
 * @write: the backend writes the bytes (guest RX)
 *
 * Return: the table slot, or NULL when the grant is not mapped, the
 * bytes do not fit in the page, or @write and the mapping is read-only:
 * then the caller grant-copies as usual.
 */
const struct xnif_gref_slot *xnif_gref_lookup(const struct xnif_gref_table *t,
					      u32 ref, u32 offset, u32 len,
					      bool write)
{
	int pos;

	if (offset > XNIF_PAGE_SIZE || len > XNIF_PAGE_SIZE - offset)
		return NULL;
	pos = xnif_gref_find(t, ref);
	if (pos < 0)
		return NULL;
	if (write && (t->slot[pos].flags & XNIF_CTRLF_GREF_READONLY))
		return NULL;
	return &t->slot[pos];
}
EXPORT_SYMBOL_NS_GPL(xnif_gref_lookup, XNIF_NS);
