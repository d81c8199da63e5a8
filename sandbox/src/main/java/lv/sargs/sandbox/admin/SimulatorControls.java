package lv.sargs.sandbox.admin;

import lv.sargs.sandbox.ekase.Replays;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.server.CallCounter;

/**
 * What the admin endpoint can reach of one simulator.
 *
 * @param faults its fault controls
 * @param calls its call counter
 * @param replays its captured-document replay, or null when it has none
 */
public record SimulatorControls(Faults faults, CallCounter calls, Replays replays) {

    /** Controls of a simulator without replay. */
    public SimulatorControls(Faults faults, CallCounter calls) {
        this(faults, calls, null);
    }
}
