package lv.sargs.provisioning;

import lv.sargs.hsm.core.Certificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.csr.CsrBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin keys …}: key pairs and certificate chains on the token — made there, never
 * exported; the admin takes a CSR to the CA (VDAA, the Treasury, the bank's own) and imports the
 * chain that comes back.
 */
@Command(name = "keys", description = "Key pairs and certificates on the token.", mixinStandardHelpOptions = true)
final class KeysCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The gateway config file; its token section says which token to use.")
    Path config;

    @Command(name = "list", description = "List key pairs with algorithm, certificate subject and expiry.")
    int list() {
        try (Token token = TokenSession.open(config)) {
            PrintWriter out = spec.commandLine().getOut();
            List<KeyInfo> keys = token.listKeys();
            out.printf("%-24s %-9s %-22s %s%n", "LABEL", "TYPE", "EXPIRES", "SUBJECT");
            for (KeyInfo k : keys) {
                String expires = k.notAfter().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
                String subject = k.chain().isEmpty() ? "(no certificate imported)"
                        : k.chain().get(0).getSubjectX500Principal().getName();
                boolean soon = k.notAfter().map(t -> t.isBefore(Instant.now().plus(30, ChronoUnit.DAYS))).orElse(false);
                out.printf("%-24s %-9s %-22s %s%s%n", k.label(), k.spec(), expires, subject,
                        soon ? "  <- expires within 30 days" : "");
            }
            out.flush();
            return 0;
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }

    @Command(name = "generate", description = "Generate a key pair on the token (sensitive, never extractable).")
    int generate(@Option(names = "--label", required = true) String label,
                 @Option(names = "--type", required = true, description = "One of: ${COMPLETION-CANDIDATES}") KeySpec type) {
        try (Token token = TokenSession.open(config)) {
            KeyInfo k = token.generateKeyPair(label, type);
            spec.commandLine().getOut().println("generated " + k.spec() + " key '" + k.label() + "' on " + token.name());
            return 0;
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }

    @Command(name = "csr", description = "Write a PKCS#10 request for a key on the token, signed there.")
    int csr(@Option(names = "--label", required = true) String label,
            @Option(names = "--subject", required = true, description = "e.g. CN=sargs.bank.lv,O=Bank,C=LV") String subject,
            @Option(names = "--dns", description = "A DNS name for the SAN (repeatable).") List<String> dns,
            @Option(names = "--ip", description = "An IP address for the SAN (repeatable).") List<String> ips,
            @Option(names = "--out", required = true, description = "Where to write the PEM request.") Path out) {
        try (Token token = TokenSession.open(config)) {
            CsrBuilder builder = CsrBuilder.forKey(token, label).subject(subject);
            if (dns != null) {
                builder.dnsNames(dns.toArray(String[]::new));
            }
            if (ips != null) {
                builder.ipAddresses(ips.toArray(String[]::new));
            }
            Files.writeString(out, CsrBuilder.pem(builder.build()), StandardCharsets.US_ASCII);
            spec.commandLine().getOut().println("wrote " + out + " for key '" + label + "'");
            return 0;
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        } catch (IOException e) {
            throw new AdminException(1, "--out " + out + ": cannot write (" + e.getMessage() + ")");
        }
    }

    @Command(name = "import", description = "Import the certificate chain (leaf first) for a key; refused if it is not that key's.")
    int importChain(@Option(names = "--label", required = true) String label,
                    @Option(names = "--chain", required = true, description = "PEM file, leaf first.") Path chainFile) {
        List<X509Certificate> chain;
        try {
            chain = Certificates.readPem("--chain", chainFile);
        } catch (IllegalArgumentException e) {
            throw new AdminException(SargsAdmin.USAGE, e.getMessage());
        }
        try (Token token = TokenSession.open(config)) {
            token.importCertificateChain(label, chain);
            spec.commandLine().getOut().println("imported " + chain.size() + " certificate(s) for key '" + label + "': "
                    + chain.get(0).getSubjectX500Principal().getName() + ", expires " + chain.get(0).getNotAfter().toInstant());
            return 0;
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }

    @Command(name = "delete", description = "Delete a key pair and its certificates from the token.")
    int delete(@Option(names = "--label", required = true) String label,
               @Option(names = "--yes", required = true, description = "Confirms: the key cannot be recovered.") boolean yes) {
        try (Token token = TokenSession.open(config)) {
            token.deleteKey(label);
            spec.commandLine().getOut().println("deleted key '" + label + "' from " + token.name());
            return 0;
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }
}
