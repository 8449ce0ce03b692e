// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: Xen's gref mapping control requests (GET_GREF_MAPPING_SIZE,
 * ADD_GREF_MAPPING, DEL_GREF_MAPPING; include/xen-netif/netif.h): grants
 * of frontend pages a queue keeps mapped until the frontend deletes them
 * or the vif disconnects.
 *
 * The requests run in the control ring's work item (hash.c), one at a
 * time, so a queue's table changes only there and at disconnect, after
 * that work is cancelled.  The datapath (tx.c, rx.c: xnb_gref_copy())
 * looks each copy's grant up and, if the queue maps it, memcpys instead
 * of queueing a grant copy.  It holds the queue's gref lock from lookup to
 * the end of the memcpy, and the control side takes a grant out of the
 * table under that lock before unmapping it: a DEL never meets a copy in
 * flight on its page, so it never has to fail or wait for one (Xen's
 * spec has no "busy" status either).  A grant copy queued before the
 * DEL names the grant, not the mapping, and is unaffected.
 *
 * Every map counts against the same limits as staging grants (module
 * parameters staging_max_grants_per_vif and staging_max_grants), and no
 * queue holds more than XNIF_GREF_QUEUE_MAX.  A request maps at most a
 * table page of grants: the work a frontend makes dom0 do per request is
 * bounded by XNIF_GREFS_PER_PAGE hypercall entries.
 */
#include "common.h"

#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <xen/grant_table.h>
#include <xen/page.h>

/* The table of @q, allocated on its first ADD. */
static int xnb_gref_alloc(struct xnb_gref *g)
{
	struct xnif_gref_slot *slot;
	grant_handle_t *handles;
	unsigned long *used;
	struct page **pages;

	if (g->t.slot)
		return 0;
	slot = kvcalloc(XNIF_GREF_QUEUE_MAX, sizeof(*slot), GFP_KERNEL);
	pages = kvcalloc(XNIF_GREF_QUEUE_MAX, sizeof(*pages), GFP_KERNEL);
	handles = kvcalloc(XNIF_GREF_QUEUE_MAX, sizeof(*handles), GFP_KERNEL);
	used = bitmap_zalloc(XNIF_GREF_QUEUE_MAX, GFP_KERNEL);
	if (!slot || !pages || !handles || !used) {
		bitmap_free(used);
		kvfree(handles);
		kvfree(pages);
		kvfree(slot);
		return -ENOMEM;
	}
	spin_lock_bh(&g->lock);
	g->pages = pages;
	g->handles = handles;
	g->used = used;
	g->t.nr = 0;
	g->t.max = XNIF_GREF_QUEUE_MAX;
	g->t.slot = slot;
	spin_unlock_bh(&g->lock);
	return 0;
}

static unsigned long xnb_gref_kaddr(struct page *page)
{
	return (unsigned long)pfn_to_kaddr(page_to_pfn(page));
}

/* Most grants a queue may map: the table's size, within the vif's limit. */
static u32 xnb_gref_max(void)
{
	return min_t(u32, XNIF_GREF_QUEUE_MAX,
		     READ_ONCE(xnb_staging_max_grants_per_vif));
}

/* Grant-copy the @nr entries of @ents back to the frontend's table page,
 * for their status; the frontend reads it only after our response.
 */
static void xnb_gref_copy_out(struct xnb_vif *vif, u32 gref,
			      const struct xnif_gref *ents, u32 nr)
{
	struct gnttab_copy op = {
		.source.u.gmfn = virt_to_gfn(ents),
		.source.domid = DOMID_SELF,
		.source.offset = offset_in_page(ents),
		.dest.u.ref = gref,
		.dest.domid = vif->domid,
		.dest.offset = 0,
		.len = nr * sizeof(*ents),
		.flags = GNTCOPY_dest_gref,
	};

	gnttab_batch_copy(&op, 1);
	if (op.status != GNTST_okay)
		net_warn_ratelimited("%s: gref mapping: cannot write the statuses back to grant %u (%d)\n",
				     vif->name, gref, op.status);
}

/* Unmap the @n maps of @ops/@pages; a page that would not unmap stays
 * mapped (leaked) and counted.  Return: how many were unmapped.
 */
