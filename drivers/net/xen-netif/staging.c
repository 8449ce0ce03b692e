// SPDX-License-Identifier: GPL-2.0-only
/*
 * Staging grants: the data list a frontend hands over per queue and
 * direction, and where a frontend puts each id's buffer.
 *
 * The backend copies the list out of the shared page once and gives the
 * copy to xnif_data_list_check(), which refuses anything that would let
 * one buffer reach outside its grant or into another buffer, or make the
 * backend map more grants than the buffers need, and tells the caller
 * which distinct grants to map.  xnif_staging_budget() then says whether
 * the backend's limits on mapped grants leave room for them.
 */
#include <linux/align.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/sort.h>
#include <linux/stddef.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* The list layout is ours alone: pin it here. */
static_assert(sizeof(struct xnif_data_entry) == 8, "data entry is 8 bytes");
static_assert(offsetof(struct xnif_data_entry, offset) == 4,
	      "data entry offset at byte 4");
static_assert(offsetof(struct xnif_data_entry, flags) == 6,
	      "data entry flags at byte 6");
static_assert(XNIF_DATA_ENTRIES_PER_PAGE * sizeof(struct xnif_data_entry) ==
	      XNIF_PAGE_SIZE, "a list page is full of entries");
static_assert(XNIF_DATA_MAX_IDS <= 0x10000, "ids fit the sort key");

/* Cache-line size the frontend aligns its staging buffers to. */
#define XNIF_STAGING_ALIGN	64

/**
 * xnif_data_list_pages - pages a data list takes
 * @nr_ids: entries in the list
 *
 * Return: the pages holding @nr_ids entries; 0 for none.
 */
unsigned int xnif_data_list_pages(unsigned int nr_ids)
{
	return DIV_ROUND_UP(nr_ids, XNIF_DATA_ENTRIES_PER_PAGE);
}
EXPORT_SYMBOL_NS_GPL(xnif_data_list_pages, XNIF_NS);

/* Sort key of one entry: grant, then offset, then id, so equal grants are
 * adjacent and ordered by where their buffers start.
 */
static u64 dl_key(u32 gref, u16 offset, unsigned int id)
{
	return (u64)gref << 32 | (u64)offset << 16 | id;
}

static int dl_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Per-entry rules; fills the sort keys. */
static enum xnif_dl_err dl_check_entries(const struct xnif_data_entry *list,
					 unsigned int nr_ids, unsigned int len,
					 struct xnif_dl_map *map)
{
	unsigned int id;

	for (id = 0; id < nr_ids; id++) {
		const struct xnif_data_entry *e = &list[id];

		map->bad_id = id;
		if (e->gref == 0)
			return XNIF_DL_ERR_GREF;
		if (e->flags)
			return XNIF_DL_ERR_FLAGS;
		if ((u32)e->offset + len > XNIF_PAGE_SIZE)
			return XNIF_DL_ERR_BOUNDS;
		map->scratch[id] = dl_key(e->gref, e->offset, id);
	}
	return XNIF_DL_OK;
}

/**
 * xnif_data_list_check() - validate a data list and index its grants
 * @list: the backend's private copy of the list, @nr_ids entries
 * @nr_ids: request ids of the ring (1..XNIF_DATA_MAX_IDS)
 * @len: the negotiated data length (1..XNIF_STAGING_MAX_LEN)
 * @map: arrays to fill, see struct xnif_dl_map
 *
 * Buffers must lie within their grant and share no byte (two ids with one
 * buffer would see each other's packets), and the list may name no more
 * distinct grants than xnif_staging_buf_pages() says the buffers need.
 *
 * Return: XNIF_DL_OK, or the first problem found with map->bad_id set.
 */
enum xnif_dl_err xnif_data_list_check(const struct xnif_data_entry *list,
				      unsigned int nr_ids, unsigned int len,
				      struct xnif_dl_map *map)
{
	enum xnif_dl_err err;
	unsigned int i, n = 0, max_grefs;
	u32 prev_gref = 0, prev_end = 0;

