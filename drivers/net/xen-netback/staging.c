// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: staging grants (include/xen-netif/netif.h, "Staging
 * grants").  At connect, per queue and direction the frontend set up, the
 * data list is grant-copied out of the frontend's pages once, checked with
 * xnif_data_list_check(), and every distinct buffer grant is mapped (TX
 * read-only, RX writable) until the queue disconnects, within the limits
 * on mapped grants per vif and for all vifs.  tx.c and rx.c then
 * memcpy the first bytes of each packet through the id's buffer.
 */
#include "common.h"

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <xen/grant_table.h>
#include <xen/page.h>

/* Grants mapped for staging, by all vifs (vif->stg_maps: by one), and
 * their limits (module parameters staging_max_grants and
 * staging_max_grants_per_vif): each map holds an entry of dom0's maptrack
 * and a dom0 page frame for as long as the queue is connected.
 */
static DEFINE_SPINLOCK(xnb_stg_maps_lock);
static unsigned int xnb_stg_maps_all;

/* Longest relative key we read: "queue-NNNNN/tx-data-ref15". */
#define XNB_STG_KEY_LEN		48
/* Most list pages: one list entry per id of the largest ring. */
#define XNB_STG_LIST_PAGES	(XNIF_DATA_MAX_IDS / XNIF_DATA_ENTRIES_PER_PAGE)

static const char *xnb_stg_dir(bool tx)
{
	return tx ? "tx" : "rx";
}

/**
 * xnb_stg_write_features - offer staging grants to the frontend
 * @xbt: the transaction of the other feature keys, or XBT_NIL
 * @vif: the vif
 *
 * Up to the staging_max_len parameter, read here: a change applies from
 * the next handshake on, and a frontend is held to the length offered.
 * 0 offers none: feature-staging-grants 0 and no staging-max-data-len.
 *
 * Return: 0 or a negative errno from XenStore.
 */
int xnb_stg_write_features(struct xenbus_transaction xbt, struct xnb_vif *vif)
{
	unsigned int len = READ_ONCE(xnb_staging_max_len);
	const char *node = vif->xdev->nodename;
	int err;

	vif->stg_max_len = len;
	err = xenbus_printf(xbt, node, XNIF_KEY_FEATURE_STAGING, "%d",
			    len ? 1 : 0);
	if (err)
		return err;
	if (!len) {
		/* what an earlier handshake offered */
		err = xenbus_rm(xbt, node, XNIF_KEY_STAGING_MAX_LEN);
		return err == -ENOENT ? 0 : err;
	}
	return xenbus_printf(xbt, node, XNIF_KEY_STAGING_MAX_LEN, "%u", len);
}

/* A frontend key of queue @i: 0, -ENOENT if absent, else fatal. */
static int xnb_stg_read_key(struct xnb_queue *q, const char *key, u32 min,
			    u32 max, u32 *val)
{
	struct xenbus_device *xdev = q->vif->xdev;
	char *str;
	int err;

	str = xenbus_read(XBT_NIL, xdev->otherend, key, NULL);
	if (IS_ERR(str))
		return -ENOENT;	/* unreadable is absent */
	err = xnif_parse_u32(str, min, max, val);
	if (err)
		xnb_fe_fatal(q->vif, err,
			     "staging: frontend %s=\"%*pE\" is not %u..%u",
			     key, xnb_log_len(str), str, min, max);
	kfree(str);
	return err;
}

/* tx/rx-data-len of queue @i; 0 if absent or 0. */
static int xnb_stg_read_len(struct xnb_queue *q, unsigned int nq, bool tx,
			    u32 *len)
{
	char key[XNB_STG_KEY_LEN];
	int err;

	*len = 0;
	err = xnif_data_key(key, sizeof(key), nq, q->id, tx, 0, -1);
	if (err < 0)
		return err;
	err = xnb_stg_read_key(q, key, 0, q->vif->stg_max_len, len);
	return err == -ENOENT ? 0 : err;
}

/* The grants of the list's @nr pages, named for ring order @order.  A
 * length without every one of them is refused: staging into a list that
 * is not there would hand the frontend stale bytes (RX) or read grant 0
 * (TX), and the frontend could not tell.
 */
static int xnb_stg_read_refs(struct xnb_queue *q, unsigned int nq, bool tx,
			     unsigned int order, unsigned int nr, u32 len,
			     grant_ref_t *refs)
{
	char key[XNB_STG_KEY_LEN];
	unsigned int p;
	u32 ref;
	int err;

	for (p = 0; p < nr; p++) {
		err = xnif_data_key(key, sizeof(key), nq, q->id, tx, order, p);
		if (err < 0)
			return err;
		err = xnb_stg_read_key(q, key, 1, U32_MAX, &ref);
		if (err == -ENOENT)
			xnb_fe_fatal(q->vif, err,
				     "staging: queue %u: %s-data-len %u but no %s (ring order %u, list of %u pages)",
				     q->id, xnb_stg_dir(tx), len, key, order,
				     nr);
		if (err)
			return err;
		refs[p] = ref;
	}
	return 0;
}

