package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/**
 * The optional {@code statistics} section: how the gateway produces, signs, encrypts and delivers
 * statistical reports to Latvijas Banka (docs/statistics.md); validated, immutable.
 *
 * @param orgCode the bank's code {@code kkk}: MFI code (3 characters) or registration number (11 digits)
 * @param encoding the file encoding: {@code WINDOWS_1257} or {@code UTF8_BOM}
 * @param maxFileBytes the size limit of one signed and encrypted file
 * @param maxLineChars the longest report line accepted
 * @param maxReportBytes the largest report body a POST may stream (beyond the listener's {@code maxBodySize})
 * @param signingKeyLabel the bank's signing key on the token
 * @param recipients PEM files, one Latvijas Banka certificate each; every file is encrypted to all of them
 * @param signWait how long to wait for the token's signature of one file
 * @param deliveryInterval how often undelivered reports are retried
 * @param pollInterval how often {@code STAT/IN} is read
 * @param sftp how to reach Latvijas Banka's file exchange
 */
public record StatisticsConfig(String orgCode, String encoding, long maxFileBytes, int maxLineChars, long maxReportBytes,
                               String signingKeyLabel, List<Path> recipients, Duration signWait,
                               Duration deliveryInterval, Duration pollInterval, Sftp sftp) {

    public StatisticsConfig {
        recipients = List.copyOf(recipients);
    }

    /**
     * {@code statistics.sftp}: Latvijas Banka's SFTP server and the bank's login there.
     *
     * @param host the server's host name or IP address
     * @param port the server's port
     * @param user the bank's registered user name
     * @param hostKey the server's public host key, pinned
     * @param userKeyLabel the SFTP login key on the token
     * @param outDir where reports are uploaded ({@code STAT/OUT})
     * @param inDir where replies are read ({@code STAT/IN})
     * @param timeout bound of connecting, logging in and each SFTP request
     */
    public record Sftp(String host, int port, String user, PublicKey hostKey, String userKeyLabel, String outDir,
                       String inDir, Duration timeout) {
    }
}
