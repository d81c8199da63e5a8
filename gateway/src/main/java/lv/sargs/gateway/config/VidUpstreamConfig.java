package lv.sargs.gateway.config;

import java.util.Map;

/**
 * The State Revenue Service (VID) taxpayer data, {@code lookups.vid}: the endpoint only — the
 * registered client certificate is the credential. VID's interface for banks is unconfirmed; this
 * section follows the sandbox's assumption and may gain keys when VID confirms it.
 */
public record VidUpstreamConfig(UpstreamEndpoint endpoint) implements RegisterConfig {

    /** Reads {@code lookups.vid}; null when it has problems (recorded on {@code s}). */
    static VidUpstreamConfig read(Section s, Map<String, String> environment) {
        int before = s.problemsCount();
        UpstreamEndpoint endpoint = LookupsReader.endpoint(s);
        s.end();
        return s.problemsCount() > before ? null : new VidUpstreamConfig(endpoint);
    }
}
