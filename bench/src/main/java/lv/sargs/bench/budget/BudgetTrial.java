package lv.sargs.bench.budget;

import java.io.IOException;
import java.util.List;

/**
 * One budget benchmark's trial: the rig brought into its scenario with a warm connection pool, the
 * subjects to ask in turn, and every answer's time; {@link #close()} prints the summary, stops the
 * rig and fails the trial when any answer broke the budget.
 */
final class BudgetTrial implements AutoCloseable {

    private final String name;
    private final Scenario scenario;
    private final BudgetRig rig;
    private final List<String> subjects;
    private final AnswerTimes times = new AnswerTimes();

    private BudgetTrial(String name, Scenario scenario, BudgetRig rig, List<String> subjects) {
        this.name = name;
        this.scenario = scenario;
        this.rig = rig;
        this.subjects = subjects;
    }

    /** Starts a rig in {@code scenario} with {@code connections} open, and starts timing answers. */
    static BudgetTrial open(String name, Scenario scenario, int connections) throws Exception {
        BudgetRig rig = BudgetRig.start(scenario.ttl());
        try {
            List<String> subjects = scenario.prepare(rig);
            rig.warmConnections(connections);
            BudgetTrial trial = new BudgetTrial(name, scenario, rig, subjects);
            trial.times.start();
            return trial;
        } catch (Exception | Error e) {
            rig.close();
            throw e;
        }
    }

    /** How many subjects there are to ask. */
    int subjects() {
        return subjects.size();
    }

    /** Looks up subject number {@code i} (modulo their count) and records how long the answer took. */
    int lookup(int i) throws InterruptedException {
        return Lookups.timed(rig, times, subjects.get(Math.floorMod(i, subjects.size())), scenario.fresh());
    }

    /**
     * Prints the summary of every answer, stops the rig, and fails when any answer took longer than the budget.
     *
     * @throws IllegalStateException naming the scenario and the slowest answer, so that JMH ({@code -foe true}) exits non-zero
     */
    @Override
    public void close() throws IOException {
        System.out.println();
        System.out.println(times.summary(name));
        rig.close();
        times.check(name, BudgetRig.BUDGET);
    }
}
