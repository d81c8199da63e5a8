package lv.sargs.provisioning.doctor;

/** Milliseconds since it was started: each check reports how long it took. */
final class Stopwatch {

    private final long start = System.nanoTime();

    static Stopwatch start() {
        return new Stopwatch();
    }

    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