/* Grant-copy the @nr list pages into @list (vmalloc, page aligned). */
static int xnb_stg_copy_list(struct xnb_queue *q, const grant_ref_t *refs,
			     unsigned int nr, void *list)
{
	struct gnttab_copy ops[XNB_STG_LIST_PAGES];
	unsigned int p;

	for (p = 0; p < nr; p++) {
		struct gnttab_copy *op = &ops[p];

		op->source.u.ref = refs[p];
		op->source.domid = q->vif->domid;
		op->source.offset = 0;
		op->dest.u.gmfn =
			xen_page_to_gfn(vmalloc_to_page(list + p * XEN_PAGE_SIZE));
		op->dest.domid = DOMID_SELF;
		op->dest.offset = 0;
		op->len = XEN_PAGE_SIZE;
		op->flags = GNTCOPY_source_gref;
	}
	gnttab_batch_copy(ops, nr);
	if (xnb_copy_ops_ok(ops, nr))
		return 0;
	xenbus_dev_fatal(q->vif->xdev, -EFAULT,
			 "staging: queue %u: cannot read the data list (grant %u)",
			 q->id, refs[0]);
	return -EFAULT;
}

unsigned int xnb_stg_maps_total(void)
{
	return READ_ONCE(xnb_stg_maps_all);
}

/* Count @nr more maps for @vif if both limits leave room for them; the
 * counts before are returned for the caller's message.
 */
static enum xnif_budget xnb_maps_try(struct xnb_vif *vif, unsigned int nr,
				     unsigned int *vif_used,
				     unsigned int *all_used)
{
	unsigned int vif_max = READ_ONCE(xnb_staging_max_grants_per_vif);
	unsigned int all_max = READ_ONCE(xnb_staging_max_grants);
	enum xnif_budget res;

	spin_lock(&xnb_stg_maps_lock);
	*vif_used = vif->stg_maps;
	*all_used = xnb_stg_maps_all;
	res = xnif_staging_budget(*vif_used, *all_used, nr, vif_max, all_max);
	if (res == XNIF_BUDGET_OK) {
		WRITE_ONCE(vif->stg_maps, *vif_used + nr);
		WRITE_ONCE(xnb_stg_maps_all, *all_used + nr);
	}
	spin_unlock(&xnb_stg_maps_lock);
	return res;
}

/**
 * xnb_maps_take - count @nr more grant maps of @vif (gref mapping)
 * @vif: the vif
 * @nr: maps about to be made
 *
 * Return: 0, or -ENOSPC if the vif's or all vifs' limit would be passed.
 */
int xnb_maps_take(struct xnb_vif *vif, unsigned int nr)
{
	unsigned int vif_used, all_used;

	return xnb_maps_try(vif, nr, &vif_used, &all_used) ? -ENOSPC : 0;
}

/* Count @nr more maps for @q's vif, if the limits leave room for them. */
static int xnb_stg_budget_take(struct xnb_queue *q, unsigned int nr, bool tx)
{
	unsigned int vif_max = READ_ONCE(xnb_staging_max_grants_per_vif);
	unsigned int all_max = READ_ONCE(xnb_staging_max_grants);
	struct xnb_vif *vif = q->vif;
	unsigned int vif_used, all_used;
	enum xnif_budget res;

	res = xnb_maps_try(vif, nr, &vif_used, &all_used);
	if (res == XNIF_BUDGET_VIF)
		xnb_fe_fatal(vif, -ENOSPC,
			     "staging: queue %u: %s buffers need %u grant maps, the vif has %u of staging_max_grants_per_vif=%u",
			     q->id, xnb_stg_dir(tx), nr, vif_used, vif_max);
	else if (res == XNIF_BUDGET_ALL)
		xnb_fe_fatal(vif, -ENOSPC,
			     "staging: queue %u: %s buffers need %u grant maps, all vifs have %u of staging_max_grants=%u",
			     q->id, xnb_stg_dir(tx), nr, all_used, all_max);
	return res == XNIF_BUDGET_OK ? 0 : -ENOSPC;
}

/* Give back @nr maps of @vif, counted by xnb_maps_take() or staging. */
void xnb_maps_put(struct xnb_vif *vif, unsigned int nr)
{
	spin_lock(&xnb_stg_maps_lock);
	if (!WARN_ON_ONCE(nr > vif->stg_maps || nr > xnb_stg_maps_all)) {
		WRITE_ONCE(vif->stg_maps, vif->stg_maps - nr);
		WRITE_ONCE(xnb_stg_maps_all, xnb_stg_maps_all - nr);
	}
	spin_unlock(&xnb_stg_maps_lock);
}

