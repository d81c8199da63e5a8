package lv.sargs.gateway.treasury.ekase;

/**
 * eKase's answer to a pain.001: its status report, and whether eKase had already received that
 * MsgId (then nothing new was created at the Treasury).
 *
 * @param report the pain.002 that came with the answer
 * @param duplicate true when eKase recognised the MsgId as already received
 */
public record SubmitResult(StatusReport report, boolean duplicate) {
}