	map->nr_grefs = 0;
	map->bad_id = 0;
	if (nr_ids == 0 || nr_ids > XNIF_DATA_MAX_IDS ||
	    len == 0 || len > XNIF_STAGING_MAX_LEN)
		return XNIF_DL_ERR_ARGS;
	err = dl_check_entries(list, nr_ids, len, map);
	if (err)
		return err;
	/* no more grants than the buffers need: each one costs a map */
	max_grefs = xnif_staging_buf_pages(nr_ids, len);
	sort(map->scratch, nr_ids, sizeof(*map->scratch), dl_cmp, NULL);
	for (i = 0; i < nr_ids; i++) {
		u64 k = map->scratch[i];
		u32 gref = k >> 32;
		u32 offset = (k >> 16) & 0xFFFF;
		unsigned int id = k & 0xFFFF;

		if (n && gref == prev_gref && offset < prev_end) {
			map->bad_id = id;
			return XNIF_DL_ERR_OVERLAP;
		}
		if (!n || gref != prev_gref) {
			if (n == max_grefs) {
				map->bad_id = id;
				return XNIF_DL_ERR_GREFS;
			}
			map->grefs[n++] = gref;
		}
		map->gref_idx[id] = n - 1;
		prev_gref = gref;
		prev_end = offset + len;
	}
	map->nr_grefs = n;
	return XNIF_DL_OK;
}
EXPORT_SYMBOL_NS_GPL(xnif_data_list_check, XNIF_NS);

/**
 * xnif_dl_err_str - what a data list check refused, for a log line
 * @err: a result of xnif_data_list_check()
 *
 * Return: a constant string; "unknown" for a code out of range.
 */
const char *xnif_dl_err_str(enum xnif_dl_err err)
{
	static const char *const str[XNIF_DL_ERR_NR] = {
		[XNIF_DL_OK] = "ok",
		[XNIF_DL_ERR_ARGS] = "id count or data length out of range",
		[XNIF_DL_ERR_GREF] = "grant reference 0",
		[XNIF_DL_ERR_FLAGS] = "reserved flags set",
		[XNIF_DL_ERR_BOUNDS] = "buffer runs past its grant",
		[XNIF_DL_ERR_OVERLAP] = "buffers overlap",
		[XNIF_DL_ERR_GREFS] = "more grants than the buffers need",
	};

	if ((unsigned int)err >= XNIF_DL_ERR_NR)
		return "unknown";
	return str[err];
}
EXPORT_SYMBOL_NS_GPL(xnif_dl_err_str, XNIF_NS);

/**
 * xnif_staging_budget() - may a backend map @want more staging grants?
 * @vif_used: grants the vif has mapped
 * @all_used: grants all vifs have mapped
 * @want: grants one more data list needs
 * @vif_max: most grants one vif may map (0: none)
 * @all_max: most grants all vifs together may map (0: none)
 *
 * Counts already above a limit (a limit lowered at run time) refuse
 * everything but 0.  No sum can wrap.
 *
 * Return: XNIF_BUDGET_OK, or which limit @want would pass.
 */
enum xnif_budget xnif_staging_budget(unsigned int vif_used,
				     unsigned int all_used, unsigned int want,
				     unsigned int vif_max, unsigned int all_max)
{
	if (!want)
		return XNIF_BUDGET_OK;
	if (vif_used > vif_max || want > vif_max - vif_used)
		return XNIF_BUDGET_VIF;
	if (all_used > all_max || want > all_max - all_used)
		return XNIF_BUDGET_ALL;
	return XNIF_BUDGET_OK;
}
EXPORT_SYMBOL_NS_GPL(xnif_staging_budget, XNIF_NS);

/* Distance between two buffers in a frontend's staging pages (0: bad len). */
unsigned int xnif_staging_stride(unsigned int len)
{
	if (len == 0 || len > XNIF_STAGING_MAX_LEN)
		return 0;
	return ALIGN(len, XNIF_STAGING_ALIGN);
}

/**
 * xnif_staging_buf_pages - pages a frontend's staging buffers take
 * @nr_ids: buffers, one per ring id
 * @len: bytes staged per buffer (the negotiated staging length)
 *
 * Return: the pages holding @nr_ids buffers of @len bytes, each aligned
 * to a cache line and none crossing a page; 0 for bad arguments.
 */
