package lv.sargs.gateway.stores;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVStore;

/**
 * The MVStore files this process holds open, by absolute path: each store registers when it opens
 * and leaves when it closes, so that an online backup copies them the way an open store must be
 * copied (the backup snapshot's StoreCopy) while the files it does not know are copied as they are.
 */
public final class OpenStores {

    private static final Map<Path, MVStore> OPEN = new ConcurrentHashMap<>();

    private OpenStores() {
    }

    /** Records that {@code store} holds {@code file} open. */
    public static void register(Path file, MVStore store) {
        OPEN.put(file.toAbsolutePath().normalize(), store);
    }

    /** Records that {@code store} is closed (or about to be). */
    public static void unregister(MVStore store) {
        OPEN.values().removeIf(s -> s == store);
    }

    /** The open stores whose files lie under {@code directory}, by absolute path, in path order. */
    public static Map<Path, MVStore> under(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Map<Path, MVStore> out = new TreeMap<>();
        OPEN.forEach((file, store) -> {
            if (file.startsWith(root) && !store.isClosed()) {
                out.put(file, store);
            }
        });
        return out;
    }
}
