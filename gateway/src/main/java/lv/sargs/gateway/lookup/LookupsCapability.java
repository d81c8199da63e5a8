package lv.sargs.gateway.lookup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import lv.sargs.gateway.metrics.LatencyHistogram;
import lv.sargs.gateway.capability.Capability;
import lv.sargs.gateway.capability.CapabilityContext;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.RefusalTally;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.watch.ChangeMonitor;
import lv.sargs.gateway.watch.ChangeSource;
import lv.sargs.gateway.watch.WatchStore;
import lv.sargs.gateway.watch.WatchedSubject;

/**
 * Register lookups as a gateway capability: opens the encrypted cache and watchlist with keys
 * derived on the token, connects the configured registers, serves the lookup, watchlist, change
 * and purge routes, follows the change feeds, and records every lookup in the audit trail.
 */
public final class LookupsCapability implements Capability {

    private final AnswerCache cache;
    private final WatchStore watch;
    private final AuditTrail audit;
    private final RegisterConnections registers;
    private final ChangeMonitor monitor;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor blocking;
    private final LookupRoutes lookups;
    private final WatchRoutes watchRoutes;
    private final FeeBudgets budgets;
    private final ThreadPoolExecutor feeWriter;
    private final RefusalTally feeRefusals;

    private LookupsCapability(AnswerCache cache, WatchStore watch, AuditTrail audit, RegisterConnections registers,
                              ChangeMonitor monitor, ScheduledExecutorService timer, ThreadPoolExecutor blocking,
                              LookupRoutes lookups, WatchRoutes watchRoutes, FeeBudgets budgets,
                              ThreadPoolExecutor feeWriter, RefusalTally feeRefusals) {
        this.budgets = budgets;
        this.feeWriter = feeWriter;
        this.feeRefusals = feeRefusals;
        this.cache = cache;
        this.watch = watch;
        this.audit = audit;
        this.registers = registers;
        this.monitor = monitor;
        this.timer = timer;
        this.blocking = blocking;
        this.lookups = lookups;
        this.watchRoutes = watchRoutes;
    }

