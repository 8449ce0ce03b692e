// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/ring.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

#include "tests.h"

/* Xen's ring sizing over our slots, at every size we use and at odd ones. */
static void ring_entries_macros(void)
{
	unsigned int pages;

	XT_EQ(XNIF_TX_RING_ENTRIES(1), 256);
	XT_EQ(XNIF_RX_RING_ENTRIES(1), 256);
	XT_EQ(XNIF_CTRL_RING_ENTRIES(1), 128);
	XT_EQ(XNIF_TX_RING_ENTRIES(2), 512);
	/* 3 pages: (12288 - 64) / 12 = 1018, rounded down to 512 */
	XT_EQ(XNIF_TX_RING_ENTRIES(3), 512);
	XT_EQ(XNIF_RX_RING_ENTRIES(16), 4096);
	XT_EQ(XNIF_CTRL_RING_ENTRIES(16), 2048);
	/* the largest power of two of slots that fits behind the header */
	for (pages = 1; pages <= XNIF_RING_MAX_PAGES; pages++) {
		unsigned int room = (pages * XNIF_PAGE_SIZE - 64) /
				    sizeof(union xnif_tx_sring_entry);
		unsigned int n = XNIF_TX_RING_ENTRIES(pages);

		XT_CHECK(xnif_ring_size_valid(n));
		XT_CHECK(n <= room && 2 * n > room);
	}
}

static void ring_size_valid(void)
{
	XT_CHECK(!xnif_ring_size_valid(0));
	XT_CHECK(xnif_ring_size_valid(1));
	XT_CHECK(xnif_ring_size_valid(2));
	XT_CHECK(xnif_ring_size_valid(256));
	XT_CHECK(!xnif_ring_size_valid(255));
	XT_CHECK(!xnif_ring_size_valid(257));
	XT_CHECK(!xnif_ring_size_valid(384));
	XT_CHECK(xnif_ring_size_valid(XNIF_RING_MAX_ENTRIES));
	XT_CHECK(!xnif_ring_size_valid(XNIF_RING_MAX_ENTRIES << 1));
	XT_CHECK(!xnif_ring_size_valid(~0U));
}

static void ring_slot_masks(void)
{
	XT_EQ(xnif_ring_slot(0, 256), 0);
	XT_EQ(xnif_ring_slot(255, 256), 255);
	XT_EQ(xnif_ring_slot(256, 256), 0);
	XT_EQ(xnif_ring_slot(0xFFFFFFFF, 256), 255);
	XT_EQ(xnif_ring_slot(0x12345, 128), 0x45);
	XT_EQ(xnif_ring_slot(7, 1), 0);
}

static void ring_free_requests(void)
{
	XT_EQ(xnif_ring_free_requests(0, 0, 256), 256);
	XT_EQ(xnif_ring_free_requests(10, 5, 256), 251);
	XT_EQ(xnif_ring_free_requests(261, 5, 256), 0);		/* full */
	XT_EQ(xnif_ring_free_requests(262, 5, 256), 0);		/* corrupt */
	XT_EQ(xnif_ring_free_requests(4, 5, 256), 0);		/* behind */
	/* across the u32 wrap: 0xFFFFFFF0 .. 3 is 19 in flight */
	XT_EQ(xnif_ring_free_requests(3, 0xFFFFFFF0, 256), 237);
	XT_EQ(xnif_ring_free_requests(0, 0, 100), 0);		/* bad size */
}

static void ring_unconsumed_requests_ok(void)
{
	/* nothing pending: the FE may fill the whole ring */
	XT_EQ(xnif_ring_unconsumed_requests(0, 0, 0, 256), 0);
	XT_EQ(xnif_ring_unconsumed_requests(256, 0, 0, 256), 256);
	/* 6 consumed but unanswered: 250 new at most */
	XT_EQ(xnif_ring_unconsumed_requests(260, 10, 4, 256), 250);
	XT_EQ(xnif_ring_unconsumed_requests(12, 10, 4, 256), 2);
	/* across the wrap */
	XT_EQ(xnif_ring_unconsumed_requests(0x10, 0xFFFFFFF0, 0xFFFFFFF0,
					    256), 0x20);
}