static unsigned int xnb_gref_unmap(struct xnb_vif *vif,
				   struct gnttab_unmap_grant_ref *ops,
				   struct page **pages, unsigned int n)
{
	unsigned int i, done = 0;
	int err;

	if (!n)
		return 0;
	err = gnttab_unmap_refs(ops, NULL, pages, n);
	for (i = 0; i < n; i++) {
		if (err || ops[i].status != GNTST_okay) {
			pr_err("%s: gref mapping: unmapping a grant failed (%d, %d), leaking its page\n",
			       vif->name, err, ops[i].status);
			continue;
		}
		gnttab_free_pages(1, &pages[i]);
		done++;
	}
	xnb_maps_put(vif, done);
	return done;
}

/* Map the checked @ents into free slots of @g, all or none: a failed
 * entry gets INVALID_PARAMETER and the others are unmapped again.
 */
static u32 xnb_gref_map(struct xnb_queue *q, struct xnb_gref *g,
			struct xnif_gref *ents, u32 nr)
{
	struct gnttab_map_grant_ref *ops;
	struct gnttab_unmap_grant_ref *uops;
	struct page **pages;
	unsigned int i, n = 0;
	u32 status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	int err;

	ops = kvcalloc(nr, sizeof(*ops), GFP_KERNEL);
	uops = kvcalloc(nr, sizeof(*uops), GFP_KERNEL);
	pages = kvcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!ops || !uops || !pages || gnttab_alloc_pages(nr, pages))
		goto out_unmapped;

	for (i = 0; i < nr; i++) {
		u32 flags = GNTMAP_host_map;

		if (ents[i].flags & XNIF_CTRLF_GREF_READONLY)
			flags |= GNTMAP_readonly;
		gnttab_set_map_op(&ops[i], xnb_gref_kaddr(pages[i]), flags,
				  ents[i].ref, q->vif->domid);
		ops[i].status = GNTST_general_error;
		ops[i].handle = INVALID_GRANT_HANDLE;
	}
	err = gnttab_map_refs(ops, NULL, pages, nr);
	status = XNIF_CTRL_STATUS_SUCCESS;
	for (i = 0; i < nr; i++) {
		if (!err && ops[i].status == GNTST_okay)
			continue;
		ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	}
	if (status == XNIF_CTRL_STATUS_SUCCESS)
		goto out_commit;

	/* none or all: undo the maps that worked */
	for (i = 0; i < nr; i++) {
		if (ops[i].status != GNTST_okay ||
		    ops[i].handle == INVALID_GRANT_HANDLE) {
			gnttab_free_pages(1, &pages[i]);
			continue;
		}
		gnttab_set_unmap_op(&uops[n], xnb_gref_kaddr(pages[i]),
				    GNTMAP_host_map, ops[i].handle);
		pages[n++] = pages[i];
	}
	/* the failed ones were never maps: give their budget back */
	xnb_maps_put(q->vif, nr - n);
	xnb_gref_unmap(q->vif, uops, pages, n);
	goto out_free_arrays;

out_commit:
	spin_lock_bh(&g->lock);
	for (i = 0; i < nr; i++) {
		unsigned int idx = find_first_zero_bit(g->used, g->t.max);

		/* room was checked: the table cannot be full */
		if (WARN_ON_ONCE(idx >= g->t.max))
			break;
		__set_bit(idx, g->used);
		g->pages[idx] = pages[i];
		g->handles[idx] = ops[i].handle;
		xnif_gref_insert(&g->t, ents[i].ref, ents[i].flags, idx);
	}
	spin_unlock_bh(&g->lock);
	goto out_free_arrays;

out_unmapped:
	/* no memory: nothing was mapped or is left allocated */
	xnb_maps_put(q->vif, nr);
	for (i = 0; i < nr; i++)
		ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
out_free_arrays:
	kvfree(pages);
	kvfree(uops);
	kvfree(ops);
	return status;
}

