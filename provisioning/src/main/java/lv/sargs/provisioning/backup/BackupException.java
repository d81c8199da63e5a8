package lv.sargs.provisioning.backup;

/** A backup could not be written, or an archive cannot be restored; the message says why and what to do. */
public final class BackupException extends Exception {

    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }
}
