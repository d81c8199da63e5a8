package lv.sargs.gateway.config;

/** Reads the optional {@code threads} section; each key left out takes the default the reference config shows. */
final class ThreadsReader {

    /** The event loops: one per CPU, at least two, so a busy loop never starves the other listener. */
    static final int EVENT_LOOPS = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final ThreadsConfig.Pool TLS_HANDSHAKES = new ThreadsConfig.Pool(4, 1024);
    static final ThreadsConfig.Pool LOOKUPS = new ThreadsConfig.Pool(2, 1024);
    static final ThreadsConfig.Pool EKASE = new ThreadsConfig.Pool(2, 64);

    private ThreadsReader() {
    }

    static ThreadsConfig read(Section s) {
        int before = s.problemsCount();
        Integer eventLoops = s.optional("eventLoops").map(n -> n.integer(1, 256).orElse(null)).orElse(EVENT_LOOPS);
        ThreadsConfig.Pool tls = pool(s, "tlsHandshakes", TLS_HANDSHAKES);
        ThreadsConfig.Pool lookups = pool(s, "lookups", LOOKUPS);
        ThreadsConfig.Pool ekase = pool(s, "ekase", EKASE);
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new ThreadsConfig(eventLoops, tls, lookups, ekase);
    }

    private static ThreadsConfig.Pool pool(Section s, String key, ThreadsConfig.Pool fallback) {
        return s.optional(key).map(node -> node.section().map(p -> {
            Integer threads = p.optional("threads").map(n -> n.integer(1, 256).orElse(null)).orElse(fallback.threads());
            Integer queue = p.optional("queue").map(n -> n.integer(1, 1_000_000).orElse(null)).orElse(fallback.queue());
            p.end();
            return threads == null || queue == null ? null : new ThreadsConfig.Pool(threads, queue);
        }).orElse(null)).orElse(fallback);
    }
}
