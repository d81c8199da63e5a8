package lv.sargs.sandbox.viss;

import java.time.Duration;
import java.util.List;
import lv.sargs.sandbox.server.RegisteredClient;

/**
 * How the VISS simulator behaves.
 *
 * @param audience the {@code aud} a client assertion must carry, compared exactly (case-sensitive)
 * @param tokenLifetime how long an access token is valid
 * @param ratePermits calls each client may make per {@code rateWindow} before 429
 * @param rateWindow the rate-limit window
 * @param clients the registered applications
 */
public record VissOptions(String audience, Duration tokenLifetime, int ratePermits, Duration rateWindow,
                          List<RegisteredClient> clients) {

    /** The test gateway's audience (docs/protocols.md §1). */
    public static final String TEST_AUDIENCE = "https://ha.vraa.gov.lv/STS/VISS.Pfas.STS/oauth2/token";

    /** The production audience (docs/protocols.md §1). */
    public static final String PRODUCTION_AUDIENCE = "https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token";

    public VissOptions {
        clients = List.copyOf(clients);
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("viss.tokenLifetime: " + tokenLifetime + " (expected: positive)");
        }
    }

    /** The test audience, one-hour tokens, 100 calls a second per client, no clients yet. */
    public static VissOptions defaults() {
        return new VissOptions(TEST_AUDIENCE, Duration.ofHours(1), 100, Duration.ofSeconds(1), List.of());
    }

    /** A copy with another audience. */
    public VissOptions withAudience(String value) {
        return new VissOptions(value, tokenLifetime, ratePermits, rateWindow, clients);
    }

    /** A copy with another token lifetime. */
    public VissOptions withTokenLifetime(Duration value) {
        return new VissOptions(audience, value, ratePermits, rateWindow, clients);
    }

    /** A copy with another rate limit. */
    public VissOptions withRateLimit(int permits, Duration window) {
        return new VissOptions(audience, tokenLifetime, permits, window, clients);
    }

    /** A copy with one more registered client. */
    public VissOptions withClient(RegisteredClient client) {
        List<RegisteredClient> more = new java.util.ArrayList<>(clients);
        more.add(client);
        return new VissOptions(audience, tokenLifetime, ratePermits, rateWindow, more);
    }
}
