package lv.sargs.provisioning;

/** A command that could not be carried out; the message is for the admin, the code for scripts. */
final class AdminException extends RuntimeException {

    private final int exitCode;

    AdminException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