/* Unmap the first @nr grants of @s that have a handle; free the pages.
 * Return: false if they could not be unmapped (their pages are leaked,
 * and stay counted as mapped).
 */
static bool xnb_stg_unmap(struct xnb_stg *s, unsigned int nr)
{
	struct gnttab_unmap_grant_ref *ops;
	struct page **pages;
	unsigned int i, n = 0;
	bool ok = true;

	ops = kvcalloc(nr, sizeof(*ops), GFP_KERNEL);
	pages = kvcalloc(nr, sizeof(*pages), GFP_KERNEL);
	for (i = 0; ops && pages && i < nr; i++) {
		if (s->handles[i] == INVALID_GRANT_HANDLE)
			continue;
		gnttab_set_unmap_op(&ops[n],
				    (unsigned long)pfn_to_kaddr(page_to_pfn(s->pages[i])),
				    GNTMAP_host_map, s->handles[i]);
		pages[n++] = s->pages[i];
	}
	if (!ops || !pages) {
		pr_err("staging: no memory to unmap %u grants, leaking them\n",
		       nr);
		ok = false;
	} else if (n && gnttab_unmap_refs(ops, NULL, pages, n)) {
		pr_err("staging: unmapping %u grants failed\n", n);
		ok = false;
	} else {
		gnttab_free_pages(nr, s->pages);
	}
	kvfree(pages);
	kvfree(ops);
	return ok;
}

/* Map the @nr distinct buffer grants @grefs, counted in the budget
 * already.  On failure nothing stays mapped and the count is given back
 * (unless unmapping failed: those maps are still held).
 */
static int xnb_stg_map(struct xnb_queue *q, struct xnb_stg *s,
		       const u32 *grefs, unsigned int nr, bool tx)
{
	u32 flags = GNTMAP_host_map | (tx ? GNTMAP_readonly : 0);
	struct gnttab_map_grant_ref *ops;
	unsigned int i, bad = 0;
	int err = -ENOMEM;

	ops = kvcalloc(nr, sizeof(*ops), GFP_KERNEL);
	if (!ops || gnttab_alloc_pages(nr, s->pages))
		goto out_put;
	for (i = 0; i < nr; i++) {
		gnttab_set_map_op(&ops[i],
				  (unsigned long)pfn_to_kaddr(page_to_pfn(s->pages[i])),
				  flags, grefs[i], q->vif->domid);
		/* what a failed hypercall leaves must not read as mapped */
		ops[i].status = GNTST_general_error;
		ops[i].handle = INVALID_GRANT_HANDLE;
	}
	err = gnttab_map_refs(ops, NULL, s->pages, nr);
	for (i = 0; i < nr; i++) {
		s->handles[i] = ops[i].handle;
		if (ops[i].status != GNTST_okay) {
			s->handles[i] = INVALID_GRANT_HANDLE;
			bad++;
		}
	}
	if (!err && !bad)
		goto out_free_ops;
	xenbus_dev_fatal(q->vif->xdev, err ?: -EFAULT,
			 "staging: queue %u: mapping %s buffers: %u of %u grants failed (%d)",
			 q->id, xnb_stg_dir(tx), bad, nr, err);
	err = -EFAULT;
	if (!xnb_stg_unmap(s, nr))
		goto out_free_ops;
out_put:
	xnb_maps_put(q->vif, nr);
out_free_ops:
	kvfree(ops);
	return err;
}

/* Arrays of @s for @nr_ids ids and @nr_pages grants. */
static int xnb_stg_alloc(struct xnb_stg *s, unsigned int nr_ids,
			 unsigned int nr_pages)
{
	s->addr = kvcalloc(nr_ids, sizeof(*s->addr), GFP_KERNEL);
	s->pages = kvcalloc(nr_pages, sizeof(*s->pages), GFP_KERNEL);
	s->handles = kvcalloc(nr_pages, sizeof(*s->handles), GFP_KERNEL);
	if (s->addr && s->pages && s->handles)
		return 0;
	kvfree(s->handles);
	kvfree(s->pages);
	kvfree(s->addr);
	memset(s, 0, sizeof(*s));
	return -ENOMEM;
}

static void xnb_stg_free(struct xnb_stg *s)
{
	kvfree(s->handles);
	kvfree(s->pages);
	kvfree(s->addr);
	memset(s, 0, sizeof(*s));
}

