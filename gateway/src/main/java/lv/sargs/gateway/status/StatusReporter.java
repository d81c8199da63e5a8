package lv.sargs.gateway.status;

/** A component's handle into the {@link StatusModel}: the one way that component reports. */
public final class StatusReporter {

    private final StatusModel model;
    private final String name;

    StatusReporter(StatusModel model, String name) {
        this.model = model;
        this.name = name;
    }

    /** The component's name. */
    public String name() {
        return name;
    }

    /**
     * A figure that changes too often to be a reported change (e.g. the cache's entry count): read
     * afresh for every snapshot and appended to the reason, without a status change or a log line.
     */
    public void liveDetail(java.util.function.Supplier<String> detail) {
        model.liveDetail(name, detail);
    }

    public void ok(String reason) {
        model.report(name, State.OK, reason);
    }

    public void degraded(String reason) {
        model.report(name, State.DEGRADED, reason);
    }

    public void failed(String reason) {
        model.report(name, State.FAILED, reason);
    }

    /** Reports {@code state} with {@code reason}. */
    public void report(State state, String reason) {
        model.report(name, state, reason);
    }
}
