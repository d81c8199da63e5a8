package lv.sargs.gateway.status;

/** How a component is doing, from best to worst; the overall state is the worst of all. */
public enum State {
    /** Working as intended. */
    OK,
    /** Working, but impaired: serving stale answers, a retrying upstream, a slow token. */
    DEGRADED,
    /** Not working; an operator must look. */
    FAILED;

    /** The worse of the two. */
    public State worst(State other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
