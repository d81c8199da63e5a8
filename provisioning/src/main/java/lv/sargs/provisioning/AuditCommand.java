package lv.sargs.provisioning;

import lv.sargs.hsm.core.Certificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditVerifier;
import lv.sargs.gateway.audit.Pseudonyms;
import lv.sargs.gateway.audit.TrailFiles;
import lv.sargs.gateway.audit.TrailVerifier;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.hsm.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin audit …}: the investigator's and the inspector's tools on the audit trail
 * (docs/audit.md) — {@code verify} needs only the audit key's certificate; {@code find} needs the
 * token, on which the subjects' pseudonym key is derived.
 */
@Command(name = "audit", description = "Verify the audit trail; find the records of a subject.",
        mixinStandardHelpOptions = true)
final class AuditCommand {

    /** Exit code when the trail fails its check. */
    static final int TRAIL_BROKEN = 5;

    @Spec
    CommandSpec spec;

    @Command(name = "verify", description = "Check the trail's chain, files and signed checkpoints with the audit"
            + " key's certificate only; v1 trails (audit.jsonl, treasury.jsonl) in the directory are checked too.")
    int verify(@Option(names = "--trail", required = true, description = "The trail's directory, e.g."
                       + " /var/lib/sargs/audit.") Path trail,
               @Option(names = "--certificate", required = true, description = "The audit key's certificate (PEM).")
               Path certificate) {
        X509Certificate cert = certificate(certificate);
        PrintWriter out = spec.commandLine().getOut();
        try {
            boolean intact = true;
            for (String v1 : List.of("audit.jsonl", "treasury.jsonl")) {
                Path file = trail.resolve(v1);
                if (Files.exists(file)) {
                    AuditVerifier.Result r = AuditVerifier.verify(file);
                    out.println((r.intact() ? "intact   " : "BROKEN   ") + file + " (format v1): " + r.lines()
                            + " lines" + (r.intact() ? "" : ", chain broken at line " + r.brokenAt()));
                    intact &= r.intact();
                }
            }
            Path checkpoints = TrailFiles.checkpointsOf(trail);
            TrailVerifier.Report r = TrailVerifier.verify(trail, checkpoints, cert.getPublicKey());
            if (r.intact()) {
                out.println("intact   " + trail + " (format v2): " + r.records() + " records in " + r.files().size()
                        + " file(s), " + r.checkpoints() + " checkpoint(s) verified with "
                        + cert.getSubjectX500Principal().getName() + "; checkpoints file " + checkpoints);
                if (r.unsignedCheckpoints() > 0) {
                    out.println("WARNING  " + r.unsignedCheckpoints() + " checkpoint(s) unsigned (written without"
                            + " an audit section): only their hash chain vouches for them");
                }
                if (r.tornBytes() > 0) {
                    out.println("NOTE     the last file ends in " + r.tornBytes() + " bytes of a line cut by a crash"
                            + " (never acknowledged; the gateway discards them at its next start)");
                }
                if (!r.stoppedCleanly()) {
                    out.println("NOTE     the records after the last checkpoint are chained but not yet signed");
                }
            } else {
                out.println("BROKEN   " + r.problem());
                intact = false;
            }
            out.flush();
            return intact ? 0 : TRAIL_BROKEN;
        } catch (IOException e) {
            throw new AdminException(TRAIL_BROKEN, trail + ": cannot be read: " + e.getMessage());
        }
    }

    @Command(name = "find", description = "Print the trail's records about one subject (and its successor or"
            + " predecessor codes), by the pseudonym computed on the token.")
    int find(@Option(names = "--config", required = true, description = "The gateway config; its token section says"
                     + " which token to use.") Path config,
             @Option(names = "--key-label", required = true, description = "audit.keyLabel of the config, e.g."
                     + " sargs-audit.") String keyLabel,
             @Option(names = "--trail", required = true, description = "The trail's directory.") Path trail,
             @Option(names = "--subject", required = true, description = "A personal code (either form) or a"
                     + " registration number.") String subject,
             @Option(names = "--kind", defaultValue = "person", description = "person or company (default:"
                     + " ${DEFAULT-VALUE}).") String kind) {
        if (!kind.equals("person") && !kind.equals("company")) {
            throw new AdminException(SargsAdmin.USAGE, "--kind: " + kind + " (expected: person or company)");
        }
        Pseudonyms pseudonyms;
        try (Token token = TokenSession.open(config)) {
            char[] key = StorageKey.derive(token, keyLabel, Pseudonyms.PURPOSE).get(30, TimeUnit.SECONDS);
            pseudonyms = new Pseudonyms(key);
            Arrays.fill(key, '\0');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(SargsAdmin.TOKEN_FAILED, "interrupted deriving the pseudonym key");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (e instanceof AdminException a) {
                throw a;
            }
            throw new AdminException(SargsAdmin.TOKEN_FAILED, "--key-label: " + keyLabel
                    + " (expected: the RSA audit key on the token): " + cause.getMessage());
        }
        String wanted = pseudonyms.of(kind, subject);
        try {
            // First pass: the links between a changed code and its successor, both ways.
            Map<String, Set<String>> links = new HashMap<>();
            TrailVerifier.verify(trail, TrailFiles.checkpointsOf(trail), null, n -> {
                if (AuditEvent.SUBJECT_SUCCESSOR.wireName().equals(n.path("event").asText())) {
                    String a = n.path("subject").asText();
                    String b = n.path("successor").asText();
                    links.computeIfAbsent(a, x -> new HashSet<>()).add(b);
                    links.computeIfAbsent(b, x -> new HashSet<>()).add(a);
                }
            });
            Set<String> same = new HashSet<>();
            List<String> todo = new ArrayList<>(List.of(wanted));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                if (same.add(next)) {
                    todo.addAll(links.getOrDefault(next, Set.of()));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            long[] found = new long[1];
            TrailVerifier.Report r = TrailVerifier.verify(trail, TrailFiles.checkpointsOf(trail), null, n -> {
                if (same.contains(n.path("subject").asText())) {
                    found[0]++;
                    out.println(n.toString());
                }
            });
            out.println(found[0] + " record(s) about " + kind + " " + wanted
                    + (same.size() > 1 ? " and " + (same.size() - 1) + " linked code(s)" : ""));
            if (!r.intact()) {
                out.println("BROKEN   " + r.problem() + " (records after it were not searched)");
            }
            out.flush();
            return r.intact() ? 0 : TRAIL_BROKEN;
        } catch (IOException e) {
            throw new AdminException(TRAIL_BROKEN, trail + ": cannot be read: " + e.getMessage());
        }
    }

    private static X509Certificate certificate(Path file) {
        try {
            List<X509Certificate> certs = Certificates.readPem("--certificate", file);
            return certs.get(0);
        } catch (IllegalArgumentException e) {
            throw new AdminException(SargsAdmin.USAGE, e.getMessage());
        }
    }

}
