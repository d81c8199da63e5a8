package lv.sargs.provisioning.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.Token;

/**
 * Each key the config names: on the token, and where it has a certificate chain file, the chain's
 * leaf is the key's and valid now (a warning within 30 days of its end).
 */
final class KeyChecks {

    static final Duration SOON = Duration.ofDays(30);

    private final Clock clock;

    KeyChecks(Clock clock) {
        this.clock = clock;
    }

    /** A key the config names: where, its label, and its chain file if it has one. */
    record NamedKey(String path, String label, Optional<Path> chain) {
    }

    static List<NamedKey> named(GatewayConfig c) {
        List<NamedKey> out = new ArrayList<>();
        out.add(new NamedKey("listeners.client.tls", c.clientListener().tls().keyLabel(),
                Optional.of(c.clientListener().tls().certificateChain())));
        c.managementListener().tls().ifPresent(t -> out.add(new NamedKey("listeners.management.tls", t.keyLabel(),
                Optional.of(t.certificateChain()))));
        c.lookups().ifPresent(l -> out.add(new NamedKey("lookups.storageKeyLabel", l.storageKeyLabel(), Optional.empty())));
        for (UpstreamTarget u : UpstreamTarget.of(c)) {
            out.add(new NamedKey(u.configPath() + ".clientKey", u.keyLabel(), Optional.of(u.chain())));
        }
        c.treasury().ifPresent(t -> out.add(new NamedKey("treasury.storageKeyLabel", t.storageKeyLabel(), Optional.empty())));
        c.statistics().ifPresent(s -> {
            out.add(new NamedKey("statistics.signingKeyLabel", s.signingKeyLabel(), Optional.empty()));
            out.add(new NamedKey("statistics.sftp.userKeyLabel", s.sftp().userKeyLabel(), Optional.empty()));
        });
        return out;
    }

    /** One check per named key; the chains read are handed back for the handshakes. */
    List<Check> check(Token token, GatewayConfig config, Map<String, List<X509Certificate>> chains) {
        Map<String, KeyInfo> keys = new LinkedHashMap<>();
        token.listKeys().forEach(k -> keys.put(k.label(), k));
        List<Check> out = new ArrayList<>();
        for (NamedKey k : named(config)) {
            out.add(check(k, keys.get(k.label()), chains));
        }
        return out;
    }

    private Check check(NamedKey k, KeyInfo key, Map<String, List<X509Certificate>> chains) {
        String name = "key " + k.label();
        if (key == null) {
            return Check.fail(name, k.path() + ": no key '" + k.label() + "' on the token",
                    "make it: sargs-admin init, or sargs-admin keys --config … generate --label " + k.label(), 0);
        }
        if (k.chain().isEmpty()) {
            return Check.ok(name, key.spec() + " on the token (" + k.path() + ")", 0);
        }
        Path file = k.chain().get();
        List<X509Certificate> chain;
        try {
            chain = read(file);
        } catch (IOException | CertificateException e) {
            return Check.fail(name, k.path() + ".certificateChain: " + file + " unreadable or not PEM",
                    "save the chain the CA issued (PEM, leaf first) there", 0);
        }
        if (chain.isEmpty()) {
            return Check.fail(name, file + " holds no certificate", "save the chain the CA issued (PEM, leaf first)", 0);
        }
        X509Certificate leaf = chain.get(0);
        if (!leaf.getPublicKey().equals(key.publicKey())) {
            return Check.fail(name, file + ": the leaf " + leaf.getSubjectX500Principal().getName()
                    + " is not the certificate of key '" + k.label() + "'", "save the chain issued for this key's CSR;"
                    + " import it with sargs-admin keys … import --label " + k.label(), 0);
        }
        chains.put(k.label(), chain);
        Instant now = clock.instant();
        Instant end = leaf.getNotAfter().toInstant();
        String subject = leaf.getSubjectX500Principal().getName();
        if (end.isBefore(now)) {
            return Check.fail(name, subject + " expired " + end, "renew: sargs-admin keys … csr --label " + k.label()
                    + ", send it to the CA, save and import the new chain", 0);
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return Check.fail(name, subject + " is valid only from " + leaf.getNotBefore().toInstant(),
                    "check this box's clock (timedatectl), or wait", 0);
        }
        if (end.isBefore(now.plus(SOON))) {
            return Check.warn(name, subject + " expires " + end + " (within 30 days)", "renew it now: sargs-admin keys …"
                    + " csr --label " + k.label(), 0);
        }
        return Check.ok(name, key.spec() + ", " + subject + ", expires " + end, 0);
    }

    private static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        return out;
    }
}
