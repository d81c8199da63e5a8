package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Register lookups: the registers connected, the RSA key on the token the encrypted stores' keys are
 * derived from, the cache's bounds, each register part's freshness and fee, and how often change
 * feeds are read for the watchlist.
 *
 * @param connected each connected register's own section by its name under {@code lookups} (e.g. {@code viss})
 * @param registers per {@link #termsKey part key} (e.g. {@code viss.legal-entity}) its freshness and fee
 */
public record LookupsConfig(Map<String, RegisterConfig> connected, String storageKeyLabel,
                            int maxEntries, int hotEntries, Map<String, RegisterTerms> registers,
                            Duration changeFeedInterval) {

    public LookupsConfig {
        connected = Map.copyOf(connected);
        registers = Map.copyOf(registers);
    }

    /**
     * The key of one register part under {@code lookups.registers}, {@code source.dataClass} (e.g.
     * {@code viss.legal-entity}); the only place that key is built.
     */
    public static String termsKey(String source, String dataClass) {
        return source + '.' + dataClass;
    }

    /** Register {@code name}'s section when it is connected and of {@code type}; empty when it is not configured. */
    public <T extends RegisterConfig> Optional<T> register(String name, Class<T> type) {
        return Optional.ofNullable(connected.get(name)).filter(type::isInstance).map(type::cast);
    }

    /**
     * How long one register part's answers stay fresh, how long a "not found" is believed, how long
     * past freshness an answer may be served when the register fails, and what one call costs.
     */
    public record RegisterTerms(Duration ttl, Duration notFoundTtl, Duration staleIfError, long feeCents) {
    }
}