static void ring_unconsumed_requests_rogue(void)
{
	/* one past the slots that are free */
	XT_EQ(xnif_ring_unconsumed_requests(257, 0, 0, 256), -EPROTO);
	XT_EQ(xnif_ring_unconsumed_requests(261, 10, 4, 256), -EPROTO);
	/* producer moved backwards, behind our consumer */
	XT_EQ(xnif_ring_unconsumed_requests(9, 10, 4, 256), -EPROTO);
	XT_EQ(xnif_ring_unconsumed_requests(3, 10, 4, 256), -EPROTO);
	XT_EQ(xnif_ring_unconsumed_requests(0x80000000, 0, 0, 256),
	      -EPROTO);
}

static void ring_unconsumed_requests_own_bug(void)
{
	/* more answered than consumed, or more pending than the ring */
	XT_EQ(xnif_ring_unconsumed_requests(10, 10, 11, 256), -EINVAL);
	XT_EQ(xnif_ring_unconsumed_requests(300, 300, 43, 256), -EINVAL);
	XT_EQ(xnif_ring_unconsumed_requests(300, 300, 44, 256), 0);
	XT_EQ(xnif_ring_unconsumed_requests(0, 0, 0, 0), -EINVAL);
	XT_EQ(xnif_ring_unconsumed_requests(0, 0, 0, 200), -EINVAL);
}

static void ring_unconsumed_responses(void)
{
	XT_EQ(xnif_ring_unconsumed_responses(0, 0, 0, 256), 0);
	XT_EQ(xnif_ring_unconsumed_responses(5, 0, 10, 256), 5);
	XT_EQ(xnif_ring_unconsumed_responses(10, 0, 10, 256), 10);
	XT_EQ(xnif_ring_unconsumed_responses(256, 0, 256, 256), 256);
	/* answers to requests never made */
	XT_EQ(xnif_ring_unconsumed_responses(11, 0, 10, 256), -EPROTO);
	XT_EQ(xnif_ring_unconsumed_responses(1, 0, 0, 256), -EPROTO);
	/* producer moved back behind our consumer */
	XT_EQ(xnif_ring_unconsumed_responses(4, 5, 10, 256), -EPROTO);
	/* across the wrap */
	XT_EQ(xnif_ring_unconsumed_responses(2, 0xFFFFFFFE, 8, 256), 4);
	XT_EQ(xnif_ring_unconsumed_responses(9, 0xFFFFFFFE, 8, 256),
	      -EPROTO);
	/* our own counters inconsistent, or a bad size */
	XT_EQ(xnif_ring_unconsumed_responses(0, 0, 257, 256), -EINVAL);
	XT_EQ(xnif_ring_unconsumed_responses(0, 1, 0, 256), -EINVAL);
	XT_EQ(xnif_ring_unconsumed_responses(0, 0, 0, 3), -EINVAL);
}

