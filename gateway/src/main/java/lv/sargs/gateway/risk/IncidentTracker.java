package lv.sargs.gateway.risk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusListener;
import org.tinylog.Logger;

/**
 * Opens a DORA ICT incident when a critical service — lookups (VISS, FPR), payments (eKase, the
 * Treasury store) or statistics delivery — has a component down or degraded for longer than
 * {@code incidentAfter}, and closes it when every component of the service is OK again, counting
 * meanwhile the clients and requests that failed and the downtime (time FAILED).
 */
public final class IncidentTracker implements StatusListener {

    /** Which critical service each status component serves. */
    static final Map<String, String> SERVICES = Map.of("upstream.viss", "lookups", "upstream.fpr", "lookups",
            "lookups", "lookups", "treasury", "payments", "upstream.ekase", "payments",
            "statistics", "statistics delivery");

    /** A component's state since {@code since}, out of order (not OK) since {@code outSince}, or null while OK. */
    private record Watch(State state, Instant since, Instant outSince, String reason) {
    }

    private record Change(String component, State state, String reason, Instant at) {
    }

    private final RiskLog log;
    private final Alarms alarms;
    private final RiskSettings settings;
    private final Clock clock;
    private final Map<String, Watch> components = new HashMap<>();
    private final Map<String, Duration> downtime = new HashMap<>();
    private final Map<String, Instant> downSince = new HashMap<>();
    private final Map<String, Set<String>> clients = new HashMap<>();
    private final Map<String, Long> transactions = new HashMap<>();
    private final Map<String, String> open = new HashMap<>();
    // Filled on reporting threads (event loops among them), drained by tick on the monitor's thread.
    private final java.util.concurrent.ConcurrentLinkedQueue<Change> changes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<Change> failedClients = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long nextId;

    IncidentTracker(RiskLog log, Alarms alarms, RiskSettings settings, Clock clock) {
        this.log = log;
        this.alarms = alarms;
        this.settings = settings;
        this.clock = clock;
        this.nextId = log.incidents().size();
        for (Incident i : log.incidents()) {
            if (i.ended().isEmpty()) {
                // Still open at the last stop or crash: it goes on; recovery closes it.
                open.put(i.service(), i.id());
                downtime.put(i.service(), i.downtime());
                clients.put(i.service(), new HashSet<>(i.clients()));
                transactions.put(i.service(), i.transactions());
            }
        }
    }

    @Override
    public void changed(ComponentStatus previous, ComponentStatus current) {
        if (SERVICES.containsKey(current.name())) {
            changes.add(new Change(current.name(), current.state(), current.reason(), clock.instant()));
        }
    }

    /**
     * A request of {@code client} to {@code service} failed with a 5xx: counted once against the
     * service when a component of it is out of order then.
     */
    void failedFor(String client, String service) {
        failedClients.add(new Change(client, null, service, clock.instant()));
    }

    private void apply(Change change) {
        String service = SERVICES.get(change.component());
        Watch was = components.get(change.component());
        boolean wasDown = down(service);
        if (was == null || was.state() != change.state()) {
            // DEGRADED then FAILED is one outage: it started when the component first left OK.
            Instant outSince = change.state() == State.OK ? null
                    : was != null && was.outSince() != null ? was.outSince() : change.at();
            components.put(change.component(), new Watch(change.state(), change.at(), outSince, change.reason()));
        }
        // Downtime is the time some component of the service was FAILED: two at once count once.
        boolean isDown = down(service);
        if (!wasDown && isDown) {
            downSince.put(service, change.at());
        } else if (wasDown && !isDown) {
            downtime.merge(service, Duration.between(downSince.remove(service), change.at()), Duration::plus);
        }
    }

    private boolean down(String service) {
        for (Map.Entry<String, Watch> c : components.entrySet()) {
            if (c.getValue().state() == State.FAILED && service.equals(SERVICES.get(c.getKey()))) {
                return true;
            }
        }
        return false;
    }

