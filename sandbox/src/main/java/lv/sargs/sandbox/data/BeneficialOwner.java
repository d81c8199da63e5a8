package lv.sargs.sandbox.data;

import java.time.LocalDate;

/**
 * A beneficial owner of a legal entity.
 *
 * @param person who
 * @param residenceCountry ISO 3166 alpha-2
 * @param controlType {@code DIRECT_SHAREHOLDING}, {@code INDIRECT_SHAREHOLDING} or {@code OTHER_CONTROL}
 * @param sharePercent the share held, 0–100 (0 when control is not through shares)
 * @param registeredOn when the register recorded the owner
 */
public record BeneficialOwner(NaturalPersonRef person, String residenceCountry, String controlType, int sharePercent,
                              LocalDate registeredOn) {
}
