// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/staging.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define NR_MAX	XNIF_DATA_MAX_IDS

static struct xnif_data_entry list[NR_MAX];
static u32 grefs[NR_MAX];
static u16 gref_idx[NR_MAX];
static u64 scratch[NR_MAX];

static struct xnif_dl_map new_map(void)
{
	struct xnif_dl_map m = {
		.grefs = grefs, .gref_idx = gref_idx, .scratch = scratch,
		.nr_grefs = 12345, .bad_id = 12345,
	};

	return m;
}

/* A list laid out the way our frontend lays it out; grants from 100. */
static void fe_list(unsigned int nr, unsigned int len)
{
	unsigned int id, page, off;

	for (id = 0; id < nr; id++) {
		XT_EQ(xnif_staging_buf_pos(id, len, &page, &off), 0);
		list[id].gref = 100 + page;
		list[id].offset = off;
		list[id].flags = 0;
	}
}

static void st_list_pages(void)
{
	XT_EQ(xnif_data_list_pages(0), 0);
	XT_EQ(xnif_data_list_pages(1), 1);
	XT_EQ(xnif_data_list_pages(256), 1);
	XT_EQ(xnif_data_list_pages(512), 1);
	XT_EQ(xnif_data_list_pages(513), 2);
	XT_EQ(xnif_data_list_pages(4096), 8);
}

static void st_stride(void)
{
	XT_EQ(xnif_staging_stride(0), 0);
	XT_EQ(xnif_staging_stride(1), 64);
	XT_EQ(xnif_staging_stride(64), 64);
	XT_EQ(xnif_staging_stride(65), 128);
	XT_EQ(xnif_staging_stride(2048), 2048);
	XT_EQ(xnif_staging_stride(2049), 2112);
	XT_EQ(xnif_staging_stride(4096), 4096);
	XT_EQ(xnif_staging_stride(4097), 0);
}

static void st_buf_pages(void)
{
	XT_EQ(xnif_staging_buf_pages(256, 128), 8);
	XT_EQ(xnif_staging_buf_pages(256, 256), 16);
	XT_EQ(xnif_staging_buf_pages(256, 2048), 128);
	XT_EQ(xnif_staging_buf_pages(256, 2049), 256);
	XT_EQ(xnif_staging_buf_pages(4096, 4096), 4096);
	XT_EQ(xnif_staging_buf_pages(1, 1), 1);
	XT_EQ(xnif_staging_buf_pages(0, 128), 0);
	XT_EQ(xnif_staging_buf_pages(4097, 128), 0);
	XT_EQ(xnif_staging_buf_pages(256, 0), 0);
}

static void st_buf_pos(void)
{
	unsigned int page = 77, off = 77;

	XT_EQ(xnif_staging_buf_pos(0, 256, &page, &off), 0);
	XT_EQ(page, 0);
	XT_EQ(off, 0);
	XT_EQ(xnif_staging_buf_pos(17, 256, &page, &off), 0);
	XT_EQ(page, 1);
	XT_EQ(off, 256);
	XT_EQ(xnif_staging_buf_pos(33, 100, &page, &off), 0);
	XT_EQ(page, 1);
	XT_EQ(off, 128);
	XT_EQ(xnif_staging_buf_pos(4095, 4096, &page, &off), 0);
	XT_EQ(page, 4095);
	XT_EQ(off, 0);
	page = off = 77;
	XT_EQ(xnif_staging_buf_pos(4096, 128, &page, &off), -EINVAL);
	XT_EQ(xnif_staging_buf_pos(0, 0, &page, &off), -EINVAL);
	XT_EQ(xnif_staging_buf_pos(0, 4097, &page, &off), -EINVAL);
	XT_EQ(page, 77);
	XT_EQ(off, 77);
}

/* Every layout our frontend makes passes, and maps back to its pages. */
static void st_fe_layouts_pass(void)
{
	static const unsigned int lens[] = { 1, 64, 100, 128, 256, 2048, 2049,
					     4096 };
	static const unsigned int nrs[] = { 1, 256, 512, 4096 };
	unsigned int i, j, id, page, off;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (j = 0; j < sizeof(nrs) / sizeof(nrs[0]); j++) {
			struct xnif_dl_map m = new_map();

			fe_list(nrs[j], lens[i]);
			XT_EQ(xnif_data_list_check(list, nrs[j], lens[i], &m),
			      XNIF_DL_OK);
			XT_EQ(m.nr_grefs,
			      xnif_staging_buf_pages(nrs[j], lens[i]));
			for (id = 0; id < nrs[j]; id++) {
				xnif_staging_buf_pos(id, lens[i], &page, &off);
				if (m.gref_idx[id] != page ||
				    m.grefs[m.gref_idx[id]] != 100 + page)
					xt_fail(__FILE__, __LINE__,
						"len %u id %u: gref index %u",
						lens[i], id, m.gref_idx[id]);
			}
		}
	}
}

