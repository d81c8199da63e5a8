package lv.sargs.gateway.upstream.core;

import lv.sargs.gateway.upstream.core.PoolSettings;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One upstream as the client needs it: a name for messages, metrics and status, the HTTPS base
 * URI, TLS, the pool, the circuit breaker and the retry policy.
 *
 * @param name a short name ({@code viss}, {@code fpr}); lower-case letters, digits and '-'
 * @param baseUri {@code https://host[:port][/prefix]}; request paths are appended to it
 * @param tls trust, pins and the client key
 * @param pool the connection pool
 * @param breaker the circuit breaker
 * @param retry retries of idempotent calls
 */
public record UpstreamSettings(String name, URI baseUri, UpstreamTls tls, PoolSettings pool,
                               BreakerSettings breaker, RetryPolicy retry) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public UpstreamSettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstream.name: '" + name
                    + "' (expected: lower-case letters, digits, '-', at most 32)");
        }
        if (baseUri == null || !"https".equals(baseUri.getScheme()) || baseUri.getHost() == null
                || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null || baseUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("upstreams." + name + ".baseUri: " + baseUri
                    + " (expected: https://host[:port][/prefix], no query, fragment or user info)");
        }
    }

    /** The host to connect to and to verify the server certificate against. */
    public String host() {
        String host = baseUri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT);
    }

    /** The port, 443 unless the URI names one. */
    public int port() {
        return baseUri.getPort() == -1 ? 443 : baseUri.getPort();
    }

    /** The path prefix without a trailing slash, possibly empty. */
    public String pathPrefix() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The value of the {@code Host} header. */
    public String hostHeader() {
        return baseUri.getPort() == -1 ? baseUri.getHost() : baseUri.getHost() + ":" + baseUri.getPort();
    }
}
