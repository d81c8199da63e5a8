package lv.sargs.gateway.upstream;

/**
 * Told the {@code Date} header of upstream responses, on the upstream's event loop: it must return
 * at once (the clock-skew alarm samples and compares, nothing more).
 */
@FunctionalInterface
public interface ServerDateListener {

    /** Receives the raw header value of a response from {@code upstream}. */
    void serverDate(String upstream, String date);

    /** Listens to nothing. */
    ServerDateListener NONE = (upstream, date) -> { };
}