/* One grant per id, given in descending order: indexes follow grants. */
static void st_gref_order(void)
{
	struct xnif_dl_map m = new_map();
	unsigned int id;

	for (id = 0; id < 8; id++) {
		list[id].gref = 1000 - id;
		list[id].offset = 0;
		list[id].flags = 0;
	}
	XT_EQ(xnif_data_list_check(list, 8, 4096, &m), XNIF_DL_OK);
	XT_EQ(m.nr_grefs, 8);
	for (id = 0; id < 8; id++) {
		XT_EQ(m.grefs[id], 993 + id);
		XT_EQ(m.gref_idx[id], 7 - id);
	}
}

static void st_bad_args(void)
{
	struct xnif_dl_map m = new_map();

	fe_list(256, 256);
	XT_EQ(xnif_data_list_check(list, 0, 256, &m), XNIF_DL_ERR_ARGS);
	XT_EQ(m.nr_grefs, 0);
	XT_EQ(xnif_data_list_check(list, NR_MAX + 1, 256, &m),
	      XNIF_DL_ERR_ARGS);
	XT_EQ(xnif_data_list_check(list, 256, 0, &m), XNIF_DL_ERR_ARGS);
	XT_EQ(xnif_data_list_check(list, 256, 4097, &m), XNIF_DL_ERR_ARGS);
}

static void st_bad_entries(void)
{
	struct xnif_dl_map m = new_map();

	fe_list(256, 256);
	list[7].gref = 0;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_ERR_GREF);
	XT_EQ(m.bad_id, 7);
	XT_EQ(m.nr_grefs, 0);

	fe_list(256, 256);
	list[255].flags = 1;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_ERR_FLAGS);
	XT_EQ(m.bad_id, 255);

	fe_list(256, 256);
	list[3].offset = 4096 - 255;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_ERR_BOUNDS);
	XT_EQ(m.bad_id, 3);
	list[3].offset = 0xFFFF;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_ERR_BOUNDS);

	/* The last buffer of a page may end exactly at its end. */
	fe_list(256, 256);
	list[15].offset = 4096 - 256;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_OK);
}

static void st_overlap(void)
{
	struct xnif_dl_map m = new_map();

	/* Far-apart ids on one buffer. */
	fe_list(256, 128);
	list[255].gref = list[0].gref;
	list[255].offset = list[0].offset;
	XT_EQ(xnif_data_list_check(list, 256, 128, &m), XNIF_DL_ERR_OVERLAP);
	XT_CHECK(m.bad_id == 0 || m.bad_id == 255);
	XT_EQ(m.nr_grefs, 0);

	/* One byte shared. */
	fe_list(256, 128);
	list[1].offset = list[0].offset + 127;
	XT_EQ(xnif_data_list_check(list, 256, 128, &m), XNIF_DL_ERR_OVERLAP);

	/* Touching is fine, and so is the same offset in another grant. */
	fe_list(2, 100);
	list[1].offset = 100;
	XT_EQ(xnif_data_list_check(list, 2, 100, &m), XNIF_DL_OK);
	XT_EQ(m.nr_grefs, 1);
	/* (2 buffers of 3000 bytes need 2 grants) */
	list[1].offset = 0;
	list[1].gref = 5;
	XT_EQ(xnif_data_list_check(list, 2, 3000, &m), XNIF_DL_OK);
	XT_EQ(m.nr_grefs, 2);
}

/* One grant, one offset, for every id: all buffers are one. */
static void st_same_grant_every_id(void)
{
	struct xnif_dl_map m = new_map();
	unsigned int id;

	for (id = 0; id < 4096; id++) {
		list[id].gref = 42;
		list[id].offset = 0;
		list[id].flags = 0;
	}
	XT_EQ(xnif_data_list_check(list, 4096, 64, &m), XNIF_DL_ERR_OVERLAP);
	XT_EQ(m.nr_grefs, 0);
	XT_EQ(xnif_data_list_check(list, 2, 1, &m), XNIF_DL_ERR_OVERLAP);
	/* one id alone may of course use it */
	XT_EQ(xnif_data_list_check(list, 1, 2048, &m), XNIF_DL_OK);
}

