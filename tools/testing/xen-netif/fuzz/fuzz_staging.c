// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: data list validation for staging grants.
 *
 * Input: u16 id count, u16 data length, then list entries (missing bytes
 * are zero).  A list that passes must really have no overlapping buffer,
 * none past its grant and no grant 0, and the grant index must give back
 * each id's grant; one that fails must have bad_id pointing at an id that
 * breaks a rule.  Small lists are cross-checked pairwise.  A passing list
 * names no more distinct grants than xnif_staging_buf_pages(), and one
 * refused for that names more.  The map limits are checked against a
 * 64-bit model with counts taken from the first entries' grants.
 */
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

#define NR_MAX	XNIF_DATA_MAX_IDS

static struct xnif_data_entry list[NR_MAX];
static u32 grefs[NR_MAX];
static u16 gref_idx[NR_MAX];
static u64 scratch[NR_MAX];

static bool entry_ok(const struct xnif_data_entry *e, unsigned int len)
{
	return e->gref && !e->flags && (u32)e->offset + len <= 4096;
}

static bool overlap(const struct xnif_data_entry *a,
		    const struct xnif_data_entry *b, unsigned int len)
{
	return a->gref == b->gref &&
	       a->offset < (u32)b->offset + len &&
	       b->offset < (u32)a->offset + len;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* Distinct grants the first @nr entries name. */
static unsigned int distinct_grefs(unsigned int nr)
{
	static u32 g[NR_MAX];
	unsigned int i, n = 0;

	for (i = 0; i < nr; i++)
		g[i] = list[i].gref;
	qsort(g, nr, sizeof(g[0]), cmp_u32);
	for (i = 0; i < nr; i++)
		n += !i || g[i] != g[i - 1];
	return n;
}

static void check_budget(unsigned int want)
{
	unsigned long long vu = list[0].gref, au = list[1].gref;
	unsigned long long vm = list[2].gref, am = list[3].gref;
	enum xnif_budget res, model = XNIF_BUDGET_OK;

	res = xnif_staging_budget(vu, au, want, vm, am);
	if (want && vu + want > vm)
		model = XNIF_BUDGET_VIF;
	else if (want && au + want > am)
		model = XNIF_BUDGET_ALL;
	FUZZ_ASSERT(res == model);
}

static void check_pass(unsigned int nr, unsigned int len,
		       const struct xnif_dl_map *m)
{
	unsigned int i, j;

	FUZZ_ASSERT(m->nr_grefs >= 1 && m->nr_grefs <= nr);
	FUZZ_ASSERT(m->nr_grefs <= xnif_staging_buf_pages(nr, len));
	FUZZ_ASSERT(m->nr_grefs == distinct_grefs(nr));
	for (i = 1; i < m->nr_grefs; i++)
		FUZZ_ASSERT(m->grefs[i - 1] < m->grefs[i]);
	for (i = 0; i < nr; i++) {
		FUZZ_ASSERT(entry_ok(&list[i], len));
		FUZZ_ASSERT(m->gref_idx[i] < m->nr_grefs);
		FUZZ_ASSERT(m->grefs[m->gref_idx[i]] == list[i].gref);
	}
	if (nr > 64)
		return;
	for (i = 0; i < nr; i++)
		for (j = i + 1; j < nr; j++)
			FUZZ_ASSERT(!overlap(&list[i], &list[j], len));
}

static void check_fail(unsigned int nr, unsigned int len,
		       enum xnif_dl_err err, const struct xnif_dl_map *m)
{
	const struct xnif_data_entry *bad;
	unsigned int j;
	bool found = false;

	FUZZ_ASSERT(err > XNIF_DL_OK && err < XNIF_DL_ERR_NR);
	FUZZ_ASSERT(m->nr_grefs == 0);
	if (err == XNIF_DL_ERR_ARGS) {
		FUZZ_ASSERT(nr == 0 || nr > NR_MAX || len == 0 || len > 4096);
		return;
	}
	FUZZ_ASSERT(m->bad_id < nr);
	bad = &list[m->bad_id];
	if (err == XNIF_DL_ERR_GREFS) {
		FUZZ_ASSERT(entry_ok(bad, len));
		FUZZ_ASSERT(distinct_grefs(nr) > xnif_staging_buf_pages(nr, len));
		return;
	}
	if (err != XNIF_DL_ERR_OVERLAP) {
		FUZZ_ASSERT(!entry_ok(bad, len));
		return;
	}
	for (j = 0; j < nr && !found; j++)
		found = j != m->bad_id && overlap(bad, &list[j], len);
	FUZZ_ASSERT(found);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct xnif_dl_map m = {
		.grefs = grefs, .gref_idx = gref_idx, .scratch = scratch,
	};
	unsigned int nr, len;
	enum xnif_dl_err err;
	size_t n;

	if (size < 4)
		return 0;
	nr = (data[0] | data[1] << 8) % (NR_MAX + 2);
	len = (data[2] | data[3] << 8) % 4098;
	memset(list, 0, sizeof(list));
	n = size - 4;
	if (n > sizeof(list))
		n = sizeof(list);
	memcpy(list, data + 4, n);
	err = xnif_data_list_check(list, nr, len, &m);
	if (err == XNIF_DL_OK)
		check_pass(nr, len, &m);
	else
		check_fail(nr, len, err, &m);
	check_budget(err == XNIF_DL_OK ? m.nr_grefs : list[4].gref);
	return 0;
}
