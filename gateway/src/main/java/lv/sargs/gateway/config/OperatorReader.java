package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the optional {@code operator} section; inside it every key of {@code alarms} is required. */
final class OperatorReader {

    OperatorConfig read(Section s) {
        OperatorConfig.Alarms alarms = s.required("alarms", "the alarm thresholds").flatMap(Node::section)
                .map(OperatorReader::alarms).orElse(null);
        Optional<OperatorConfig.Leds> leds = s.optional("leds").flatMap(Node::section).map(OperatorReader::leds);
        s.end();
        return alarms == null ? null : new OperatorConfig(alarms, leds);
    }

    private static OperatorConfig.Alarms alarms(Section s) {
        int before = s.problemsCount();
        Duration warning = s.required("certificateWarning", "how long before expiry a certificate warns, e.g. 30d")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofDays(1), Duration.ofDays(365)))).orElse(null);
        Duration critical = s.required("certificateCritical", "how long before expiry it is critical, e.g. 7d")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofHours(1), Duration.ofDays(365)))).orElse(null);
        Duration upstream = s.required("upstreamUnavailable", "how long an upstream may be unavailable, e.g. 5m")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(10), Duration.ofDays(1)))).orElse(null);
        Long minFree = s.required("dataDirectoryMinFree", "the free space below which the data directory alarms, e.g. 1GiB")
                .flatMap(n -> n.parse(t -> Units.size(t, 1L << 20, 1L << 40))).orElse(null);
        Duration skew = s.required("clockSkew", "the largest difference from an upstream's clock, e.g. 60s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(5), Duration.ofHours(1)))).orElse(null);
        Duration interval = s.required("checkInterval", "how often the detectors look, e.g. 30s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofHours(1)))).orElse(null);
        s.end();
        if (warning != null && critical != null && critical.compareTo(warning) >= 0) {
            s.problem("certificateCritical " + days(critical), "shorter than certificateWarning " + days(warning));
        }
        if (s.problemsCount() > before) {
            return null;
        }
        return new OperatorConfig.Alarms(warning, critical, upstream, minFree, skew, interval);
    }

    private static String days(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + "d" : Units.show(d);
    }

    private static OperatorConfig.Leds leds(Section s) {
        Map<String, OperatorConfig.Pin> pins = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (String light : OperatorConfig.Leds.LIGHTS) {
            s.optional(light).flatMap(Node::section).ifPresent(p -> {
                Integer bcm = p.required("pin", "the BCM GPIO number 0-27").flatMap(n -> n.integer(0, 27)).orElse(null);
                Boolean low = p.required("active", "high or low").flatMap(n -> n.text().map(t -> switch (t) {
                    case "high" -> false;
                    case "low" -> true;
                    default -> {
                        n.problem("high (lit when the pin is high) or low (lit when it is low)");
                        yield null;
                    }
                })).orElse(null);
                p.end();
                if (bcm != null && !used.add(bcm)) {
                    p.problem("pin " + bcm, "a pin no other light uses");
                } else if (bcm != null && low != null) {
                    pins.put(light, new OperatorConfig.Pin(bcm, low));
                }
            });
        }
        s.end();
        return new OperatorConfig.Leds(pins);
    }
}
