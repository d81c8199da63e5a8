package lv.sargs.gateway.lookup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of the two standard answers — the banks' association's structure (docs/protocols.md §6)
 * — each with the connected register part that fills it, or marked not connected with the reason:
 * the register that would answer it and its config section, or that none offers it yet.
 */
final class LookupSections {

    final List<AnswerPart> company;
    final List<AnswerPart> person;
    /** Every connected register part once, for freshness, purges and the status line. */
    final Set<RegisterPart> parts;

    LookupSections(List<Register> registers, Map<String, ConnectedRegister> connected) {
        company = sections(StandardSection.Subject.COMPANY, registers, connected);
        person = sections(StandardSection.Subject.PERSON, registers, connected);
        Set<RegisterPart> all = new LinkedHashSet<>();
        connected.values().forEach(c -> all.addAll(c.parts().values()));
        parts = Set.copyOf(all);
    }

    /** The subject's sections in the standard's order, the first connected identifying one moved to the front. */
    private static List<AnswerPart> sections(StandardSection.Subject subject, List<Register> registers,
                                             Map<String, ConnectedRegister> connected) {
        List<AnswerPart> out = new ArrayList<>();
        int lead = -1;
        for (StandardSection section : StandardSection.of(subject)) {
            AnswerPart part = part(section, registers, connected);
            if (lead < 0 && section.identifying() && part.register().isPresent()) {
                lead = out.size();
            }
            out.add(part);
        }
        if (lead > 0) {
            out.add(0, out.remove(lead));
        }
        return List.copyOf(out);
    }

    private static AnswerPart part(StandardSection section, List<Register> registers,
                                   Map<String, ConnectedRegister> connected) {
        for (Register r : registers) {
            ConnectedRegister c = connected.get(r.name());
            if (c != null && c.parts().containsKey(section)) {
                return AnswerPart.of(section.jsonName(), c.parts().get(section));
            }
        }
        for (Register r : registers) {
            if (r.answers().contains(section)) {
                return AnswerPart.notConnected(section.jsonName(), "source not connected: " + r.title() + " ("
                        + r.configSection() + " is not configured)");
            }
        }
        return AnswerPart.notConnected(section.jsonName(),
                "source not connected: no register offers " + section.jsonName() + " to Sargs yet");
    }
}
