package lv.sargs.gateway.statistics.protect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns a plain statistics file into its {@code .p7m}: signed with the bank's key, then encrypted
 * to every Latvijas Banka recipient — streaming, in bounded memory, whatever the file's size.
 */
public interface FileProtector {

    /** Reads {@code plain} to its end and writes the protected file to {@code p7m} (neither is closed). */
    void protect(InputStream plain, OutputStream p7m) throws IOException;

    /**
     * An upper bound of the bytes protection adds to a plain file of {@code plainBytes}, so the
     * caller can cut files that stay under a size limit after protection.
     */
    long overheadBound(long plainBytes);
}
