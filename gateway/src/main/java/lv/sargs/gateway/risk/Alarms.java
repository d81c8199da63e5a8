package lv.sargs.gateway.risk;

import org.tinylog.Logger;

/**
 * Where a breached indicator or an opened incident is raised for the operator; the alarm model
 * (LEDs, console) implements it. Calls must return at once.
 */
public interface Alarms {

    /** Raises alarm {@code name} (stable, e.g. {@code kri.failedRegisterCallsPerHour}) with a reason. */
    void raise(String name, String reason);

    /** Clears alarm {@code name}; nothing when it is not raised. */
    void clear(String name);

    /** Alarms as ERROR (raise) and INFO (clear) log lines, found in the journal by {@code ALARM}. */
    Alarms LOG = new Alarms() {
        @Override
        public void raise(String name, String reason) {
            Logger.error("ALARM {}: {}", name, reason);
        }

        @Override
        public void clear(String name) {
            Logger.info("alarm {} cleared", name);
        }
    };
}
