package lv.sargs.gateway.lookup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import lv.sargs.gateway.metrics.Metrics;

/**
 * A process that charges {@code core-banking} 15 cents {@code args[1]} times in the fee store at
 * {@code args[0]}, says so once every charge is recorded, and waits to be killed.
 */
final class FeeSpendChild {

    private FeeSpendChild() {
    }

    public static void main(String[] args) throws Exception {
        FeeBudgets budgets = FeeBudgets.open(Path.of(args[0]), FeeBudgetsTest.KEY, Executors.newSingleThreadExecutor(),
                Clock.systemUTC(), new Metrics());
        int n = Integer.parseInt(args[1]);
        for (int i = 0; i < n; i++) {
            ((FeeBudgets.Charged) budgets.charge("core-banking", -1, 15)).recorded().join();
        }
        System.out.println("recorded " + budgets.spentToday("core-banking"));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
