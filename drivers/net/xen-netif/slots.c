// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counting ring slots.  One slot carries data from at most one 4 KiB grant
 * page, so a buffer needs one slot per grant page it touches.
 */
#include <linux/types.h>

#include <xen-netif/xnif.h>

/**
 * xnif_buf_slots - slots needed for one buffer
 * @offset: where the buffer starts; only the offset within a grant page
 *          matters, so a larger offset into a compound page is fine
 * @len: bytes in the buffer
 *
 * Return: grant pages touched by [@offset, @offset + @len); 0 for @len 0.
 */
unsigned int xnif_buf_slots(u32 offset, u32 len)
{
	u64 end;

	if (!len)
		return 0;
	end = (u64)(offset & (XNIF_PAGE_SIZE - 1)) + len;
	return (end + XNIF_PAGE_SIZE - 1) >> XNIF_PAGE_SHIFT;
}

/**
 * xnif_frags_slots - slots needed for a list of buffers
 * @frags: the buffers, e.g. an skb's linear part followed by its frags
 * @nr: number of entries in @frags
 *
 * Return: the sum of xnif_buf_slots() over @frags, saturated at UINT_MAX.
 */
unsigned int xnif_frags_slots(const struct xnif_frag *frags, unsigned int nr)
{
	unsigned int i, slots = 0;

	for (i = 0; i < nr; i++) {
		unsigned int n = xnif_buf_slots(frags[i].offset, frags[i].len);

		if (n > ~0U - slots)
			return ~0U;
		slots += n;
	}
	return slots;
}

/**
 * xnif_frags_fit - do the buffers fit in a packet of at most @max_slots?
 * @frags: the buffers
 * @nr: number of entries in @frags
 * @max_slots: slot limit, e.g. XNIF_NR_SLOTS_MIN
 *
 * Stops counting as soon as the limit is passed.
 *
 * Return: true if xnif_frags_slots() would be at most @max_slots.
 */
bool xnif_frags_fit(const struct xnif_frag *frags, unsigned int nr,
		    unsigned int max_slots)
{
	unsigned int i, slots = 0;

	for (i = 0; i < nr; i++) {
		unsigned int n = xnif_buf_slots(frags[i].offset, frags[i].len);

		if (n > max_slots - slots)
			return false;
		slots += n;
	}
	return true;
}

/**
 * xnif_max_slots - worst-case slots for @len contiguous bytes
 * @len: bytes
 *
 * The worst case starts on the last byte of a page.  For 64 KiB this is
 * XNIF_MAX_SLOTS_64K (17).
 *
 * Return: the most grant pages @len bytes can touch; 0 for @len 0.
 */
unsigned int xnif_max_slots(u32 len)
{
	return xnif_buf_slots(XNIF_PAGE_SIZE - 1, len);
}