    private void countFailed(String client, String service) {
        // One failed request is one transaction of its own service, however many of its components are out.
        for (Map.Entry<String, Watch> c : components.entrySet()) {
            if (c.getValue().state() != State.OK && service.equals(SERVICES.get(c.getKey()))) {
                clients.computeIfAbsent(service, s -> new HashSet<>()).add(client);
                transactions.merge(service, 1L, Long::sum);
                return;
            }
        }
    }

    /** Opens incidents past the threshold, updates open ones and closes recovered ones. */
    synchronized void tick(Instant now) throws IOException {
        // Status changes and failures in the order they came: a failure counts against what was out then.
        java.util.List<Change> pending = new java.util.ArrayList<>();
        for (Change c; (c = changes.poll()) != null; ) {
            pending.add(c);
        }
        for (Change c; (c = failedClients.poll()) != null; ) {
            pending.add(c);
        }
        pending.sort(java.util.Comparator.comparing(Change::at));
        for (Change c : pending) {
            if (c.state() == null) {
                countFailed(c.component(), c.reason());
            } else {
                apply(c);
            }
        }
        Set<String> services = new HashSet<>(SERVICES.values());
        for (String service : services) {
            Instant outSince = null;
            String reason = null;
            Set<String> affected = new HashSet<>();
            Instant downFrom = downSince.get(service);
            Duration ongoingDown = downFrom == null ? Duration.ZERO : Duration.between(downFrom, now);
            for (Map.Entry<String, Watch> c : components.entrySet()) {
                if (!service.equals(SERVICES.get(c.getKey())) || c.getValue().state() == State.OK) {
                    continue;
                }
                affected.add(c.getKey());
                if (outSince == null || c.getValue().outSince().isBefore(outSince)) {
                    outSince = c.getValue().outSince();
                    reason = c.getKey() + " " + c.getValue().state() + ": " + c.getValue().reason();
                }
            }
            String id = open.get(service);
            Duration down = downtime.getOrDefault(service, Duration.ZERO).plus(ongoingDown);
            if (id == null && outSince != null && !outSince.plus(settings.incidentAfter()).isAfter(now)) {
                String newId = String.format("INC-%d-%04d", now.atZone(ZoneOffset.UTC).getYear(), ++nextId);
                Incident i = new Incident(newId, service, affected, reason, outSince, now, Optional.empty(), down,
                        clients.getOrDefault(service, Set.of()), transactions.getOrDefault(service, 0L),
                        down.compareTo(settings.majorDowntime()) >= 0);
                log.put(i);
                open.put(service, newId);
                alarms.raise("incident." + service, newId + ": " + service + " out of order since " + outSince
                        + " (" + reason + "); initial report due " + i.initialReportDue());
            } else if (id != null) {
                Incident last = log.incidents().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                Set<String> components = new HashSet<>(last.components());
                components.addAll(affected);
                Optional<Instant> ended = outSince == null ? Optional.of(lastRecovery(service, now)) : Optional.empty();
                Incident i = new Incident(id, service, components, last.reason(), last.started(), last.classified(),
                        ended, down, clients.getOrDefault(service, Set.of()), transactions.getOrDefault(service, 0L),
                        last.major() || down.compareTo(settings.majorDowntime()) >= 0);
                if (!i.equals(last)) {
                    log.put(i);
                }
                if (ended.isPresent()) {
                    open.remove(service);
                    downtime.remove(service);
                    clients.remove(service);
                    transactions.remove(service);
                    alarms.clear("incident." + service);
                    Logger.info("incident {} closed: {} recovered after {} s", id, service,
                            i.duration(now).toSeconds());
                }
            } else if (outSince == null) {
                // Out of order for less than the threshold and recovered: no incident, nothing to keep.
                downtime.remove(service);
                clients.remove(service);
                transactions.remove(service);
            }
        }
    }

    private Instant lastRecovery(String service, Instant now) {
        Instant last = null;
        for (Map.Entry<String, Watch> c : components.entrySet()) {
            if (service.equals(SERVICES.get(c.getKey())) && (last == null || c.getValue().since().isAfter(last))) {
                last = c.getValue().since();
            }
        }
        return last == null ? now : last;
    }
}
