package lv.sargs.gateway.risk;

import lv.sargs.gateway.threads.ThreadPools;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.metrics.LatencyHistogram;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusReporter;
import org.tinylog.Logger;

/**
 * Classifies what the gateway sees into FKTK No. 125 operational-risk events and keeps the key risk
 * indicators: refused connections (4.2), purposes a client does not hold (4.4), register, eKase and
 * delivery failures (4.6), rejected payments and reports (4.7). Repeats of one source within the
 * quiet gap are one event with a count. Indicator counts per hour are in the register, so they do
 * not reset on restart; a breach raises an alarm and its own event. Runs on its own thread.
 */
public final class RiskMonitor implements AutoCloseable {

    /** The status component of the risk register. */
    public static final String COMPONENT = "risk";
    static final String REGISTER_FAILURES = "failedRegisterCalls";
    static final String PAYMENT_REJECTIONS = "paymentRejections";
    static final String REFUSALS = "refusals";
    /** The lookup p99 indicator's alarm and event name. */
    static final String LOOKUP_P99 = "kri.lookupP99Millis";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final Set<String> UNAUTHORISED = Set.of("allow-list", "client-not-declared",
            "client-outside-sources", "handshake-failed");

    private record Seen(RiskType type, String source, String service, String client, long transactions, Instant at) {
    }

    private final RiskLog log;
    private final Metrics metrics;
    private final StatusReporter status;
    private final Alarms alarms;
    private final RiskSettings settings;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Seen> observed = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, String> open = new HashMap<>();
    private final Map<String, Boolean> breached = new HashMap<>();
    private final IncidentTracker incidents;
    private final LatencyHistogram lookupLatency;
    // The lookup p99 window: its start and the histogram's counts then (in memory, like the histogram).
    private Instant p99WindowStart;
    private long[] p99WindowCounts;
    private ScheduledExecutorService timer;
    private long nextId;

    public RiskMonitor(RiskLog log, Metrics metrics, StatusReporter status, Alarms alarms, RiskSettings settings,
                       Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.status = status;
        this.alarms = alarms;
        this.settings = settings;
        this.clock = clock;
        this.nextId = log.events().size();
        for (RiskEvent e : log.events()) {
            if (!e.closed()) {
                open.put(key(e.type(), e.source(), e.service()), e.id());
            }
        }
        this.incidents = new IncidentTracker(log, alarms, settings, clock);
        this.lookupLatency = metrics.latencyHistogram(LatencyHistogram.LOOKUP_SECONDS, LatencyHistogram.LOOKUP_HELP, "");
    }

    /** The tracker of DORA incidents; register it as a status listener. */
    public IncidentTracker incidents() {
        return incidents;
    }

    /** Reads the audit trail's records for refusals and rejections (non-blocking). */
    public void observe(AuditRecord r) {
        Instant now = clock.instant();
        String client = r.client();
        if (r.event() == AuditEvent.CLIENT_REFUSED && "purpose-not-allowed".equals(r.outcome())) {
            observed.add(new Seen(RiskType.CLIENTS_PRODUCTS_PRACTICES, "purpose not held: " + r.purpose(), "lookups",
                    client, 1, now));
        } else if (r.event() == AuditEvent.PAYMENT_STATUS && "REJECTED".equals(r.outcome())) {
            observed.add(new Seen(RiskType.EXECUTION_DELIVERY, "payment rejected: " + r.details().getOrDefault(
                    "reason", "null"), "payments", client, 1, now));
        } else if (r.event() == AuditEvent.REPORT_SUBMITTED && "report-rejected".equals(r.outcome())) {
            observed.add(new Seen(RiskType.EXECUTION_DELIVERY, "report rejected for invalid data", "statistics", client,
                    1, now));
        } else if (r.event() == AuditEvent.REPORT_DELIVERED && "failed".equals(r.outcome())) {
            observed.add(new Seen(RiskType.BUSINESS_DISRUPTION, "statistics delivery failed", "statistics delivery",
                    null, 1, now));
        }
        String service = serviceOf(r.event());
        if (r.outcome() != null && r.outcome().startsWith("5") && client != null && service != null) {
            incidents.failedFor(client, service);
        }
    }

