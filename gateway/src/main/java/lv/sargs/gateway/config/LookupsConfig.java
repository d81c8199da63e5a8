package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Register lookups: the registers connected, the RSA key on the token the encrypted stores' keys are
 * derived from, the cache's bounds, each register part's freshness and fee, and how often change
 * feeds are read for the watchlist.
 *
 * @param registers per {@code source.dataClass} (e.g. {@code viss.legal-entity}) its freshness and fee
 */
public record LookupsConfig(Optional<VissUpstreamConfig> viss, Optional<FprUpstreamConfig> fpr, String storageKeyLabel,
                            int maxEntries, int hotEntries, Map<String, RegisterTerms> registers,
                            Duration changeFeedInterval) {

    public LookupsConfig {
        registers = Map.copyOf(registers);
    }

    /**
     * How long one register part's answers stay fresh, how long a "not found" is believed, how long
     * past freshness an answer may be served when the register fails, and what one call costs.
     */
    public record RegisterTerms(Duration ttl, Duration notFoundTtl, Duration staleIfError, long feeCents) {
    }
}
