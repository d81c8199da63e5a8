package lv.sargs.gateway.alarm;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.tls.PemCertificates;
import lv.sargs.gateway.tls.TlsSetupException;

/**
 * Watches the expiry of every certificate in the gateway's certificate files: per file, the one
 * that ends first raises {@code certificate.<setting>} as a WARNING inside the warning period and
 * CRITICAL inside the critical one or once expired; a file that cannot be read raises it CRITICAL.
 * Each certificate's remaining life is {@code sargs_certificate_expiry_seconds{setting,subject}}.
 */
public final class CertificateExpiry {

    static final String METRIC = "sargs_certificate_expiry_seconds";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final List<CertificateSource> sources;
    private final Duration warning;
    private final Duration critical;
    private final Clock clock;
    private final Alarms alarms;
    private final Metrics metrics;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    public CertificateExpiry(List<CertificateSource> sources, Duration warning, Duration critical, Clock clock,
                             Alarms alarms, Metrics metrics) {
        this.sources = List.copyOf(sources);
        this.warning = warning;
        this.critical = critical;
        this.clock = clock;
        this.alarms = alarms;
        this.metrics = metrics;
    }

    /** Alarm id for a setting. */
    public static String alarmId(String setting) {
        return "certificate." + setting;
    }

    /** Reads every file again and raises, updates or clears its alarm; call off any event loop (file I/O). */
    public void check() {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (CertificateSource source : sources) {
            List<X509Certificate> certificates;
            try {
                certificates = PemCertificates.read(source.setting(), source.file());
            } catch (TlsSetupException e) {
                alarms.raise(alarmId(source.setting()), Severity.CRITICAL, e.getMessage(),
                        "Restore the file, or " + lowerFirst(source.renewal()));
                continue;
            }
            X509Certificate first = null;
            for (X509Certificate c : certificates) {
                String labels = Metrics.label("setting", source.setting()) + ","
                        + Metrics.label("subject", c.getSubjectX500Principal().getName());
                seen.add(labels);
                if (expiries.put(labels, c.getNotAfter().toInstant()) == null) {
                    metrics.gauge(METRIC, "Seconds until the certificate expires (negative once expired)", labels,
                            () -> seconds(labels));
                }
                if (first == null || c.getNotAfter().before(first.getNotAfter())) {
                    first = c;
                }
            }
            judge(source, first, now);
        }
        for (String labels : Set.copyOf(expiries.keySet())) {
            if (!seen.contains(labels)) {
                expiries.remove(labels);
                metrics.remove(METRIC, labels);
            }
        }
    }

    private void judge(CertificateSource source, X509Certificate c, Instant now) {
        Instant end = c.getNotAfter().toInstant();
        Duration left = Duration.between(now, end);
        String id = alarmId(source.setting());
        String who = c.getSubjectX500Principal().getName() + " in " + source.file() + " (" + source.setting() + ")";
        if (left.isNegative() || left.isZero()) {
            alarms.raise(id, Severity.CRITICAL, "The certificate " + who + " expired on " + DAY.format(end) + ".",
                    source.renewal());
        } else if (left.compareTo(critical) <= 0) {
            alarms.raise(id, Severity.CRITICAL, "The certificate " + who + " expires on " + DAY.format(end) + ", in "
                    + days(left) + ".", source.renewal());
        } else if (left.compareTo(warning) <= 0) {
            alarms.raise(id, Severity.WARNING, "The certificate " + who + " expires on " + DAY.format(end) + ", in "
                    + days(left) + ".", source.renewal());
        } else {
            alarms.clear(id);
        }
    }

    private double seconds(String labels) {
        Instant end = expiries.get(labels);
        return end == null ? Double.NaN : Duration.between(clock.instant(), end).toSeconds();
    }

    private static String days(Duration left) {
        long d = left.toDays();
        return d >= 1 ? d + (d == 1 ? " day" : " days") : left.toHours() + " h";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
