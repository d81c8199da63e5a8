package lv.sargs.gateway.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The durable register of risk events, incidents and indicator counts: an append-only JSON-lines
 * file, each change appended as the item's whole new state and synced, read back with the last
 * line of each item winning — so it survives {@code kill -9} (a line cut mid-write is ignored) and
 * can be read by {@code sargs-admin} while the gateway runs. It never holds a personal code.
 * One thread writes (the risk monitor's); any thread reads the snapshots.
 */
public final class RiskLog implements AutoCloseable {

    /** The register's file name in {@code dataDirectory/risk}. */
    public static final String FILE = "register.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;
    private final Map<String, RiskEvent> events = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> hours = new TreeMap<>();
    private volatile List<RiskEvent> eventsView = List.of();
    private volatile List<Incident> incidentsView = List.of();

    private RiskLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating) the register in {@code directory} and reads what it holds. */
    public static RiskLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        RiskLog log = new RiskLog(null);
        if (Files.exists(file)) {
            log.load(file);
        }
        RiskLog open = new RiskLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
        open.events.putAll(log.events);
        open.incidents.putAll(log.incidents);
        open.hours.putAll(log.hours);
        open.eventsView = log.eventsView;
        open.incidentsView = log.incidentsView;
        return open;
    }

    /** Reads a register without opening it for writing (for exports while the gateway runs). */
    public static RiskLog read(Path directory) throws IOException {
        RiskLog log = new RiskLog(null);
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            log.load(file);
        }
        return log;
    }

    private void load(Path file) throws IOException {
        loadLines(file);
        eventsView = List.copyOf(events.values());
        incidentsView = List.copyOf(incidents.values());
    }

    private void loadLines(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line cut by a crash mid-write: its item's previous state stands
                }
                switch (n.path("kind").asText()) {
                    case "event" -> events.put(n.path("id").asText(), event(n));
                    case "incident" -> incidents.put(n.path("id").asText(), incident(n));
                    case "hour" -> {
                        Map<String, Long> values = new TreeMap<>();
                        n.path("counts").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
                        hours.put(n.path("hour").asText(), values);
                    }
                    default -> { }
                }
            }
        }
    }

    /** The events, oldest first: a snapshot, read without waiting for a write in progress. */
    public List<RiskEvent> events() {
        return eventsView;
    }

    /** The incidents, oldest first: a snapshot, read without waiting for a write in progress. */
    public List<Incident> incidents() {
        return incidentsView;
    }

    /** The indicator counts of each UTC hour ({@code 2026-12-02T11}), by indicator name. */
    public synchronized Map<String, Map<String, Long>> hours() {
        return new TreeMap<>(hours);
    }

    synchronized void put(RiskEvent e) throws IOException {
        events.put(e.id(), e);
        eventsView = List.copyOf(events.values());
        ObjectNode n = JSON.createObjectNode().put("kind", "event").put("id", e.id()).put("type", e.type().code())
                .put("source", e.source()).put("service", e.service()).put("start", e.start().toString())
                .put("end", e.end().toString()).put("count", e.count()).put("transactions", e.transactions())
                .put("closed", e.closed());
        ArrayNode clients = n.putArray("clients");
        e.clients().forEach(clients::add);
        e.lossEur().ifPresent(l -> n.put("lossEur", l));
        append(n);
    }

    synchronized void put(Incident i) throws IOException {
        incidents.put(i.id(), i);
        incidentsView = List.copyOf(incidents.values());
        ObjectNode n = JSON.createObjectNode().put("kind", "incident").put("id", i.id()).put("service", i.service())
                .put("reason", i.reason()).put("started", i.started().toString())
                .put("classified", i.classified().toString()).put("downtimeSeconds", i.downtime().toSeconds())
                .put("transactions", i.transactions()).put("major", i.major());
        i.ended().ifPresent(t -> n.put("ended", t.toString()));
        ArrayNode components = n.putArray("components");
        i.components().forEach(components::add);
        ArrayNode clients = n.putArray("clients");
        i.clients().forEach(clients::add);
        append(n);
    }

    synchronized void putHour(String hour, Map<String, Long> counts) throws IOException {
        hours.put(hour, new TreeMap<>(counts));
        ObjectNode n = JSON.createObjectNode().put("kind", "hour").put("hour", hour);
        ObjectNode c = n.putObject("counts");
        counts.forEach(c::put);
        append(n);
    }

    private void append(ObjectNode n) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(n) + '\n').getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    private static RiskEvent event(JsonNode n) {
        Set<String> clients = new HashSet<>();
        n.path("clients").forEach(c -> clients.add(c.asText()));
        RiskType type = RiskType.OTHER;
        for (RiskType t : RiskType.values()) {
            if (t.code().equals(n.path("type").asText())) {
                type = t;
            }
        }
        return new RiskEvent(n.path("id").asText(), type, n.path("source").asText(), n.path("service").asText(),
                Instant.parse(n.path("start").asText()), Instant.parse(n.path("end").asText()),
                n.path("count").asLong(), clients, n.path("transactions").asLong(),
                n.has("lossEur") ? Optional.of(n.path("lossEur").asText()) : Optional.empty(),
                n.path("closed").asBoolean());
    }

    private static Incident incident(JsonNode n) {
        Set<String> components = new HashSet<>();
        n.path("components").forEach(c -> components.add(c.asText()));
        Set<String> clients = new HashSet<>();
        n.path("clients").forEach(c -> clients.add(c.asText()));
        return new Incident(n.path("id").asText(), n.path("service").asText(), components, n.path("reason").asText(),
                Instant.parse(n.path("started").asText()), Instant.parse(n.path("classified").asText()),
                n.has("ended") ? Optional.of(Instant.parse(n.path("ended").asText())) : Optional.empty(),
                Duration.ofSeconds(n.path("downtimeSeconds").asLong()), clients, n.path("transactions").asLong(),
                n.path("major").asBoolean());
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