/* XSA-391: the same producer signalled again and again is no work. */
static void ring_event_storm(void)
{
	u32 seen = 0;
	int i;

	/* 10 requests posted, one response, never consumed (device down) */
	XT_EQ(xnif_ring_event_check(1, 0, 10, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(seen, 1);
	for (i = 0; i < 1000; i++)
		XT_EQ(xnif_ring_event_check(1, 0, 10, 256, &seen),
		      XNIF_EVT_NONE);
	/* a real new response is work again */
	XT_EQ(xnif_ring_event_check(3, 0, 10, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(seen, 3);
	/* nothing at all */
	seen = 0;
	XT_EQ(xnif_ring_event_check(0, 0, 10, 256, &seen), XNIF_EVT_NONE);
}

/* A producer beyond the requests, or moved back, is never work. */
static void ring_event_rogue_producer(void)
{
	u32 seen = 0;
	int i;

	XT_EQ(xnif_ring_event_check(11, 0, 10, 256, &seen), XNIF_EVT_BAD);
	XT_EQ(xnif_ring_event_check(0x80000000u, 0, 10, 256, &seen),
	      XNIF_EVT_BAD);
	XT_EQ(seen, 0);
	/* bound race: responses before any request */
	XT_EQ(xnif_ring_event_check(1, 0, 0, 256, &seen), XNIF_EVT_BAD);
	/* backwards: seen 5, producer 4 (still ahead of the consumer) */
	XT_EQ(xnif_ring_event_check(5, 2, 10, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(xnif_ring_event_check(4, 2, 10, 256, &seen), XNIF_EVT_BAD);
	XT_EQ(seen, 5);
	/* flipping between two values earns one credited event, not half */
	seen = 0;
	XT_EQ(xnif_ring_event_check(2, 0, 10, 256, &seen), XNIF_EVT_NEW);
	for (i = 0; i < 100; i++) {
		XT_EQ(xnif_ring_event_check(1, 0, 10, 256, &seen),
		      XNIF_EVT_BAD);
		XT_EQ(xnif_ring_event_check(2, 0, 10, 256, &seen),
		      XNIF_EVT_NONE);
	}
	/* across the wrap of the free-running indexes */
	seen = 0xFFFFFFF0u;
	XT_EQ(xnif_ring_event_check(0xFFFFFFF0u, 0xFFFFFFF0u, 8, 256, &seen),
	      XNIF_EVT_NONE);
	XT_EQ(xnif_ring_event_check(4, 0xFFFFFFF0u, 8, 256, &seen),
	      XNIF_EVT_NEW);
	XT_EQ(seen, 4);
	XT_EQ(xnif_ring_event_check(9, 0xFFFFFFF0u, 8, 256, &seen),
	      XNIF_EVT_BAD);
}

/* The consumer took responses before their event came (NAPI already
 * polling, or the xmit path reaping TX): that event is still work, once;
 * the same producer signalled again is not.
 */
static void ring_event_consumer_ahead(void)
{
	u32 seen = 3;
	int i;

	XT_EQ(xnif_ring_event_check(8, 8, 20, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(seen, 8);
	for (i = 0; i < 100; i++)
		XT_EQ(xnif_ring_event_check(8, 8, 20, 256, &seen),
		      XNIF_EVT_NONE);
	XT_EQ(xnif_ring_event_check(9, 8, 20, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(seen, 9);
	/* consumed up to the producer again before the next event */
	XT_EQ(xnif_ring_event_check(12, 12, 20, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(xnif_ring_event_check(12, 12, 20, 256, &seen), XNIF_EVT_NONE);
	/* a bad producer is bad whatever the consumer passed */
	seen = 3;
	XT_EQ(xnif_ring_event_check(25, 8, 20, 256, &seen), XNIF_EVT_BAD);
	XT_EQ(xnif_ring_event_check(7, 8, 20, 256, &seen), XNIF_EVT_BAD);
	XT_EQ(seen, 3);
	/* passed across the wrap of the free-running indexes */
	seen = 0xFFFFFFF8u;
	XT_EQ(xnif_ring_event_check(6, 4, 10, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(seen, 6);
	XT_EQ(xnif_ring_event_check(6, 6, 10, 256, &seen), XNIF_EVT_NONE);
	/* a seen beyond the requests (stored in a race) earns nothing */
	seen = 30;
	XT_EQ(xnif_ring_event_check(8, 8, 20, 256, &seen), XNIF_EVT_NONE);
	XT_EQ(xnif_ring_event_check(9, 8, 20, 256, &seen), XNIF_EVT_NEW);
	/* inconsistent own counters (raced): counted, not judged */
	seen = 0;
	XT_EQ(xnif_ring_event_check(5, 0, 300, 256, &seen), XNIF_EVT_NEW);
	XT_EQ(xnif_ring_event_check(5, 0, 10, 0, &seen), XNIF_EVT_NEW);
}

const struct xt_test ring_tests[] = {
	XT_TEST(ring_entries_macros),
	XT_TEST(ring_size_valid),
	XT_TEST(ring_slot_masks),
	XT_TEST(ring_free_requests),
	XT_TEST(ring_unconsumed_requests_ok),
	XT_TEST(ring_unconsumed_requests_rogue),
	XT_TEST(ring_unconsumed_requests_own_bug),
	XT_TEST(ring_unconsumed_responses),
	XT_TEST(ring_event_storm),
	XT_TEST(ring_event_rogue_producer),
	XT_TEST(ring_event_consumer_ahead),
	XT_END
};
