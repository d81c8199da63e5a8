package lv.sargs.gateway.capability;

import lv.sargs.gateway.http.Router;

/**
 * One thing the gateway does for core systems (register lookups, Treasury, statistics): started
 * after the token and the data directory and before the client listener, it adds its routes,
 * reports its components into the status model, and is closed on stop before the token.
 */
public interface Capability extends AutoCloseable {

    /** A name for logs, e.g. {@code lookups}. */
    String name();

    /** Adds this capability's routes to the client listener's router. */
    void addRoutes(Router.Builder routes);

    /** Stops background work and closes stores; called once, off any event loop. */
    @Override
    void close();

    /** Closes each of {@code resources} that is not null; one failure is logged and does not stop the rest. */
    static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                org.tinylog.Logger.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
