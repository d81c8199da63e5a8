package lv.sargs.gateway.statistics.delivery;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import lv.sargs.gateway.statistics.report.StatisticsException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * How to reach Latvijas Banka's file exchange over SFTP ({@code statistics.sftp.*}).
 *
 * @param host the server's address
 * @param port the server's port (22 in production; any in tests)
 * @param user the bank's registered user name
 * @param hostKey the server's public host key as registered (OpenSSH {@code known_hosts} form in the config)
 * @param userKeyLabel the label of the bank's SFTP login key on the token (RSA, EC P-256 or P-384)
 * @param outDir where reports go ({@code STAT/OUT})
 * @param inDir where replies come from ({@code STAT/IN})
 * @param timeout bound of connecting, authenticating and each SFTP request
 */
public record SftpSettings(String host, int port, String user, PublicKey hostKey, String userKeyLabel, String outDir,
                           String inDir, Duration timeout) {

    public SftpSettings {
        require(host != null && !host.isBlank(), "statistics.sftp.host: " + host + " (expected: a host name or IP)");
        require(port > 0 && port <= 65535, "statistics.sftp.port: " + port + " (expected: 1-65535)");
        require(user != null && !user.isBlank(), "statistics.sftp.user: " + user + " (expected: the registered user)");
        require(hostKey != null, "statistics.sftp.hostKey: null (expected: the server's public host key)");
        require(userKeyLabel != null && !userKeyLabel.isBlank(),
                "statistics.sftp.userKeyLabel: " + userKeyLabel + " (expected: the login key's label on the token)");
        require(outDir != null && !outDir.isBlank(), "statistics.sftp.outDir: " + outDir + " (expected: STAT/OUT)");
        require(inDir != null && !inDir.isBlank(), "statistics.sftp.inDir: " + inDir + " (expected: STAT/IN)");
        require(timeout != null && !timeout.isNegative() && !timeout.isZero(),
                "statistics.sftp.timeout: " + timeout + " (expected: a positive duration)");
    }

    /**
     * Reads a host key written as OpenSSH prints it ({@code known_hosts} or {@code .pub} form, e.g.
     * {@code ecdsa-sha2-nistp256 AAAAE2Vj…}), for the config loader.
     *
     * @throws StatisticsException {@code CONFIGURATION} naming {@code statistics.sftp.hostKey}
     */
    public static PublicKey parseHostKey(String line) {
        String text = line == null ? "" : line.strip();
        // A known_hosts line starts with the host pattern; the key type is the first field that is one.
        String[] fields = text.split("\\s+");
        if (fields.length >= 3 && !fields[0].contains("-") && fields[1].contains("-")) {
            text = text.substring(text.indexOf(fields[1]));
        }
        try {
            return PublicKeyEntry.parsePublicKeyEntry(text).resolvePublicKey(null, Map.of(),
                    PublicKeyEntryResolver.FAILING);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, "statistics.sftp.hostKey: "
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + " (expected: the server's public key as OpenSSH prints it, e.g. 'ecdsa-sha2-nistp256 AAAA…')", e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, message);
        }
    }
}