unsigned int xnif_staging_buf_pages(unsigned int nr_ids, unsigned int len)
{
	unsigned int stride = xnif_staging_stride(len), per_page;

	if (!stride || nr_ids == 0 || nr_ids > XNIF_DATA_MAX_IDS)
		return 0;
	per_page = XNIF_PAGE_SIZE / stride;
	return DIV_ROUND_UP(nr_ids, per_page);
}
EXPORT_SYMBOL_NS_GPL(xnif_staging_buf_pages, XNIF_NS);

/**
 * xnif_staging_buf_pos - where a buffer is in a frontend's staging pages
 * @id: the ring id whose buffer is wanted
 * @len: bytes staged per buffer
 * @page: receives the page index, from 0
 * @offset: receives the offset in that page
 *
 * Return: 0, or -EINVAL for bad arguments (then @page and @offset are
 * untouched).
 */
int xnif_staging_buf_pos(unsigned int id, unsigned int len,
			 unsigned int *page, unsigned int *offset)
{
	unsigned int stride = xnif_staging_stride(len), per_page;

	if (!stride || id >= XNIF_DATA_MAX_IDS)
		return -EINVAL;
	per_page = XNIF_PAGE_SIZE / stride;
	*page = id / per_page;
	*offset = (id % per_page) * stride;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_staging_buf_pos, XNIF_NS);

/* Pages of a direction's data list at ring order @order, 0 if out of range. */
static unsigned int dl_pages_at(bool tx, unsigned int order)
{
	return xnif_data_list_pages(tx ? xnif_order_tx_entries(order) :
					 xnif_order_rx_entries(order));
}

/* Name of the key for page @page of a data list at ring order @order,
 * spelt like the ring refs: "tx-data-ref" at order 0 (a one-page list),
 * "tx-data-ref0", "tx-data-ref1", ... above it, even for one page.
 * Return: the length written, or -EINVAL / -ENOSPC.
 */
int xnif_data_ref_key(char *buf, size_t size, bool tx, unsigned int order,
		      unsigned int page)
{
	const char *dir = tx ? "tx" : "rx";
	int n;

	if (page >= dl_pages_at(tx, order))
		return -EINVAL;
	if (!order)
		n = snprintf(buf, size, "%s-data-ref", dir);
	else
		n = snprintf(buf, size, "%s-data-ref%u", dir, page);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

/**
 * xnif_data_key() - a queue's staging key, relative to the FE directory
 * @buf: receives the key
 * @size: room in @buf
 * @nr_queues: queues in use (keys go under "queue-N/" when above 1)
 * @queue: the queue
 * @tx: TX (true) or RX keys
 * @order: the ring order (it sets the list's pages and their key names)
 * @page: the list page whose ref key is wanted, or -1 for the length key
 *
 * "tx-data-len", "queue-1/rx-data-ref" (order 0), "queue-0/tx-data-ref7",
 * "rx-data-ref0" (order 1: one page, numbered like the ring refs), ...
 *
 * Return: the length written, or -EINVAL / -ENOSPC.
 */
int xnif_data_key(char *buf, size_t size, unsigned int nr_queues,
		  unsigned int queue, bool tx, unsigned int order, int page)
{
	int pre, n;

	if (order > XNIF_RING_MAX_ORDER)
		return -EINVAL;
	pre = xnif_queue_prefix(buf, size, nr_queues, queue);
	if (pre < 0)
		return pre;
	if (page < 0) {
		n = snprintf(buf + pre, size - pre, "%s-%s", tx ? "tx" : "rx",
			     XNIF_KEY_DATA_LEN);
		if (n < 0 || (size_t)n >= size - pre)
			return -ENOSPC;
	} else {
		n = xnif_data_ref_key(buf + pre, size - pre, tx, order, page);
		if (n < 0)
			return n;
	}
	return pre + n;
}
EXPORT_SYMBOL_NS_GPL(xnif_data_key, XNIF_NS);
