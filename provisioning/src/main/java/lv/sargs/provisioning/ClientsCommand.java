package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.GatewayConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin clients …}: declares and removes core systems as drop-ins
 * ({@code clients.d/<name>.yaml}), each change validated with the whole config before it is
 * written; the running gateway takes it on reload.
 */
@Command(name = "clients", mixinStandardHelpOptions = true,
        description = "Core systems allowed to call, as drop-ins in clients.d/ beside the config.")
final class ClientsCommand {

    static final String APPLY = "apply with: systemctl reload sargs (or sargs-admin reload --config …)";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, scope = ScopeType.INHERIT,
            description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    /** The client's certificate: a PEM file (its fingerprint is pinned) or the fingerprint itself. */
    static final class Certificate {
        @Option(names = "--certificate", required = true, description = "The client's certificate (PEM); its SHA-256 is pinned.")
        Path file;
        @Option(names = "--sha256", required = true, description = "The certificate's SHA-256 fingerprint (colons optional).")
        String sha256;
    }

    @Command(name = "add", description = "Declare a client in clients.d/<name>.yaml.")
    int add(@Option(names = "--name", required = true, description = "Lower-case name for logs and audit, e.g. lending.") String name,
            @ArgGroup(exclusive = true, multiplicity = "1") Certificate certificate,
            @Option(names = "--source", required = true, description = "An address block it connects from (repeatable).") List<String> sources,
            @Option(names = "--role", required = true, description = "A role, e.g. lookup (repeatable).") List<String> roles,
            @Option(names = "--purpose", required = true, description = "A purpose, e.g. kyc (repeatable).") List<String> purposes) {
        if (name.equals(AllowListCommand.NAME) || name.contains("/") || name.startsWith(".")) {
            throw new AdminException(SargsAdmin.USAGE, "--name " + name + " (expected: a client name other than "
                    + AllowListCommand.NAME + ", without '/' or a leading '.')");
        }
        DropInFiles dropIns = new DropInFiles(config);
        String file = name + ".yaml";
        if (Files.exists(dropIns.file(file))) {
            throw new AdminException(1, dropIns.file(file) + ": exists (expected: a client not declared yet; remove it"
                    + " first with sargs-admin clients remove --name " + name + ")");
        }
        String fingerprint = certificate.file != null ? fingerprint(certificate.file) : certificate.sha256;
        String text = """
                # Written by sargs-admin clients add.
                clients:
                  - name: %s
                    certificate: {sha256: %s}
                    sources: %s
                    roles: %s
                    purposes: %s
                """.formatted(DropInFiles.quote(name), DropInFiles.quote(fingerprint), flow(sources), flow(roles),
                flow(purposes));
        PrintWriter out = spec.commandLine().getOut();
        dropIns.validate(Map.of(file, Optional.of(text)), spec.commandLine().getErr());
        dropIns.write(file, text);
        out.println("declared client '" + name + "' in " + dropIns.file(file) + "; " + APPLY);
        out.flush();
        return 0;
    }

    @Command(name = "remove", description = "Remove a client declared in clients.d/.")
    int remove(@Option(names = "--name", required = true) String name) {
        DropInFiles dropIns = new DropInFiles(config);
        String file = origins(dropIns).get(name);
        if (file == null) {
            GatewayConfig current = dropIns.load(spec.commandLine().getErr());
            boolean inMain = current.clients().stream().anyMatch(c -> c.name().equals(name));
            throw new AdminException(1, "--name " + name + ": " + (inMain ? "declared in " + config
                    + " itself (expected: a client of clients.d/; edit the config file for this one)"
                    : "no such client (expected: one of " + current.clients().stream().map(ClientConfig::name).toList() + ")"));
        }
        if (clientsIn(dropIns.trees().get(file)) > 1) {
            throw new AdminException(1, dropIns.file(file) + " declares more clients than '" + name
                    + "' (expected: a file of one client, as clients add writes); edit that file instead");
        }
        dropIns.validate(Map.of(file, Optional.empty()), spec.commandLine().getErr());
        dropIns.delete(file);
        spec.commandLine().getOut().println("removed client '" + name + "' (" + dropIns.file(file) + "); " + APPLY);
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(name = "list", description = "List every declared client and where it is declared.")
    int list() {
        DropInFiles dropIns = new DropInFiles(config);
        GatewayConfig current = dropIns.load(spec.commandLine().getErr());
        Map<String, String> origins = origins(dropIns);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-20s %-28s %-22s %-22s %-22s %s%n", "NAME", "CERTIFICATE", "SOURCES", "ROLES", "PURPOSES", "DECLARED IN");
        for (ClientConfig c : current.clients()) {
            String id = c.identity().toString();
            out.printf("%-20s %-28s %-22s %-22s %-22s %s%n", c.name(), id.length() > 28 ? id.substring(0, 27) + "…" : id,
                    c.sources(), new TreeSet<>(c.roles()), new TreeSet<>(c.purposes()),
                    origins.containsKey(c.name()) ? lv.sargs.gateway.config.ConfigLoader.DROP_INS + "/" + origins.get(c.name()) : config.getFileName());
        }
        out.flush();
        return 0;
    }

    /** Which drop-in file declares each client name. */
    static Map<String, String> origins(DropInFiles dropIns) {
        Map<String, String> out = new HashMap<>();
        dropIns.trees().forEach((file, tree) -> {
            JsonNode clients = tree == null ? null : tree.get("clients");
            if (clients != null && clients.isArray()) {
                clients.forEach(c -> {
                    if (c.hasNonNull("name")) {
                        out.putIfAbsent(c.get("name").asText(), file);
                    }
                });
            }
        });
        return out;
    }

    private static int clientsIn(JsonNode tree) {
        JsonNode clients = tree == null ? null : tree.get("clients");
        return clients == null ? 0 : clients.size();
    }

    static String flow(List<String> items) {
        return "[" + String.join(", ", items.stream().map(DropInFiles::quote).toList()) + "]";
    }

    private static String fingerprint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (IOException | CertificateException e) {
            throw new AdminException(SargsAdmin.USAGE, "--certificate " + file
                    + ": (unreadable) (expected: a PEM certificate, -----BEGIN CERTIFICATE-----)");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
