package lv.sargs.gateway.statistics.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** One open SFTP session: the few requests delivery and reply collection need, failures as {@link DeliveryException}. */
public final class SftpExchange implements AutoCloseable {

    private final ClientSession session;
    private final SftpClient sftp;
    private final String where;

    SftpExchange(ClientSession session, SftpClient sftp, String where) {
        this.session = session;
        this.sftp = sftp;
        this.where = where;
    }

    /** Whether {@code path} exists on the server. */
    public boolean exists(String path) throws DeliveryException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failed("stat " + path, e);
        } catch (IOException e) {
            throw failed("stat " + path, e);
        }
    }

    /** Removes {@code path} when it exists. */
    public void removeIfExists(String path) throws DeliveryException {
        try {
            sftp.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw failed("remove " + path, e);
            }
        } catch (IOException e) {
            throw failed("remove " + path, e);
        }
    }

    /** Writes {@code local} to {@code remote}, creating or truncating it. */
    public void upload(Path local, String remote) throws DeliveryException {
        try (OutputStream out = sftp.write(remote, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate)) {
            Files.copy(local, out);
        } catch (IOException e) {
            throw failed("upload " + local.getFileName() + " to " + remote, e);
        }
    }

    /** Renames {@code from} to {@code to}; fails if {@code to} exists. */
    public void rename(String from, String to) throws DeliveryException {
        try {
            sftp.rename(from, to);
        } catch (IOException e) {
            throw failed("rename " + from + " to " + to, e);
        }
    }

    /** The names of the regular files in {@code dir}. */
    public List<String> listFiles(String dir) throws DeliveryException {
        List<String> names = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                if (entry.getAttributes().isRegularFile()) {
                    names.add(entry.getFilename());
                }
            }
        } catch (IOException e) {
            throw failed("list " + dir, e);
        }
        return names;
    }

    /** Reads {@code path}, refusing one larger than {@code maxBytes}. */
    public byte[] read(String path, int maxBytes) throws DeliveryException {
        try (InputStream in = sftp.read(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new DeliveryException(DeliveryException.Code.TRANSFER_FAILED,
                            where + ": " + path + " is larger than " + maxBytes + " bytes (expected: a short reply)", null);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw failed("read " + path, e);
        }
    }

    private DeliveryException failed(String what, IOException e) {
        return new DeliveryException(DeliveryException.Code.TRANSFER_FAILED,
                where + ": " + what + " failed (" + e.getMessage() + ")", e);
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // Closing after the work is done; the session close below releases everything anyway.
        }
        try {
            session.close();
        } catch (IOException ignored) {
            // As above: nothing left to save on a session being closed.
        }
    }
}
