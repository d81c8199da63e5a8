package lv.sargs.gateway.lookup;

import java.util.Optional;

/**
 * One named section of a standard answer (e.g. {@code beneficialOwners}) and the register part that
 * fills it; a section whose register is not connected to this appliance is still answered,
 * marked unavailable with the reason.
 *
 * @param name the section's JSON name
 * @param register the register part, empty when its source is not connected
 * @param notConnectedReason what an answer says when {@code register} is empty
 */
public record AnswerPart(String name, Optional<RegisterPart> register, String notConnectedReason) {

    /** A section filled by {@code register}. */
    public static AnswerPart of(String name, RegisterPart register) {
        return new AnswerPart(name, Optional.of(register), "");
    }

    /** A section whose source this appliance is not connected to. */
    public static AnswerPart notConnected(String name, String reason) {
        return new AnswerPart(name, Optional.empty(), reason);
    }
}
