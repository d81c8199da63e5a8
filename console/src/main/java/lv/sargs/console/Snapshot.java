package lv.sargs.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console shows at one refresh, read from {@code /v1/status} and {@code /metrics}: the
 * components, the open alarms, the certificates' remaining life, each upstream's calls, errors and
 * mean latency since start, and the refusals counted by reason.
 */
record Snapshot(String overall, boolean ready, List<Component> components, List<AlarmRow> alarms,
                List<Certificate> certificates, List<Upstream> upstreams, List<Refusal> refusals, Instant at) {

    record Component(String name, String state, Instant since, String reason) {
    }

    record AlarmRow(String id, String severity, Instant since, String meaning, String action, boolean acknowledged,
                    String by) {
    }

    record Certificate(String setting, String subject, double seconds) {
    }

    record Upstream(String name, String health, long ok, long failed, double meanSeconds) {
        double errorRate() {
            return ok + failed == 0 ? 0 : (double) failed / (ok + failed);
        }
    }

    record Refusal(String listener, String reason, long count) {
    }

    static Snapshot of(JsonNode status, String metrics, Instant at) {
        List<Component> components = new ArrayList<>();
        for (JsonNode c : status.path("components")) {
            components.add(new Component(c.path("name").asText(), c.path("state").asText(),
                    Instant.parse(c.path("since").asText()), c.path("reason").asText()));
        }
        List<AlarmRow> alarms = new ArrayList<>();
        for (JsonNode a : status.path("alarms")) {
            alarms.add(new AlarmRow(a.path("id").asText(), a.path("severity").asText(),
                    Instant.parse(a.path("since").asText()), a.path("meaning").asText(), a.path("action").asText(),
                    a.path("acknowledged").asBoolean(), a.path("acknowledgedBy").asText("")));
        }
        List<Certificate> certificates = new ArrayList<>();
        Map<String, long[]> calls = new LinkedHashMap<>();
        Map<String, double[]> latency = new LinkedHashMap<>();
        Map<String, String> health = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        for (MetricsText.Sample s : MetricsText.parse(metrics)) {
            switch (s.name()) {
                case "sargs_certificate_expiry_seconds" ->
                        certificates.add(new Certificate(s.label("setting"), s.label("subject"), s.value()));
                case "sargs_upstream_calls_total" -> {
                    long[] c = calls.computeIfAbsent(s.label("upstream"), u -> new long[2]);
                    c["ok".equals(s.label("outcome")) ? 0 : 1] += (long) s.value();
                }
                case "sargs_upstream_call_seconds_sum" ->
                        latency.computeIfAbsent(s.label("upstream"), u -> new double[2])[0] = s.value();
                case "sargs_upstream_call_seconds_count" ->
                        latency.computeIfAbsent(s.label("upstream"), u -> new double[2])[1] = s.value();
                case "sargs_upstream_health" -> health.put(s.label("upstream"),
                        switch ((int) s.value()) {
                            case 0 -> "UP";
                            case 1 -> "DEGRADED";
                            default -> "DOWN";
                        });
                case "sargs_connections_refused_total" -> {
                    if (s.value() > 0) {
                        refusals.add(new Refusal(s.label("listener"), s.label("reason"), (long) s.value()));
                    }
                }
                case "sargs_http_responses_total" -> {
                    if ("4xx".equals(s.label("class")) && s.value() > 0) {
                        refusals.add(new Refusal(s.label("listener"), "answered 4xx", (long) s.value()));
                    }
                }
                default -> {
                }
            }
        }
        List<Upstream> upstreams = new ArrayList<>();
        for (Map.Entry<String, long[]> e : calls.entrySet()) {
            double[] l = latency.getOrDefault(e.getKey(), new double[2]);
            upstreams.add(new Upstream(e.getKey(), health.getOrDefault(e.getKey(), "?"), e.getValue()[0],
                    e.getValue()[1], l[1] == 0 ? Double.NaN : l[0] / l[1]));
        }
        certificates.sort(Comparator.comparingDouble(Certificate::seconds));
        refusals.sort(Comparator.comparingLong(Refusal::count).reversed());
        return new Snapshot(status.path("state").asText("?"), status.path("ready").asBoolean(), components, alarms,
                certificates, upstreams, refusals, at);
    }
}
