package lv.sargs.bench.budget;

import java.io.IOException;

/** One timed lookup for the budget benchmarks: its time and outcome go to {@link AnswerTimes}. */
final class Lookups {

    private Lookups() {
    }

    /** Looks {@code regNo} up and records how long the answer took; a lookup without an answer counts as -1. */
    static int timed(BudgetRig rig, AnswerTimes times, String regNo, boolean fresh) throws InterruptedException {
        long start = System.nanoTime();
        try {
            int status = rig.company(regNo, fresh);
            times.record(System.nanoTime() - start, Integer.toString(status));
            return status;
        } catch (IOException e) {
            // The client's own timeout or a broken connection: worse than slow, and counted as such.
            times.record(System.nanoTime() - start, e.getClass().getSimpleName());
            return -1;
        }
    }
}