/* ADD_GREF_MAPPING of the @nr entries copied to @ents. */
static u32 xnb_gref_add(struct xnb_queue *q, struct xnif_gref *ents, u32 nr)
{
	struct xnb_gref *g = &q->gref;
	u32 room, status;
	u32 *scratch;
	unsigned int i;

	if (xnb_gref_alloc(g))
		goto out_refuse;
	scratch = kmalloc_array(nr, sizeof(*scratch), GFP_KERNEL);
	if (!scratch)
		goto out_refuse;
	room = xnb_gref_max();
	room = room > g->t.nr ? room - g->t.nr : 0;
	status = xnif_gref_add_check(&g->t, ents, nr, room, scratch);
	kfree(scratch);
	if (status != XNIF_CTRL_STATUS_SUCCESS)
		return status;
	if (xnb_maps_take(q->vif, nr))
		goto out_refuse;
	return xnb_gref_map(q, g, ents, nr);

out_refuse:
	for (i = 0; i < nr; i++)
		ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	return XNIF_CTRL_STATUS_INVALID_PARAMETER;
}

/* DEL_GREF_MAPPING of the @nr entries copied to @ents.
 * Return: the response status; *@done: grants unmapped.
 */
static u32 xnb_gref_del(struct xnb_queue *q, struct xnif_gref *ents, u32 nr,
			u32 *done)
{
	struct xnb_gref *g = &q->gref;
	struct gnttab_unmap_grant_ref *ops;
	struct page **pages;
	unsigned int i, n = 0;
	u32 status = XNIF_CTRL_STATUS_SUCCESS;

	*done = 0;
	ops = kvcalloc(nr, sizeof(*ops), GFP_KERNEL);
	pages = kvcalloc(nr, sizeof(*pages), GFP_KERNEL);
	spin_lock_bh(&g->lock);
	for (i = 0; i < nr; i++) {
		int pos = g->t.slot ? xnif_gref_find(&g->t, ents[i].ref) :
				      -ENOENT;
		unsigned int idx;

		if (pos < 0 || !ops || !pages) {
			ents[i].status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
			status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
			continue;
		}
		idx = g->t.slot[pos].idx;
		gnttab_set_unmap_op(&ops[n], xnb_gref_kaddr(g->pages[idx]),
				    GNTMAP_host_map, g->handles[idx]);
		pages[n++] = g->pages[idx];
		g->pages[idx] = NULL;
		__clear_bit(idx, g->used);
		xnif_gref_remove(&g->t, pos);
		ents[i].status = XNIF_CTRL_STATUS_SUCCESS;
	}
	spin_unlock_bh(&g->lock);
	/* out of the table: no memcpy uses these pages any more */
	*done = xnb_gref_unmap(q->vif, ops, pages, n);
	if (*done != n)
		status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	kvfree(pages);
	kvfree(ops);
	return status;
}

/**
 * xnb_gref_ctrl - answer a gref mapping control request
 * @vif: the vif, its queues connected
 * @req: the request, copied once from the ring
 * @rsp: its response, id and type already set
 *
 * The entry table is grant-copied once into vif->ctrl_page, checked and
 * acted on there, and copied back for the per-entry statuses.
 */
void xnb_gref_ctrl(struct xnb_vif *vif, const struct xnif_ctrl_request *req,
		   struct xnif_ctrl_response *rsp)
{
	struct xnif_gref *ents = vif->ctrl_page;
	u32 queue, gref, nr;

	rsp->data = 0;
	rsp->status = xnif_gref_req_check(req, vif->num_queues, &queue,
					  &gref, &nr);
	if (req->type == XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE) {
		if (queue >= vif->num_queues) {
			rsp->status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
			return;
		}
		rsp->status = XNIF_CTRL_STATUS_SUCCESS;
		rsp->data = xnb_gref_max();
		return;
	}
	if (rsp->status != XNIF_CTRL_STATUS_SUCCESS)
		return;
	if (xnb_ctrl_copy_in(vif, gref, nr * sizeof(*ents))) {
		rsp->status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		return;
	}
	if (req->type == XNIF_CTRL_TYPE_ADD_GREF_MAPPING)
		rsp->status = xnb_gref_add(&vif->queues[queue], ents, nr);
	else
		rsp->status = xnb_gref_del(&vif->queues[queue], ents, nr,
					   &rsp->data);
	xnb_gref_copy_out(vif, gref, ents, nr);
}

