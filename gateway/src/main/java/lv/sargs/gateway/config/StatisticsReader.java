package lv.sargs.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Reads the optional {@code statistics} section (docs/statistics.md); every key in it is required. */
final class StatisticsReader {

    static final Set<String> ENCODINGS = Set.of("WINDOWS_1257", "UTF8_BOM");
    static final long MIN_FILE_BYTES = 64 * 1024;
    static final long MAX_FILE_BYTES = 95_000_000L;
    static final long MIN_REPORT_BYTES = 1024 * 1024;
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024 * 1024;
    private static final Pattern MFI_CODE = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|[0-9A-Fa-f:.]+");
    private static final Pattern REMOTE_DIR = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final Instant now;

    StatisticsReader(Instant now) {
        this.now = now;
    }

    StatisticsConfig read(Section s) {
        int before = s.problemsCount();
        String orgCode = s.required("orgCode", "the bank's MFI code (3 characters) or registration number (11 digits)")
                .flatMap(n -> n.text().map(t -> {
                    if (!MFI_CODE.matcher(t).matches() && !RegistrationNumber.isValid(t)) {
                        n.problem("the 3-character MFI code or an 11-digit registration number with a valid check digit");
                    }
                    return t;
                })).orElse(null);
        String encoding = s.required("encoding", "WINDOWS_1257 or UTF8_BOM").flatMap(n -> n.text().map(t -> {
            if (!ENCODINGS.contains(t)) {
                n.problem("WINDOWS_1257 or UTF8_BOM");
            }
            return t;
        })).orElse(null);
        Long maxFileBytes = s.required("maxFileBytes", "the limit of one signed and encrypted file, e.g. 95000000B")
                .flatMap(n -> n.parse(t -> Units.size(t, MIN_FILE_BYTES, MAX_FILE_BYTES))).orElse(null);
        Integer maxLineChars = s.required("maxLineChars", "the longest report line, e.g. 4096")
                .flatMap(n -> n.integer(256, 1024 * 1024)).orElse(null);
        Long maxReportBytes = s.required("maxReportSize", "the largest report a POST may send, e.g. 400MiB")
                .flatMap(n -> n.parse(t -> Units.size(t, MIN_REPORT_BYTES, MAX_REPORT_BYTES))).orElse(null);
        String signingKey = s.required("signingKeyLabel", "the label of the bank's signing key on the token")
                .flatMap(Node::text).orElse(null);
        List<Path> recipients = s.required("recipients", "PEM files, one Latvijas Banka certificate each")
                .flatMap(this::recipients).orElse(null);
        Duration signWait = s.required("signWait", "a duration, e.g. 30s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofMinutes(5)))).orElse(null);
        Duration delivery = s.required("deliveryInterval", "a duration, e.g. 1m")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofDays(1)))).orElse(null);
        Duration poll = s.required("pollInterval", "a duration, e.g. 5m")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofDays(1)))).orElse(null);
        StatisticsConfig.Sftp sftp = s.required("sftp", "host, port, user, hostKey, userKeyLabel, outDir, inDir, timeout")
                .flatMap(Node::section).map(StatisticsReader::sftp).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new StatisticsConfig(orgCode, encoding, maxFileBytes, maxLineChars,
                maxReportBytes,
                signingKey, recipients, signWait, delivery, poll, sftp);
    }

    private Optional<List<Path>> recipients(Node node) {
        return node.list().map(items -> {
            if (items.isEmpty()) {
                node.problem("at least one Latvijas Banka certificate for statistics");
            }
            List<Path> out = new ArrayList<>();
            for (Node item : items) {
                item.parse(Units::absolutePath).ifPresent(p -> {
                    checkRecipient(item, p);
                    out.add(p);
                });
            }
            return out;
        });
    }

    private void checkRecipient(Node node, Path file) {
        List<X509Certificate> certificates = CertificateFiles.read(node, file);
        if (certificates.isEmpty()) {
            return;
        }
        if (certificates.size() != 1) {
            node.problem("exactly one certificate per file (every certificate in it would become a recipient); it has "
                    + certificates.size());
            return;
        }
        X509Certificate c = certificates.get(0);
        PublicKey key = c.getPublicKey();
        boolean usable = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() >= 2048
                : key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 384;
        if (!usable) {
            node.problem("an RSA (2048 bits or more) or EC P-384 certificate; " + c.getSubjectX500Principal()
                    + " has another key");
        } else if (c.getNotAfter().toInstant().isBefore(now)) {
            node.problem("a certificate valid now; " + c.getSubjectX500Principal() + " expired "
                    + c.getNotAfter().toInstant());
        } else if (c.getNotBefore().toInstant().isAfter(now)) {
            node.problem("a certificate valid now; " + c.getSubjectX500Principal() + " is valid only from "
                    + c.getNotBefore().toInstant());
        }
    }

    private static StatisticsConfig.Sftp sftp(Section s) {
        int before = s.problemsCount();
        String host = s.required("host", "Latvijas Banka's SFTP server: a host name or IP address")
                .flatMap(n -> n.text().map(t -> {
                    if (!HOST.matcher(t).matches()) {
                        n.problem("a host name or IP address");
                    }
                    return t;
                })).orElse(null);
        Integer port = s.required("port", "the server's port, e.g. 22").flatMap(n -> n.integer(1, 65535)).orElse(null);
        String user = s.required("user", "the bank's user name registered with Latvijas Banka")
                .flatMap(Node::text).orElse(null);
        PublicKey hostKey = s.required("hostKey", "the server's public host key, e.g. 'ecdsa-sha2-nistp256 AAAA…'")
                .flatMap(n -> n.parse(StatisticsReader::hostKey)).orElse(null);
        String userKey = s.required("userKeyLabel", "the label of the SFTP login key on the token")
                .flatMap(Node::text).orElse(null);
        String outDir = s.required("outDir", "STAT/OUT").flatMap(StatisticsReader::remoteDir).orElse(null);
        String inDir = s.required("inDir", "STAT/IN").flatMap(StatisticsReader::remoteDir).orElse(null);
        Duration timeout = s.required("timeout", "a duration, e.g. 30s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofMinutes(5)))).orElse(null);
        s.end();
        return s.problemsCount() > before ? null
                : new StatisticsConfig.Sftp(host, port, user, hostKey, userKey, outDir, inDir, timeout);
    }

    private static Optional<String> remoteDir(Node node) {
        return node.text().map(t -> {
            if (!REMOTE_DIR.matcher(t).matches() || t.equals("..") || t.contains("../") || t.endsWith("/..")) {
                node.problem("a directory relative to the SFTP home, such as STAT/OUT");
            }
            return t;
        });
    }

    /** An OpenSSH public key line ({@code .pub} form), or a {@code known_hosts} line whose host field is dropped. */
    static PublicKey hostKey(String line) {
        String text = line.strip();
        String[] fields = text.split("\\s+");
        if (fields.length >= 3 && !fields[0].contains("-") && fields[1].contains("-")) {
            text = text.substring(text.indexOf(fields[1]));
        }
        String expected = "the server's public host key as OpenSSH prints it, e.g. 'ecdsa-sha2-nistp256 AAAA…'"
                + " (ssh-keyscan -t ecdsa HOST)";
        try {
            PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(text);
            PublicKey key = entry == null ? null : entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException(expected);
            }
            return key;
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(expected);
        }
    }
}
