package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import lv.sargs.gateway.statistics.delivery.SftpSettings;

/**
 * The statistics service's settings ({@code statistics.*} in the config file), validated here so a
 * bad value stops start-up naming the key.
 *
 * @param dataDir where the store, the work files and the produced files live ({@code <data>/statistics})
 * @param orgCode the bank's code {@code kkk}: its MFI code (3 characters) or registration number (11 digits)
 * @param encoding the file encoding
 * @param maxFileBytes the size limit of one signed and encrypted file (95 MB = 95,000,000 bytes)
 * @param maxLineChars the longest report line accepted
 * @param signingKeyLabel the bank's signing key on the token; its certificate chain must be imported
 * @param recipients every Latvijas Banka certificate published for statistics (RSA-2048+ or EC P-384)
 * @param signWait how long to wait for the token's signature of one file
 * @param sftp how to reach Latvijas Banka's file exchange
 * @param deliveryInterval how often undelivered reports are retried
 * @param pollInterval how often {@code STAT/IN} is checked for replies
 */
public record StatisticsSettings(Path dataDir, String orgCode, FileEncoding encoding, long maxFileBytes,
                                 int maxLineChars, String signingKeyLabel, List<X509Certificate> recipients,
                                 Duration signWait, SftpSettings sftp, Duration deliveryInterval,
                                 Duration pollInterval) {

    /** The default size limit: Latvijas Banka's 95 MB, read as 95,000,000 bytes to be safe either way. */
    public static final long DEFAULT_MAX_FILE_BYTES = 95_000_000L;
    /** The smallest size limit accepted: room for the CMS structure and a few lines. */
    public static final long MIN_MAX_FILE_BYTES = 64 * 1024;
    /** The default longest report line. */
    public static final int DEFAULT_MAX_LINE_CHARS = 4096;
    /** The default wait for the token's signature. */
    public static final Duration DEFAULT_SIGN_WAIT = Duration.ofSeconds(30);
    /** The default retry interval of undelivered reports. */
    public static final Duration DEFAULT_DELIVERY_INTERVAL = Duration.ofMinutes(1);
    /** The default interval between readings of {@code STAT/IN}. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

    public StatisticsSettings {
        require(dataDir != null, "statistics.dataDir: null (expected: a directory)");
        require(orgCode != null && (orgCode.matches("[A-Za-z0-9]{3}") || isRegistrationNumber(orgCode)),
                "statistics.orgCode: " + orgCode + " (expected: the 3-character MFI code or an 11-digit"
                        + " registration number with a valid check digit)");
        require(encoding != null, "statistics.encoding: null (expected: WINDOWS_1257 or UTF8_BOM)");
        require(maxFileBytes >= MIN_MAX_FILE_BYTES && maxFileBytes <= DEFAULT_MAX_FILE_BYTES,
                "statistics.maxFileBytes: " + maxFileBytes + " (expected: " + MIN_MAX_FILE_BYTES + "-"
                        + DEFAULT_MAX_FILE_BYTES + ")");
        require(maxLineChars >= 256 && maxLineChars <= 1024 * 1024,
                "statistics.maxLineChars: " + maxLineChars + " (expected: 256-1048576)");
        require(signingKeyLabel != null && !signingKeyLabel.isBlank(), "statistics.signingKeyLabel: "
                + signingKeyLabel + " (expected: the label of the bank's signing key on the token)");
        require(recipients != null && !recipients.isEmpty(),
                "statistics.recipients: none (expected: every Latvijas Banka certificate for statistics)");
        recipients = List.copyOf(recipients);
        require(signWait != null && !signWait.isNegative() && !signWait.isZero(),
                "statistics.signWait: " + signWait + " (expected: a positive duration)");
        require(sftp != null, "statistics.sftp: null (expected: the SFTP settings)");
        require(deliveryInterval != null && !deliveryInterval.isNegative() && !deliveryInterval.isZero(),
                "statistics.deliveryInterval: " + deliveryInterval + " (expected: a positive duration)");
        require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
                "statistics.pollInterval: " + pollInterval + " (expected: a positive duration)");
    }

    /** A copy with another size limit (tests exercise splitting with a small one). */
    public StatisticsSettings withMaxFileBytes(long bytes) {
        return new StatisticsSettings(dataDir, orgCode, encoding, bytes, maxLineChars, signingKeyLabel, recipients,
                signWait, sftp, deliveryInterval, pollInterval);
    }

    /** A copy with another encoding. */
    public StatisticsSettings withEncoding(FileEncoding fileEncoding) {
        return new StatisticsSettings(dataDir, orgCode, fileEncoding, maxFileBytes, maxLineChars, signingKeyLabel,
                recipients, signWait, sftp, deliveryInterval, pollInterval);
    }

    /** Registration number of a legal entity (docs/protocols.md §5): 11 digits, prefix 4, 5 or 9, Σ wᵢdᵢ mod 11 = 3. */
    static boolean isRegistrationNumber(String s) {
        if (!s.matches("[459][0-9]{10}")) {
            return false;
        }
        int[] w = {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += w[i] * (s.charAt(i) - '0');
        }
        return sum % 11 == 3;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, message);
        }
    }
}
