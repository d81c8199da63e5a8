package lv.sargs.sandbox.fpr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.sandbox.server.RegisteredClient;

/**
 * How the population register simulator behaves.
 *
 * @param permission the {@code X-DAGR-Permission} number every call must carry
 * @param tokenLifetime how long a security token is valid
 * @param clients the registered clients (id, secret, certificate)
 */
public record FprOptions(String permission, Duration tokenLifetime, List<RegisteredClient> clients) {

    public FprOptions {
        clients = List.copyOf(clients);
        if (permission == null || permission.isBlank()) {
            throw new IllegalArgumentException("fpr.permission: " + permission + " (expected: a permission number)");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("fpr.tokenLifetime: " + tokenLifetime + " (expected: positive)");
        }
    }

    /** Permission {@code 2024-FPR-0042}, one-hour tokens, no clients yet. */
    public static FprOptions defaults() {
        return new FprOptions("2024-FPR-0042", Duration.ofHours(1), List.of());
    }

    /** A copy with another permission number. */
    public FprOptions withPermission(String value) {
        return new FprOptions(value, tokenLifetime, clients);
    }

    /** A copy with another token lifetime. */
    public FprOptions withTokenLifetime(Duration value) {
        return new FprOptions(permission, value, clients);
    }

    /** A copy with one more registered client. */
    public FprOptions withClient(RegisteredClient client) {
        List<RegisteredClient> more = new ArrayList<>(clients);
        more.add(client);
        return new FprOptions(permission, tokenLifetime, more);
    }
}
