package lv.sargs.gateway.status;

/**
 * Told of every change of a component's state or reason, in order, on the reporting thread; it
 * must return quickly and must not block (it may run on a Netty event loop or the token's thread).
 */
@FunctionalInterface
public interface StatusListener {

    /**
     * @param previous the component's status before, or {@code null} when it was just registered
     * @param current its status now
     */
    void changed(ComponentStatus previous, ComponentStatus current);
}
