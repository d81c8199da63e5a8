package lv.sargs.sandbox.data;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An insolvency or legal protection proceeding of a legal entity.
 *
 * @param id the register's proceeding number
 * @param kind {@code INSOLVENCY} or {@code LEGAL_PROTECTION}
 * @param court the court that declared it
 * @param administrator the administrator's full name
 * @param startedOn day the court declared it
 * @param endedOn day it ended, empty while ongoing
 */
public record InsolvencyProceeding(String id, String kind, String court, String administrator, LocalDate startedOn,
                                   Optional<LocalDate> endedOn) {

    /** Whether the proceeding is still running. */
    public boolean ongoing() {
        return endedOn.isEmpty();
    }
}
