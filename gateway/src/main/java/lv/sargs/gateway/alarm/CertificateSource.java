package lv.sargs.gateway.alarm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.UpstreamEndpoint;

/**
 * One PEM file of certificates the gateway holds or trusts, named by its config path, with what
 * the operator does when one of them nears its end.
 *
 * @param setting the config path, e.g. {@code listeners.client.tls.certificateChain}
 * @param file the PEM file, re-read at every check so an imported certificate clears the alarm
 * @param renewal what the operator should do, naming the file
 */
public record CertificateSource(String setting, Path file, String renewal) {

    /** Every certificate file {@code config} names: listeners' own and trusted, upstreams', Latvijas Banka's. */
    public static List<CertificateSource> of(GatewayConfig config) {
        List<CertificateSource> out = new ArrayList<>();
        server(out, "listeners.client.tls", config.clientListener().tls());
        config.managementListener().tls().ifPresent(t -> server(out, "listeners.management.tls", t));
        // Every connected register, by its config section's name (viss, fpr, vid, ...).
        config.lookups().ifPresent(l -> l.connected().forEach((name, register) ->
                upstream(out, "lookups." + name, "the register behind lookups." + name, register.endpoint())));
        config.treasury().ifPresent(t -> {
            out.add(own("treasury.ekase.clientKeyChain", t.ekase().clientKeyChain(), "the Treasury"));
            out.add(trusted("treasury.ekase.trustedCa", t.ekase().trustedCa(), "the Treasury"));
        });
        config.statistics().ifPresent(st -> {
            for (int i = 0; i < st.recipients().size(); i++) {
                Path f = st.recipients().get(i);
                out.add(new CertificateSource("statistics.recipients[" + i + "]", f,
                        "Download Latvijas Banka's current certificate for this exchange, replace " + f
                                + " and restart the gateway; until then reports are encrypted to an expiring key."));
            }
        });
        return out;
    }

    private static void server(List<CertificateSource> out, String path, ServerTls tls) {
        out.add(new CertificateSource(path + ".certificateChain", tls.certificateChain(),
                "Make a CSR for key '" + tls.keyLabel() + "' (sargs-admin), have the bank's CA sign it, replace "
                        + tls.certificateChain() + " and restart the gateway."));
        out.add(new CertificateSource(path + ".clientCa", tls.clientCa(),
                "Get the bank CA's renewed certificate, add it to " + tls.clientCa()
                        + " and restart; clients signed by an expired CA are refused."));
    }

    private static void upstream(List<CertificateSource> out, String path, String who, UpstreamEndpoint e) {
        out.add(own(path + ".clientKeyChain", e.clientKeyChain(), who));
        out.add(trusted(path + ".trustedCa", e.trustedCa(), who));
    }

    private static CertificateSource own(String path, Path file, String who) {
        return new CertificateSource(path, file, "Make a CSR for the client key on the token (sargs-admin), have "
                + who + " register the new certificate, replace " + file + " and restart the gateway.");
    }

    private static CertificateSource trusted(String path, Path file, String who) {
        return new CertificateSource(path, file, "Ask " + who + " for its new CA certificate, add it to " + file
                + " and restart the gateway; calls fail once the old one expires.");
    }
}
