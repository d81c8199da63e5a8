package lv.sargs.gateway.statistics.format;

import java.io.IOException;

/** Receives the indicators a report reader parses, one at a time in report order. */
interface IndicatorHandler {

    /** One {@code NAME=value} indicator found on {@code line}; the value is non-empty. */
    void indicator(long line, String name, String value) throws IOException;
}
