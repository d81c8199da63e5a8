package lv.sargs.provisioning.doctor;

/** Milliseconds since it was started, rounded up: each check reports how long it took. */
final class Stopwatch {

    private final long start = System.nanoTime();

    static Stopwatch start() {
        return new Stopwatch();
    }

    long millis() {
        // Rounded up, so a step that took 0.3 ms reads 1 ms: 0 means "not timed" to the report.
        return (System.nanoTime() - start + 999_999) / 1_000_000;
    }
}
