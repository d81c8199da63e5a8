package lv.sargs.gateway.lookup;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import lv.sargs.gateway.cache.CachedAnswer;

/**
 * The assembled answer about one subject in the banks' standard structure: one section per part,
 * each naming its source, its as-of time, how the cache served it and its data — written by
 * splicing the parts' cached JSON, never re-parsing it.
 *
 * @param httpStatus 200, or the status the identifying section's outcome calls for
 * @param body the JSON document
 * @param cacheStatus the RFC 9211 {@code Cache-Status} value summarising every section
 * @param ageSeconds the age of the oldest cached data served, for {@code Age}
 * @param identifyingSource the register of the identifying section, for problem details
 * @param identifyingDetail why the identifying section is missing, empty when it is not
 * @param logWord the request log's cache word: {@code hit}, {@code miss}, {@code stale} or {@code partial}
 */
public record StandardAnswer(int httpStatus, byte[] body, String cacheStatus, long ageSeconds,
                             String identifyingSource, String identifyingDetail, String logWord) {

    /** The same answer, {@code seconds} old (an all-hit answer reused as it ages). */
    StandardAnswer withAgeSeconds(long seconds) {
        return seconds == ageSeconds ? this
                : new StandardAnswer(httpStatus, body, cacheStatus, seconds, identifyingSource, identifyingDetail, logWord);
    }

    /** The cache's identifier in {@code Cache-Status}. */
    static final String CACHE_NAME = "Sargs";

    /**
     * Assembles the answer; the first of {@code parts} identifies the subject, so its outcome
     * decides the status: not found 404, timed out 504, register failure 502.
     */
    static StandardAnswer assemble(String kind, String idField, String id, String subjectExtra,
                                   List<AnswerPart> parts, List<PartOutcome> outcomes, long nowMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(out, "{\"subject\":{\"kind\":\"");
        write(out, kind);
        write(out, "\",\"");
        write(out, idField);
        write(out, "\":\"");
        write(out, id);
        write(out, "\"");
        write(out, subjectExtra);
        write(out, "},\"parts\":{");
        long oldest = 0;
        boolean allHit = true;
        boolean anyStale = false;
        boolean anyMissing = false;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            AnswerPart part = parts.get(i);
            PartOutcome o = outcomes.get(i);
            write(out, "\"");
            write(out, part.name());
            write(out, "\":");
            if (part.register().isEmpty()) {
                section(out, "unavailable", "", null, null, part.notConnectedReason(), null);
                continue;
            }
            String source = part.register().get().source();
            switch (o.status()) {
                case HIT, FETCHED, STALE -> {
                    CachedAnswer a = o.answer();
                    oldest = Math.max(oldest, o.status() == PartOutcome.Status.FETCHED ? 0 : a.ageSeconds(nowMillis));
                    allHit &= o.status() == PartOutcome.Status.HIT;
                    anyStale |= o.status() == PartOutcome.Status.STALE;
                    section(out, a.negative() ? "not-found" : (o.status() == PartOutcome.Status.STALE ? "stale" : "available"),
                            source, Instant.ofEpochMilli(a.fetchedAtMillis()).toString(), cacheWord(o.status()),
                            o.detail(), a.negative() ? null : a.body());
                }
                default -> {
                    allHit = false;
                    anyMissing = true;
                    section(out, o.status() == PartOutcome.Status.TIMED_OUT ? "timed-out" : "unavailable",
                            source, null, null, o.detail(), null);
                }
            }
        }
        write(out, "}}");
        AnswerPart identifying = parts.get(0);
        String logWord = allHit ? "hit" : anyMissing ? "partial" : anyStale ? "stale" : "miss";
        return new StandardAnswer(status(outcomes.get(0)), out.toByteArray(),
                cacheStatus(allHit, anyStale, anyMissing), oldest,
                identifying.register().map(RegisterPart::source).orElse("no register"),
                outcomes.get(0).detail(), logWord);
    }

    private static int status(PartOutcome identifying) {
        return switch (identifying.status()) {
            case HIT, FETCHED, STALE -> identifying.answer().negative() ? 404 : 200;
            case TIMED_OUT -> 504;
            case UNAVAILABLE -> 502;
        };
    }

    private static String cacheStatus(boolean allHit, boolean anyStale, boolean anyMissing) {
        if (allHit) {
            return CACHE_NAME + "; hit";
        }
        if (anyStale || anyMissing) {
            return CACHE_NAME + "; fwd=stale; detail=\"" + (anyMissing ? "partial" : "served-stale") + "\"";
        }
        return CACHE_NAME + "; fwd=uri-miss; stored";
    }

    private static String cacheWord(PartOutcome.Status s) {
        return switch (s) {
            case HIT -> "hit";
            case FETCHED -> "fetched";
            case STALE -> "stale";
            default -> "none";
        };
    }

    private static void section(ByteArrayOutputStream out, String status, String source, String asOf, String cache,
                                String detail, byte[] data) {
        write(out, "{\"status\":\"");
        write(out, status);
        write(out, "\"");
        if (!source.isEmpty()) {
            write(out, ",\"source\":\"");
            write(out, source);
            write(out, "\"");
        }
        if (asOf != null) {
            write(out, ",\"asOf\":\"");
            write(out, asOf);
            write(out, "\",\"cache\":\"");
            write(out, cache);
            write(out, "\"");
        }
        if (detail != null && !detail.isEmpty()) {
            write(out, ",\"reason\":");
            writeJsonString(out, detail);
        }
        if (data != null) {
            write(out, ",\"data\":");
            out.write(data, 0, data.length);
        }
        out.write('}');
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static void writeJsonString(ByteArrayOutputStream out, String s) {
        out.write('"');
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        out.write(quoted, 0, quoted.length);
        out.write('"');
    }
}
