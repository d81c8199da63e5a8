package lv.sargs.sandbox.admin;

import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.server.CallCounter;

/**
 * What the admin endpoint can reach of one simulator.
 *
 * @param faults its fault controls
 * @param calls its call counter
 */
public record SimulatorControls(Faults faults, CallCounter calls) {
}
