package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.statistics.report.ReportStatus;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON form of statistics records ({@link ReportStatus}, {@link lv.sargs.gateway.statistics.format.Problem}):
 * dates and instants as ISO-8601 strings, unknown properties ignored on reading — for the store and
 * for {@code GET /v1/statistics/reports/{id}} alike.
 */
public final class StatisticsJson {

    private StatisticsJson() {
    }

    /** A new mapper configured for statistics records (mappers are thread-safe once configured). */
    public static ObjectMapper mapper() {
        SimpleModule time = new SimpleModule("statistics-time");
        time.addSerializer(Instant.class, ToStringSerializer.instance);
        time.addSerializer(LocalDate.class, ToStringSerializer.instance);
        time.addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
            @Override
            protected Instant _deserialize(String value, DeserializationContext ctxt) {
                return Instant.parse(value);
            }
        });
        time.addDeserializer(LocalDate.class, new FromStringDeserializer<>(LocalDate.class) {
            @Override
            protected LocalDate _deserialize(String value, DeserializationContext ctxt) {
                return LocalDate.parse(value);
            }
        });
        return new ObjectMapper().registerModule(time)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