/* A grant per id costs a map per id: no more than the buffers need. */
static void st_grefs_cap(void)
{
	struct xnif_dl_map m = new_map();
	unsigned int id;

	/* 4096 ids of 2048 bytes fit 2048 pages, not 4096 grants */
	for (id = 0; id < 4096; id++) {
		list[id].gref = 1000 + id;
		list[id].offset = 0;
		list[id].flags = 0;
	}
	XT_EQ(xnif_data_list_check(list, 4096, 2048, &m), XNIF_DL_ERR_GREFS);
	XT_EQ(m.nr_grefs, 0);
	XT_EQ(m.bad_id, 2048);
	/* at 2049 bytes a buffer needs a page of its own */
	XT_EQ(xnif_data_list_check(list, 4096, 2049, &m), XNIF_DL_OK);
	XT_EQ(m.nr_grefs, 4096);

	/* our frontend's layout plus one grant too many */
	fe_list(256, 256);
	list[255].gref = 999;
	list[255].offset = 0;
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_ERR_GREFS);
	XT_EQ(m.bad_id, 255);
	/* buffers spread thinner than ours, as many grants: fine */
	for (id = 0; id < 256; id++) {
		list[id].gref = 100 + id % 16;
		list[id].offset = (id / 16) * 256;
	}
	XT_EQ(xnif_data_list_check(list, 256, 256, &m), XNIF_DL_OK);
	XT_EQ(m.nr_grefs, 16);
}

/* The limits, against a 64-bit model, at the edges of unsigned int. */
static void st_budget(void)
{
	static const unsigned int v[] = { 0, 1, 2, 100, 2047, 2048, 32767,
					  32768, 65536, 0x7FFFFFFF,
					  0xFFFFFFFE, 0xFFFFFFFF };
	const unsigned int nv = sizeof(v) / sizeof(v[0]);
	unsigned int a, b, c, d, e;

	for (a = 0; a < nv; a++)
	for (b = 0; b < nv; b++)
	for (c = 0; c < nv; c++)
	for (d = 0; d < nv; d++)
	for (e = 0; e < nv; e++) {
		unsigned long long vu = v[a], au = v[b], w = v[c];
		unsigned long long vm = v[d], am = v[e];
		enum xnif_budget want = XNIF_BUDGET_OK;

		if (w && vu + w > vm)
			want = XNIF_BUDGET_VIF;
		else if (w && au + w > am)
			want = XNIF_BUDGET_ALL;
		if (xnif_staging_budget(v[a], v[b], v[c], v[d], v[e]) != want)
			xt_fail(__FILE__, __LINE__,
				"budget(%u, %u, %u, %u, %u) != %d", v[a],
				v[b], v[c], v[d], v[e], want);
	}
}

/*
 * The defaults let the largest honest vif through (order 4, 8 queues,
 * 2048-byte buffers) and refuse a grant per id (65,536 maps).
 */
static void st_budget_defaults(void)
{
	unsigned int tx = xnif_staging_buf_pages(xnif_order_tx_entries(4),
						 2048);
	unsigned int rx = xnif_staging_buf_pages(xnif_order_rx_entries(4),
						 2048);
	unsigned int q, used = 0;

	XT_EQ(tx, 2048);
	XT_EQ(rx, 2048);
	for (q = 0; q < 8; q++) {
		XT_EQ(xnif_staging_budget(used, used, tx, XNIF_STG_VIF_MAPS_DEFAULT,
					  XNIF_STG_ALL_MAPS_DEFAULT),
		      XNIF_BUDGET_OK);
		used += tx;
		XT_EQ(xnif_staging_budget(used, used, rx, XNIF_STG_VIF_MAPS_DEFAULT,
					  XNIF_STG_ALL_MAPS_DEFAULT),
		      XNIF_BUDGET_OK);
		used += rx;
	}
	XT_EQ(xnif_staging_budget(used, used, 1, XNIF_STG_VIF_MAPS_DEFAULT,
				  XNIF_STG_ALL_MAPS_DEFAULT), XNIF_BUDGET_VIF);
	XT_EQ(xnif_staging_budget(0, used, 4096, XNIF_STG_VIF_MAPS_DEFAULT,
				  XNIF_STG_ALL_MAPS_DEFAULT), XNIF_BUDGET_OK);
	XT_EQ(xnif_staging_budget(0, 2 * used, 1, XNIF_STG_VIF_MAPS_DEFAULT,
				  XNIF_STG_ALL_MAPS_DEFAULT), XNIF_BUDGET_ALL);
	/* a limit lowered below what is mapped refuses, and 0 takes all */
	XT_EQ(xnif_staging_budget(10, 10, 1, 5, 100), XNIF_BUDGET_VIF);
	XT_EQ(xnif_staging_budget(10, 10, 0, 5, 5), XNIF_BUDGET_OK);
	XT_EQ(xnif_staging_budget(0, 0, 1, 0, 100), XNIF_BUDGET_VIF);
}

