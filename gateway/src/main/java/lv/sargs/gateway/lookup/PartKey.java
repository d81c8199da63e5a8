package lv.sargs.gateway.lookup;

import lv.sargs.gateway.config.LookupsConfig;

/**
 * The name of one register part — its register and data class — with the two keys derived from
 * it made once: its terms' key under {@code lookups.registers} and its cache keys' prefix.
 */
public final class PartKey {

    private final String source;
    private final String dataClass;
    private final String terms;
    private final String cachePrefix;

    /** The part {@code dataClass} (e.g. {@code legal-entity}) of register {@code source} (e.g. {@code viss}). */
    public PartKey(String source, String dataClass) {
        this.source = source;
        this.dataClass = dataClass;
        this.terms = LookupsConfig.termsKey(source, dataClass);
        this.cachePrefix = source + ':' + dataClass + ':';
    }

    /** The register, e.g. {@code viss}: a label in metrics and in answers. */
    public String source() {
        return source;
    }

    /** The data class, e.g. {@code legal-entity}. */
    public String dataClass() {
        return dataClass;
    }

    /** {@code source.dataClass}: the key of this part's fee and freshness under {@code lookups.registers}. */
    public String terms() {
        return terms;
    }

    /** The cache key of this part's answer about subject {@code id}. */
    public String cacheKey(String id) {
        return cachePrefix.concat(id);
    }

    @Override
    public String toString() {
        return terms;
    }
}
