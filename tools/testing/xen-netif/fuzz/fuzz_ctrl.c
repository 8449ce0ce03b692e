// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: control ring requests and the Toeplitz hash.
 *
 * Input: a series of records, each one byte of queue count, a 16-byte
 * control request and up to 64 bytes of "granted" data the request may
 * copy.  The hash state is carried from one request to the next, as in
 * the backend.  After each request the state must still be one the
 * backend can use (known algorithm and flags, table within bounds, every
 * committed entry a queue that existed), the response must echo the
 * request and have a defined status, and a refused request must leave
 * the state as it was.  The Toeplitz hash is compared against a plain
 * bit-by-bit statement of its definition.
 */
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

#define REC_DATA	64

/* Key bit @i (MSB of key[0] first), zero past the key. */
static unsigned int key_bit(const u8 *key, unsigned int len, unsigned int i)
{
	return i / 8 < len ? (key[i / 8] >> (7 - i % 8)) & 1 : 0;
}

static u32 toeplitz_ref(const u8 *key, unsigned int klen, const u8 *d,
			unsigned int len)
{
	unsigned int i, j;
	u32 hash = 0, w;

	for (i = 0; i < len * 8; i++) {
		if (!((d[i / 8] >> (7 - i % 8)) & 1))
			continue;
		for (w = 0, j = 0; j < 32; j++)
			w = (w << 1) | key_bit(key, klen, i + j);
		hash ^= w;
	}
	return hash;
}

static void state_ok(const struct xnif_hash_state *h)
{
	FUZZ_ASSERT(h->alg == XNIF_CTRL_HASH_ALGORITHM_NONE ||
		    h->alg == XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ);
	FUZZ_ASSERT(!(h->flags & ~XNIF_CTRL_HASH_TYPE_KNOWN));
	FUZZ_ASSERT(h->size <= XNIF_HASH_MAPPING_MAX);
}

static void one(struct xnif_hash_state *h, const u8 *rec, size_t len)
{
	struct xnif_hash_state before = *h;
	struct xnif_ctrl_request req;
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_copy copy = { 0, 0, 0 };
	enum xnif_ctrl_action act;
	unsigned int nq = rec[0] % 9, i, q;
	u32 entries[REC_DATA / 4];
	const u8 *data = rec + 1 + sizeof(req);
	size_t dlen = len - 1 - sizeof(req);

	memcpy(&req, rec + 1, sizeof(req));
	act = xnif_ctrl_handle(h, &req, &rsp, &copy);
	FUZZ_ASSERT(rsp.id == req.id && rsp.type == req.type);
	FUZZ_ASSERT(rsp.status <= XNIF_CTRL_STATUS_BUFFER_OVERFLOW);
	if (req.type == XNIF_CTRL_TYPE_INVALID ||
	    req.type >= XNIF_CTRL_TYPE_MAX)
		FUZZ_ASSERT(rsp.status == XNIF_CTRL_STATUS_NOT_SUPPORTED);
	if (act == XNIF_CTRL_DONE) {
		FUZZ_ASSERT(rsp.status == XNIF_CTRL_STATUS_SUCCESS ||
			    !memcmp(h, &before, sizeof(*h)));
		state_ok(h);
		return;
	}
	FUZZ_ASSERT(rsp.status == XNIF_CTRL_STATUS_SUCCESS);
	FUZZ_ASSERT(!memcmp(h, &before, sizeof(*h)));
	if (act == XNIF_CTRL_COPY_KEY) {
		FUZZ_ASSERT(copy.len <= XNIF_HASH_KEY_SIZE);
		if (copy.len > dlen)
			return;		/* the grant copy failed */
		FUZZ_ASSERT(xnif_ctrl_set_key(h, data, copy.len) ==
			    XNIF_CTRL_STATUS_SUCCESS);
		FUZZ_ASSERT(!memcmp(h->key, data, copy.len));
		for (i = copy.len; i < XNIF_HASH_KEY_SIZE; i++)
			FUZZ_ASSERT(!h->key[i]);
		return;
	}
	FUZZ_ASSERT(act == XNIF_CTRL_COPY_MAPPING);
	FUZZ_ASSERT(copy.len % 4 == 0);
	FUZZ_ASSERT(copy.first + copy.len / 4 <= h->size);
	if (copy.len > dlen)
		return;
	memcpy(entries, data, copy.len);
	if (xnif_ctrl_set_mapping(h, entries, copy.len / 4, copy.first, nq) ==
	    XNIF_CTRL_STATUS_SUCCESS) {
		for (i = 0; i < copy.len / 4; i++)
			FUZZ_ASSERT(h->mapping[copy.first + i] < nq);
	} else {
		FUZZ_ASSERT(!memcmp(h, &before, sizeof(*h)));
	}
	state_ok(h);
	if (nq) {
		q = xnif_hash_queue(h, entries[0] ^ copy.first, nq);
		FUZZ_ASSERT(q < nq);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const size_t rec = 1 + sizeof(struct xnif_ctrl_request) + REC_DATA;
	struct xnif_hash_state h;
	u8 in[36];

	xnif_hash_reset(&h);
	while (size >= 1 + sizeof(struct xnif_ctrl_request)) {
		size_t len = size < rec ? size : rec;

		one(&h, data, len);
		data += len;
		size -= len;
	}
	/* the hash under whatever key the requests left */
	memset(in, 0, sizeof(in));
	memcpy(in, data, size < sizeof(in) ? size : sizeof(in));
	FUZZ_ASSERT(xnif_toeplitz(h.key, sizeof(h.key), in, sizeof(in)) ==
		    toeplitz_ref(h.key, sizeof(h.key), in, sizeof(in)));
	FUZZ_ASSERT(xnif_toeplitz(h.key, 7, in, 12) ==
		    toeplitz_ref(h.key, 7, in, 12));
	return 0;
}
