package lv.sargs.bench.load;

/**
 * Prints one stream's result: statuses and errors, then the summary line (requests/s and latency
 * percentiles) and, given the gateway's pid, its CPU time per request. Scripts read the last two
 * lines (scripts/bench-nginx, scripts/bench-miss), so their order and wording stay as they are.
 */
final class LoadReport {

    private LoadReport() {
    }

    static void print(LoadOptions o, LoadRecorder measured, LoadRecorder warm, long cpuNanos) {
        long[] all = measured.sortedLatencies();
        int total = all.length;
        double rps = total / (double) measured.seconds;
        System.out.printf("%s: statuses %s; unexpected %d (expected %s), errors %d, reconnects %d; warm-up:"
                        + " unexpected %d, errors %d%s%n", o.name, measured.statuses(), measured.unexpected.get(),
                o.expect, measured.errors.get(), measured.reconnects.get(), warm.unexpected.get(), warm.errors.get(),
                o.targets.size() > 1 ? "; " + o.targets.size() + " distinct paths in turn" : "");
        System.out.printf("%s: %d connections, %d s: %d requests, %.0f req/s; latency p50 %.0f µs, p99 %.0f µs,"
                        + " p99.9 %.0f µs; non-200 %d, errors %d (warm-up %d requests)%n",
                o.url, o.connections, measured.seconds, total, rps, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
                measured.non200.get(), measured.errors.get(), warm.answers());
        if (cpuNanos > 0 && total > 0) {
            System.out.printf("gateway CPU (pid %d): %.1f µs per request, %.0f%% of one core%n", o.pid,
                    cpuNanos / 1000.0 / total, cpuNanos / 1e7 / measured.seconds);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1000.0;
    }
}
