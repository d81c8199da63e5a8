package lv.sargs.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Treasury payments and account reports through eKase: how eKase is reached and as whom, the RSA
 * key on the token the payment store's key is derived from, which client roles give view or
 * manage mode, and the submitter's and XML parser's bounds.
 *
 * @param ekase the eKase connection
 * @param storageKeyLabel the RSA key on the token the encrypted payment store's key is derived from
 * @param viewRoles client roles giving view mode ({@code roles.view})
 * @param manageRoles client roles giving manage mode ({@code roles.manage})
 * @param pollInterval how often the status of a sent payment is asked
 * @param retryMin the first wait after a failed exchange, doubling per failure
 * @param retryMax the longest wait between retries and polls
 * @param requestThreads threads serving client requests
 * @param requestQueue requests waiting for those threads before 503
 * @param xml bounds of every pain/camt document parsed
 */
public record TreasuryConfig(Ekase ekase, String storageKeyLabel, Set<String> viewRoles, Set<String> manageRoles,
                             Duration pollInterval, Duration retryMin, Duration retryMax, int requestThreads,
                             int requestQueue, Xml xml) {

    public TreasuryConfig {
        viewRoles = Set.copyOf(viewRoles);
        manageRoles = Set.copyOf(manageRoles);
    }

    /** The mode the Treasury registered the gateway's eKase user in. */
    public enum Mode { VIEW, MANAGE }

    /**
     * How the gateway reaches eKase over mutual TLS and logs in; the password is a source read at
     * start, never kept in the config.
     */
    public record Ekase(URI baseUri, Path trustedCa, String clientKeyLabel, Path clientKeyChain, String user,
                        SecretSource password, Mode mode, Duration connectTimeout, Duration requestTimeout) {
    }

    /** Bounds of one XML document: bytes, nesting depth, elements, attributes per element. */
    public record Xml(int maxBytes, int maxDepth, int maxElements, int maxAttributes) {
    }
}
