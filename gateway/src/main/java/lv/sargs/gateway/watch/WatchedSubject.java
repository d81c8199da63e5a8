package lv.sargs.gateway.watch;

import java.util.Objects;

/**
 * A subject the bank monitors: its kind ({@code company} or {@code person}) and its canonical
 * identifier; the list never leaves the appliance.
 */
public record WatchedSubject(String kind, String id) {

    public WatchedSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** The store key, also the cache-key suffix: {@code company:40003521600}. */
    public String key() {
        return kind + ':' + id;
    }

    static WatchedSubject fromKey(String key) {
        int colon = key.indexOf(':');
        return new WatchedSubject(key.substring(0, colon), key.substring(colon + 1));
    }
}
