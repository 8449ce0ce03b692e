// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counting ring slots.  One slot carries data from at most one 4 KiB grant
 * page, so a buffer needs one slot per grant page it touches.
 */
#include <linux/export.h>
#include <linux/math.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
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
	return DIV_ROUND_UP(end, XNIF_PAGE_SIZE);
}
EXPORT_SYMBOL_NS_GPL(xnif_buf_slots, XNIF_NS);
