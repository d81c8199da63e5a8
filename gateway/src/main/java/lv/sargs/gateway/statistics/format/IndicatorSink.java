package lv.sargs.gateway.statistics.format;

import java.io.IOException;

/** Receives the indicators of a report that passed every check so far, in report order. */
public interface IndicatorSink {

    /** A rule-4 identifying indicator ({@code ORG_KODS}, {@code DATUMS}, …). */
    void identifying(String name, String value) throws IOException;

    /** A data indicator. */
    void data(String name, String value) throws IOException;
}
