package lv.sargs.gateway.upstream;

/**
 * Told each time an upstream's {@link UpstreamState.Health} changes; called on the upstream's
 * event loop, so it must return quickly and never block.
 */
@FunctionalInterface
public interface UpstreamStateListener {

    /** Receives the new state. */
    void onStateChange(UpstreamState state);
}