static void st_err_str(void)
{
	int e;

	for (e = 0; e < XNIF_DL_ERR_NR; e++)
		XT_CHECK(strcmp(xnif_dl_err_str(e), "unknown") != 0);
	XT_STREQ(xnif_dl_err_str(XNIF_DL_ERR_NR), "unknown");
	XT_STREQ(xnif_dl_err_str(XNIF_DL_ERR_OVERLAP), "buffers overlap");
}

static void st_ref_key(void)
{
	char buf[32], tiny[8];

	/* order 0: one page, unnumbered, like "tx-ring-ref" */
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 0, 0), 11);
	XT_STREQ(buf, "tx-data-ref");
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 0, 1), -EINVAL);
	/* order 1: still one page, but numbered like "tx-ring-ref0" */
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 1, 0), 12);
	XT_STREQ(buf, "tx-data-ref0");
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 1, 1), -EINVAL);
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), false, 2, 1), 12);
	XT_STREQ(buf, "rx-data-ref1");
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 2, 2), -EINVAL);
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), false, 4, 7), 12);
	XT_STREQ(buf, "rx-data-ref7");
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), false, 4, 8), -EINVAL);
	XT_EQ(xnif_data_ref_key(buf, sizeof(buf), true, 5, 0), -EINVAL);
	XT_EQ(xnif_data_ref_key(tiny, sizeof(tiny), true, 0, 0), -ENOSPC);
}

static void st_staged_len(void)
{
	XT_EQ(xnif_staged_len(60, 128), 60);
	XT_EQ(xnif_staged_len(128, 128), 128);
	XT_EQ(xnif_staged_len(1514, 128), 128);
	XT_EQ(xnif_staged_len(0, 128), 0);
}

static void st_data_key(void)
{
	char buf[64], tiny[12];

	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, true, 0, -1), 11);
	XT_STREQ(buf, "tx-data-len");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, true, 4, -1), 11);
	XT_STREQ(buf, "tx-data-len");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, false, 0, 0), 11);
	XT_STREQ(buf, "rx-data-ref");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, false, 1, 0), 12);
	XT_STREQ(buf, "rx-data-ref0");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 2, 1, false, 0, -1), 19);
	XT_STREQ(buf, "queue-1/rx-data-len");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 2, 0, true, 4, 7), 20);
	XT_STREQ(buf, "queue-0/tx-data-ref7");
	XT_EQ(xnif_data_key(buf, sizeof(buf), 2, 2, true, 0, -1), -EINVAL);
	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, true, 4, 8), -EINVAL);
	XT_EQ(xnif_data_key(buf, sizeof(buf), 1, 0, true, 5, -1), -EINVAL);
	XT_CHECK(xnif_data_key(tiny, sizeof(tiny), 2, 1, true, 0, -1) < 0);
	XT_EQ(xnif_data_key(tiny, sizeof(tiny), 1, 0, true, 0, -1), 11);
}

const struct xt_test staging_tests[] = {
	XT_TEST(st_list_pages),
	XT_TEST(st_stride),
	XT_TEST(st_buf_pages),
	XT_TEST(st_buf_pos),
	XT_TEST(st_fe_layouts_pass),
	XT_TEST(st_gref_order),
	XT_TEST(st_bad_args),
	XT_TEST(st_bad_entries),
	XT_TEST(st_overlap),
	XT_TEST(st_same_grant_every_id),
	XT_TEST(st_grefs_cap),
	XT_TEST(st_budget),
	XT_TEST(st_budget_defaults),
	XT_TEST(st_err_str),
	XT_TEST(st_ref_key),
	XT_TEST(st_staged_len),
	XT_TEST(st_data_key),
	XT_END
};