/* Unmap every grant of @q and free its table (its control work is
 * cancelled; its datapath may still run, but finds the table empty).
 */
static void xnb_gref_queue_teardown(struct xnb_queue *q)
{
	struct xnb_gref *g = &q->gref, old;
	struct gnttab_unmap_grant_ref *ops;
	struct page **pages;
	unsigned int i, n = 0;

	if (!g->t.slot)
		return;
	/* the datapath may still run: it finds an empty table from now on */
	spin_lock_bh(&g->lock);
	old = *g;
	g->t.nr = 0;
	g->t.max = 0;
	g->t.slot = NULL;
	g->pages = NULL;
	g->handles = NULL;
	g->used = NULL;
	spin_unlock_bh(&g->lock);
	g = &old;

	ops = kvcalloc(g->t.nr, sizeof(*ops), GFP_KERNEL);
	pages = kvcalloc(g->t.nr, sizeof(*pages), GFP_KERNEL);
	if (g->t.nr && (!ops || !pages)) {
		pr_err("%s: gref mapping: no memory to unmap %u grants, leaking them\n",
		       q->name, g->t.nr);
		goto out_free;
	}
	for (i = 0; i < g->t.nr; i++) {
		unsigned int idx = g->t.slot[i].idx;

		gnttab_set_unmap_op(&ops[n], xnb_gref_kaddr(g->pages[idx]),
				    GNTMAP_host_map, g->handles[idx]);
		pages[n++] = g->pages[idx];
	}
	xnb_gref_unmap(q->vif, ops, pages, n);
out_free:
	kvfree(pages);
	kvfree(ops);
	bitmap_free(g->used);
	kvfree(g->handles);
	kvfree(g->pages);
	kvfree(g->t.slot);
}

/* At disconnect, with the control work cancelled: unmap everything. */
void xnb_gref_disconnect(struct xnb_vif *vif)
{
	unsigned int i;

	for (i = 0; i < vif->num_queues; i++)
		xnb_gref_queue_teardown(&vif->queues[i]);
}

/**
 * xnb_gref_copy - memcpy through a grant the queue maps, if it maps it
 * @q: the queue
 * @ref: the grant a TX or RX request names
 * @off: where in the grant's page the bytes are (or go)
 * @buf: our side of the copy
 * @len: bytes, within the page (else it is not done here)
 * @to_guest: guest RX: write into the page, which must not be mapped
 *	read-only
 *
 * Return: true if done; false if the caller must grant-copy instead.
 */
bool xnb_gref_copy(struct xnb_queue *q, u32 ref, unsigned int off,
		   void *buf, unsigned int len, bool to_guest)
{
	struct xnb_gref *g = &q->gref;
	const struct xnif_gref_slot *s;
	u8 *page;

	if (!READ_ONCE(g->t.nr))
		return false;
	spin_lock_bh(&g->lock);
	s = xnif_gref_lookup(&g->t, ref, off, len, to_guest);
	if (s) {
		page = (u8 *)xnb_gref_kaddr(g->pages[s->idx]) + off;
		if (to_guest)
			memcpy(page, buf, len);
		else
			memcpy(buf, page, len);
	}
	spin_unlock_bh(&g->lock);
	if (s)
		xnb_stg_count(to_guest ? &q->stats->gref_rx :
					 &q->stats->gref_tx, len);
	return s;
}

static void xnb_gref_stats_read(const struct xnb_stg_stats *s, u64 *copies,
				u64 *bytes)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		*copies = u64_stats_read(&s->packets);
		*bytes = u64_stats_read(&s->bytes);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

/* The memcpys through mapped grants of @q's connection (debugfs). */
void xnb_gref_stats(const struct xnb_queue *q, u64 *tx_copies, u64 *tx_bytes,
		    u64 *rx_copies, u64 *rx_bytes)
{
	xnb_gref_stats_read(&q->stats->gref_tx, tx_copies, tx_bytes);
	xnb_gref_stats_read(&q->stats->gref_rx, rx_copies, rx_bytes);
}
