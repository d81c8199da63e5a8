package lv.sargs.gateway.admission;

import lv.sargs.gateway.metrics.Metrics;

/** The one counter family every admission refusal is counted in, labelled by listener and reason. */
final class Refusals {

    static final String METRIC = "sargs_connections_refused_total";
    static final String HELP = "Connections refused before a request was served, by listener and reason.";

    private Refusals() {
    }

    static Metrics.Counter counter(Metrics metrics, String listener, String reason) {
        return metrics.counter(METRIC, HELP, "listener=\"" + listener + "\",reason=\"" + reason + "\"");
    }
}