/* Check the list copy and map what it names; fills @s. */
static int xnb_stg_map_list(struct xnb_queue *q, struct xnb_stg *s,
			    const struct xnif_data_entry *list,
			    unsigned int nr_ids, unsigned int len, bool tx)
{
	struct xnif_dl_map map = { };
	enum xnif_dl_err res;
	unsigned int id;
	int err = -ENOMEM;

	map.grefs = kvcalloc(nr_ids, sizeof(*map.grefs), GFP_KERNEL);
	map.gref_idx = kvcalloc(nr_ids, sizeof(*map.gref_idx), GFP_KERNEL);
	map.scratch = kvcalloc(nr_ids, sizeof(*map.scratch), GFP_KERNEL);
	if (!map.grefs || !map.gref_idx || !map.scratch)
		goto out_free;

	res = xnif_data_list_check(list, nr_ids, len, &map);
	if (res != XNIF_DL_OK) {
		err = -EINVAL;
		xenbus_dev_fatal(q->vif->xdev, err,
				 "staging: queue %u: %s data list refused: %s (id %u)",
				 q->id, xnb_stg_dir(tx), xnif_dl_err_str(res),
				 map.bad_id);
		goto out_free;
	}
	err = xnb_stg_budget_take(q, map.nr_grefs, tx);
	if (err)
		goto out_free;
	err = xnb_stg_alloc(s, nr_ids, map.nr_grefs);
	if (err) {
		xnb_maps_put(q->vif, map.nr_grefs);
		goto out_free;
	}
	err = xnb_stg_map(q, s, map.grefs, map.nr_grefs, tx);
	if (err) {
		xnb_stg_free(s);
		goto out_free;
	}
	for (id = 0; id < nr_ids; id++)
		s->addr[id] = (u8 *)pfn_to_kaddr(page_to_pfn(s->pages[map.gref_idx[id]])) +
			      list[id].offset;
	s->nr_ids = nr_ids;
	s->nr_pages = map.nr_grefs;
	s->len = len;
out_free:
	kvfree(map.scratch);
	kvfree(map.gref_idx);
	kvfree(map.grefs);
	if (err == -ENOMEM)
		xenbus_dev_fatal(q->vif->xdev, err,
				 "staging: queue %u: no memory for %u %s buffers",
				 q->id, nr_ids, xnb_stg_dir(tx));
	return err;
}

/* One direction of queue @q at ring order @order: one list entry per
 * request id of the ring.
 */
static int xnb_stg_setup(struct xnb_queue *q, unsigned int nq, bool tx,
			 unsigned int order, struct xnb_stg *s)
{
	unsigned int nr_ids = tx ? xnif_order_tx_entries(order) :
				   xnif_order_rx_entries(order);
	unsigned int nr = xnif_data_list_pages(nr_ids);
	grant_ref_t refs[XNB_STG_LIST_PAGES];
	void *list;
	u32 len;
	int err;

	if (WARN_ON_ONCE(!nr || nr > XNB_STG_LIST_PAGES))
		return -EINVAL;
	err = xnb_stg_read_len(q, nq, tx, &len);
	if (err || !len)
		return err;
	err = xnb_stg_read_refs(q, nq, tx, order, nr, len, refs);
	if (err)
		return err;

	list = vmalloc(nr * XEN_PAGE_SIZE);
	if (!list) {
		xenbus_dev_fatal(q->vif->xdev, -ENOMEM,
				 "staging: no memory for a data list");
		return -ENOMEM;
	}
	err = xnb_stg_copy_list(q, refs, nr, list);
	if (!err)
		err = xnb_stg_map_list(q, s, list, nr_ids, len, tx);
	vfree(list);
	return err;
}

static void xnb_stg_teardown(struct xnb_vif *vif, struct xnb_stg *s)
{
	if (!s->len)
		return;
	if (xnb_stg_unmap(s, s->nr_pages))
		xnb_maps_put(vif, s->nr_pages);
	xnb_stg_free(s);
}

/**
 * xnb_stg_connect - map the staging buffers of queue @q, if any
 * @q: the queue, not connected yet
 * @nq: queues the frontend uses
 * @order: the ring order (the lists have one entry per ring slot)
 *
 * Return: 0 (a direction without a length is not staged), or a
 * negative errno after xenbus_dev_fatal() said why.
 */
int xnb_stg_connect(struct xnb_queue *q, unsigned int nq, unsigned int order)
{
	int err;

	/* a frontend that does not know our keys may have left some */
	if (q->vif->fe_legacy)
		return 0;
	err = xnb_stg_setup(q, nq, true, order, &q->stg_tx);
	if (err)
		return err;
	err = xnb_stg_setup(q, nq, false, order, &q->stg_rx);
	if (err)
		xnb_stg_teardown(q->vif, &q->stg_tx);
	return err;
}

/* Unmap both directions; the queue's datapath is stopped. */
void xnb_stg_disconnect(struct xnb_queue *q)
{
	xnb_stg_teardown(q->vif, &q->stg_rx);
	xnb_stg_teardown(q->vif, &q->stg_tx);
}
