# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the ab-* benchmarks.

# bench_run_passed LOG: true if the test bed run in LOG passed whole.  A
# run that failed or was cut short measured nothing worth keeping.
bench_run_passed() {
	grep -q '^testbed: [0-9]* passed, 0 failed' "$1" && return 0
	echo "$0: the test bed run did not pass whole; RESULTS.md left alone" >&2
	return 1
}