    /** Starts lookups when the config has a {@code lookups} section; empty otherwise. */
    public static Optional<Capability> start(CapabilityContext c) throws StartupException {
        Optional<LookupsConfig> section = c.config().lookups();
        if (section.isEmpty()) {
            c.status().register("lookups", false, State.OK, "not configured (no lookups section)");
            return Optional.empty();
        }
        LookupsConfig config = section.get();
        var reporter = c.status().register("lookups", true, State.FAILED, "starting");
        Path data = c.dataDirectory();
        char[] cacheKey = c.storageKey("lookups.storageKeyLabel", config.storageKeyLabel(), "cache");
        char[] watchKey = c.storageKey("lookups.storageKeyLabel", config.storageKeyLabel(), "watch");
        char[] feesKey = c.storageKey("lookups.storageKeyLabel", config.storageKeyLabel(), "fees");
        FeeBudgets budgets = null;
        // One thread: the fee store's syncs are batched, never concurrent; the queue only holds wake-ups.
        ThreadPoolExecutor feeWriter = c.threads().pool("fee-ledger", 1, 1024);
        AnswerCache cache = null;
        WatchStore watch = null;
        AuditTrail audit = c.audit();
        RegisterConnections registers = null;
        ThreadPoolExecutor blocking = c.threads().pool("lookups-blocking", c.config().threads().lookups().threads(),
                c.config().threads().lookups().queue());
        ScheduledExecutorService timer = c.threads().scheduler("lookups-budget");
        try {
            cache = AnswerCache.open(data.resolve("cache.mv.db"), cacheKey, config.maxEntries(), config.hotEntries(),
                    10_000);
            watch = WatchStore.open(data.resolve("watch.mv.db"), watchKey);
            budgets = FeeBudgets.open(data.resolve("fees.mv.db"), feesKey, feeWriter,
                    Clock.systemUTC(), c.metrics());
            RefusalTally feeRefusals = new RefusalTally(audit, FEE_REFUSAL_WINDOW, System::currentTimeMillis);
            budgets.onRefusal(r -> feeRefusals.refused(r.client(), FeeBudgetExhaustedException.CODE, null, Map.of(
                    "day", r.day().toString(), "spentCents", Long.toString(r.spentCents()),
                    "budgetCents", Long.toString(r.budgetCents()))));
            timer.scheduleAtFixedRate(feeRefusals::flush, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
            List<Register> known = Registers.installed();
            registers = new RegisterConnections(known, config, c.token(),
                    new UpstreamRuntime(c.transport().workers(), c.transport().clientChannel(), blocking, c.metrics(),
                            c.serverDates()),
                    c.status(), c.metrics(), audit::keyUsed);
            LookupSections sections = new LookupSections(known, registers.connected);
            PartLookup parts = new PartLookup(cache, timer, System::currentTimeMillis, System::nanoTime, c.metrics(),
                    budgets);
            // Resolved once: the hit path only looks a part's freshness up.
            Map<RegisterPart, Freshness> freshness = new HashMap<>();
            sections.parts.forEach(p -> freshness.put(p, freshness(config.registers(), p)));
            SubjectLookup subjects = new SubjectLookup(parts, freshness::get, System::currentTimeMillis,
                    config.hotEntries());
            AuditTrail trail = audit;
            KeptPseudonyms subjectsAudited = new KeptPseudonyms(trail::subject, config.hotEntries());
            LookupRoutes routes = new LookupRoutes(subjects, sections.company, sections.person,
                    c.config().clientListener().limits().requestTimeout(),
                    new LookupAudit() {
                        @Override
                        public boolean record(String requestId, String client, String route, String kind, String id,
                                              String purpose, int status) {
                            // Built whole, not member by member: one details map per lookup instead of five.
                            return trail.record(new AuditRecord(AuditEvent.LOOKUP, requestId, client, purpose,
                                    status == 200 ? "200" : Integer.toString(status), subjectsAudited.of(kind, id),
                                    Map.of("route", route)));
                        }

                        @Override
                        public void purposeRefused(String requestId, String client, String route, String purpose) {
                            trail.record(AuditRecord.of(AuditEvent.CLIENT_REFUSED).withRequest(requestId, client)
                                    .withPurpose(purpose).withOutcome("purpose-not-allowed").with("route", route));
                        }
                    }, c.metrics().latencyHistogram(LatencyHistogram.LOOKUP_SECONDS,
                    LatencyHistogram.LOOKUP_HELP, ""));
            AnswerCache store = cache;
            java.util.function.Consumer<WatchedSubject> purge = subject -> {
                sections.parts.forEach(p -> store.purge(p.key().cacheKey(subject.id())));
                subjectsAudited.forget(subject.kind(), subject.id());
            };
            WatchRoutes watchRoutes = new WatchRoutes(watch, subject -> {
                purge.accept(subject);
                trail.record(AuditRecord.of(AuditEvent.PURGE).withSubject(trail.subject(subject.kind(), subject.id())));
            }, blocking, Clock.systemUTC());
            List<ChangeSource> feeds = new java.util.ArrayList<>();
            registers.connected.values().forEach(r -> r.changeFeed().ifPresent(feeds::add));
            // A watched subject changed in its register: purged, and recorded (no request, no client).
            ChangeMonitor monitor = new ChangeMonitor(watch, feeds, purge.andThen(subject -> trail.record(
                    AuditRecord.of(AuditEvent.WATCH_CHANGE).withOutcome("purged")
                            .withSubject(trail.subject(subject.kind(), subject.id())))),
                    c.threads().scheduler("change-feeds"));
            monitor.start(config.changeFeedInterval());
            reporter.ok("registers: " + String.join(" ", registers.connected.keySet()));
            // The count changes with every miss: read when the status is, not frozen at start.
            AnswerCache counted = cache;
            reporter.liveDetail(() -> "cache " + counted.size() + " entries");
            c.metrics().gauge("sargs_cache_entries", "Register answers in the cache.", "", cache::size);
            return Optional.of(new LookupsCapability(cache, watch, audit, registers, monitor, timer, blocking, routes,
                    watchRoutes, budgets, feeWriter, feeRefusals));
        } catch (RuntimeException e) {
            Capability.closeQuietly(registers, watch, cache, budgets);
            timer.shutdownNow();
            blocking.shutdownNow();
            feeWriter.shutdownNow();
            throw new StartupException(StartupException.Code.STORES, "lookups: " + e.getMessage(), e);
        } finally {
            Arrays.fill(cacheKey, '\0');
            Arrays.fill(watchKey, '\0');
            Arrays.fill(feesKey, '\0');
        }
    }

    @Override
    public String name() {
        return "lookups";
    }

    @Override
    public void addRoutes(Router.Builder routes) {
        lookups.addTo(routes);
        watchRoutes.addTo(routes);
    }

    @Override
    public void close() {
        monitor.close();
        timer.shutdownNow();
        blocking.shutdown();
        feeRefusals.close();
        feeWriter.shutdown();
        try {
            // The last fees queued are synced before the store closes.
            feeWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Capability.closeQuietly(registers, watch, cache, budgets);
    }

    /** Fee-budget refusals of one client are gathered this long into one audit record. */
    static final java.time.Duration FEE_REFUSAL_WINDOW = java.time.Duration.ofMinutes(1);

    private static Freshness freshness(Map<String, LookupsConfig.RegisterTerms> terms, RegisterPart part) {
        LookupsConfig.RegisterTerms t = terms.get(part.key().terms());
        return new Freshness(t.ttl(), t.notFoundTtl(), t.staleIfError());
    }


}