    /** The critical service a client's request of {@code event} belongs to, or null for none. */
    static String serviceOf(AuditEvent event) {
        return switch (event) {
            case LOOKUP -> "lookups";
            case PAYMENT_ACCEPTED, PAYMENT_SUBMITTED, PAYMENT_STATUS -> "payments";
            case REPORT_SUBMITTED, REPORT_DELIVERED, REPORT_REPLIED -> "statistics delivery";
            default -> null;
        };
    }

    /** Samples every {@code sampleInterval} on a thread of its own until closed. */
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(ThreadPools.threadFactory("risk", true));
        long every = settings.sampleInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            status.failed("the risk register cannot be written: " + e.getMessage());
            Logger.error("ALARM risk register: {}", e.getMessage());
        }
    }

    /** One round: counters sampled, observations aggregated, quiet events closed, indicators checked. */
    public synchronized void tick() throws IOException {
        Instant now = clock.instant();
        sampleCounters(now);
        Map<String, Long> hourly = new TreeMap<>(log.hours().getOrDefault(HOUR.format(now), Map.of()));
        long before = hourly.values().stream().mapToLong(Long::longValue).sum();
        for (Seen s; (s = observed.poll()) != null; ) {
            record(s);
            String indicator = indicator(s);
            if (indicator != null) {
                hourly.merge(indicator, s.transactions(), Long::sum);
            }
        }
        if (hourly.values().stream().mapToLong(Long::longValue).sum() != before) {
            log.putHour(HOUR.format(now), hourly);
        }
        for (RiskEvent e : log.events()) {
            if (!e.closed() && e.end().plus(settings.quietGap()).isBefore(now)) {
                log.put(e.closedNow());
                open.remove(key(e.type(), e.source(), e.service()));
            }
        }
        checkIndicators(now);
        incidents.tick(now);
        status.ok(log.events().size() + " risk events, " + log.incidents().size() + " incidents in the register");
    }

    private void sampleCounters(Instant now) {
        metrics.counters("sargs_connections_refused_total").forEach((labels, value) -> {
            String reason = label(labels, "reason");
            if (UNAUTHORISED.contains(reason)) {
                long delta = delta("refused|" + labels, value);
                if (delta > 0) {
                    observed.add(new Seen(RiskType.EXTERNAL_FRAUD, "connection refused: " + reason,
                            "listener." + label(labels, "listener"), null, delta, now));
                }
            }
        });
        metrics.counters("sargs_upstream_calls_total").forEach((labels, value) -> {
            String outcome = label(labels, "outcome");
            if (!"ok".equals(outcome)) {
                long delta = delta("upstream|" + labels, value);
                if (delta > 0) {
                    String upstream = label(labels, "upstream");
                    observed.add(new Seen(RiskType.BUSINESS_DISRUPTION, "upstream " + upstream + ": " + outcome,
                            "upstream." + upstream, null, delta, now));
                }
            }
        });
    }

    private long delta(String key, long value) {
        // Counters start at 0 with each process, so the first reading is all new.
        Long previous = lastSeen.put(key, value);
        return value - (previous == null ? 0 : previous);
    }

    private static String indicator(Seen s) {
        if (s.type() == RiskType.EXTERNAL_FRAUD) {
            return REFUSALS;
        }
        if (s.service().equals("upstream.viss") || s.service().equals("upstream.fpr")) {
            return REGISTER_FAILURES;
        }
        if (s.service().equals("payments") && s.type() == RiskType.EXECUTION_DELIVERY) {
            return PAYMENT_REJECTIONS;
        }
        return null;
    }

    private void record(Seen s) throws IOException {
        String key = key(s.type(), s.source(), s.service());
        String id = open.get(key);
        Set<String> clients = s.client() == null ? Set.of() : Set.of(s.client());
        if (id != null) {
            RiskEvent e = log.events().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            log.put(e.plus(s.at(), s.transactions(), clients, s.transactions()));
            return;
        }
        String newId = String.format("RE-%d-%06d", s.at().atZone(ZoneOffset.UTC).getYear(), ++nextId);
        RiskEvent e = new RiskEvent(newId, s.type(), s.source(), s.service(), s.at(), s.at(), s.transactions(),
                clients, s.transactions(), Optional.empty(), false);
        log.put(e);
        open.put(key, newId);
        Logger.warn("risk event {} ({} {}): {} on {}", newId, s.type().code(), s.type().title(), s.source(),
                s.service());
    }

    private void checkIndicators(Instant now) throws IOException {
        Map<String, Long> hour = log.hours().getOrDefault(HOUR.format(now), Map.of());
        String day = HOUR.format(now).substring(0, 10);
        long rejectionsToday = log.hours().entrySet().stream().filter(e -> e.getKey().startsWith(day))
                .mapToLong(e -> e.getValue().getOrDefault(PAYMENT_REJECTIONS, 0L)).sum();
        indicator("kri.failedRegisterCallsPerHour", hour.getOrDefault(REGISTER_FAILURES, 0L),
                settings.failedRegisterCallsPerHour(), RiskType.BUSINESS_DISRUPTION, "registers", now);
        indicator("kri.paymentRejectionsPerDay", rejectionsToday, settings.paymentRejectionsPerDay(),
                RiskType.EXECUTION_DELIVERY, "payments", now);
        indicator("kri.refusalsPerHour", hour.getOrDefault(REFUSALS, 0L), settings.refusalsPerHour(),
                RiskType.EXTERNAL_FRAUD, "listener.client", now);
        checkLookupP99(now);
    }

    /**
     * At the end of each window the p99 of the lookups answered in it against its base level, in
     * milliseconds (the bucket's upper bound, so a breach is never missed by rounding down); a
     * window without lookups is under the level.
     */
    private void checkLookupP99(Instant now) throws IOException {
        long[] counts = lookupLatency.snapshot();
        if (p99WindowStart == null) {
            p99WindowStart = now;
            p99WindowCounts = counts;
            return;
        }
        if (now.isBefore(p99WindowStart.plus(settings.lookupP99Window()))) {
            return;
        }
        long nanos = LatencyHistogram.quantileNanos(p99WindowCounts, counts, 0.99);
        long millis = nanos < 0 ? 0 : nanos == Long.MAX_VALUE ? Long.MAX_VALUE : (nanos + 999_999) / 1_000_000;
        indicator(LOOKUP_P99, millis, settings.lookupP99().toMillis(), RiskType.BUSINESS_DISRUPTION, "lookups", now);
        p99WindowStart = now;
        p99WindowCounts = counts;
    }

    private void indicator(String name, long value, long base, RiskType type, String service, Instant now)
            throws IOException {
        boolean over = value > base;
        boolean was = breached.getOrDefault(name, false);
        if (over && !was) {
            String reason = name + " is " + value + " (base level " + base + ")";
            alarms.raise(name, reason);
            record(new Seen(type, "KRI breach: " + name, service, null, 1, now));
        } else if (!over && was) {
            alarms.clear(name);
        }
        breached.put(name, over);
    }

    /** Events of the register, oldest first. */
    public List<RiskEvent> events() {
        return log.events();
    }

    private static String key(RiskType type, String source, String service) {
        return type.code() + '|' + source + '|' + service;
    }

    static String label(String labels, String name) {
        String start = name + "=\"";
        int i = labels.indexOf(start);
        if (i < 0) {
            return "";
        }
        int from = i + start.length();
        int end = labels.indexOf('"', from);
        return end < 0 ? "" : labels.substring(from, end);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            Logger.warn("risk register: last round not written: {}", e.getMessage());
        }
        try {
            log.close();
        } catch (IOException e) {
            Logger.warn("risk register did not close cleanly: {}", e.getMessage());
        }
    }
}
