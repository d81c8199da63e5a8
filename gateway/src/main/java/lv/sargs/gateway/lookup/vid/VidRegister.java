package lv.sargs.gateway.lookup.vid;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lv.sargs.gateway.config.VidUpstreamConfig;
import lv.sargs.gateway.lookup.ConnectedRegister;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.Register;
import lv.sargs.gateway.lookup.RegisterContext;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.StandardSection;

/**
 * The State Revenue Service (VID) as a register ({@code lookups.vid}): a taxpayer's VAT registration
 * and tax debt, the {@code taxData} of companies and persons alike (one taxpayer code space). It
 * has no change feed: freshness alone bounds how old tax data may be. Its interface is unconfirmed
 * (see {@link VidClient}).
 */
public final class VidRegister implements Register {

    @Override
    public String name() {
        return "vid";
    }

    @Override
    public String title() {
        return "State Revenue Service (VID)";
    }

    @Override
    public Set<StandardSection> answers() {
        return Set.of(StandardSection.COMPANY_TAX_DATA, StandardSection.PERSON_TAX_DATA);
    }

    @Override
    public Optional<ConnectedRegister> connect(RegisterContext c) {
        return c.config().register(name(), VidUpstreamConfig.class).map(config -> {
            PartKey taxpayer = new PartKey(name(), "taxpayer");
            VidClient vid = new VidClient(c.upstream(config.endpoint()));
            // One taxpayer code space: the same part (and cache entry) serves a company's and a person's taxData.
            RegisterPart part = RegisterPart.of(taxpayer, c.feeCents(taxpayer), (id, deadline) ->
                    vid.taxpayer(id, deadline).thenApply(json -> json == null
                            ? new Fetched.NotFound() : new Fetched.Found(VidSections.taxData(json))));
            return new ConnectedRegister(Map.of(StandardSection.COMPANY_TAX_DATA, part,
                    StandardSection.PERSON_TAX_DATA, part), Optional.empty());
        });
    }
}
