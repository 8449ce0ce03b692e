// SPDX-License-Identifier: GPL-2.0-only
/*
 * User-space unit tests for the pure helpers in drivers/net/xen-netif/,
 * built unchanged against the shim headers in include/.  Output is TAP.
 */
#include "tests.h"

static const struct xt_test *const groups[] = {
	wire_tests,
	ring_tests,
	slots_tests,
	tx_tests,
	rx_tests,
	xenstore_tests,
	staging_tests,
	order_tests,
	ctrl_tests,
	ctrlfe_tests,
	copy_tests,
	txcopy_tests,
	txslot_tests,
	gref_tests,
	param_tests,
};

int main(void)
{
	return xt_run(groups, sizeof(groups) / sizeof(groups[0]));
}
