package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The stored form of a {@link Payment}: a versioned JSON object, explicit field by field. */
final class PaymentCodec {

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentCodec() {
    }

    static String encode(Payment p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("id", p.id());
        o.put("client", p.client());
        o.put("idempotencyKey", p.idempotencyKey());
        o.put("requestDigest", p.requestDigest());
        o.put("msgId", p.msgId());
        if (p.requestId() != null) {
            o.put("requestId", p.requestId());
        }
        p.pmtInfIds().forEach(o.putArray("pmtInfIds")::add);
        p.endToEndIds().forEach(o.putArray("endToEndIds")::add);
        o.put("pain001", Base64.getEncoder().encodeToString(p.pain001()));
        if (p.statusReport() != null) {
            o.put("pain002", Base64.getEncoder().encodeToString(p.statusReport()));
        }
        ArrayNode history = o.putArray("history");
        for (StatusChange c : p.history()) {
            ObjectNode h = history.addObject();
            h.put("at", c.at().toString());
            h.put("state", c.state().name());
            h.put("isoStatus", c.isoStatus());
            h.put("reasonCode", c.reasonCode());
            h.put("detail", c.detail());
        }
        return o.toString();
    }

    static Payment decode(String stored) {
        try {
            JsonNode o = JSON.readTree(stored);
            if (o.path("v").asInt() != VERSION) {
                throw new IllegalStateException("stored payment: version " + o.path("v") + " (expected: " + VERSION + ")");
            }
            List<StatusChange> history = new ArrayList<>();
            for (JsonNode h : o.path("history")) {
                history.add(new StatusChange(Instant.parse(h.get("at").asText()), PaymentState.valueOf(h.get("state").asText()),
                        textOrNull(h, "isoStatus"), textOrNull(h, "reasonCode"), textOrNull(h, "detail")));
            }
            return new Payment(o.get("id").asText(), o.get("client").asText(), o.get("idempotencyKey").asText(),
                    o.get("requestDigest").asText(), o.get("msgId").asText(), strings(o.get("pmtInfIds")),
                    strings(o.get("endToEndIds")), Base64.getDecoder().decode(o.get("pain001").asText()), history,
                    o.hasNonNull("pain002") ? Base64.getDecoder().decode(o.get("pain002").asText()) : null,
                    textOrNull(o, "requestId"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payment is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String textOrNull(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
