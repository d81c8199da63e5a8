package lv.sargs.sandbox.lb;

import java.util.List;

/**
 * A report (a single file or a complete split set) the simulated exchange processed, and its verdict.
 *
 * @param user the SFTP user who uploaded it
 * @param files the uploaded file names, in part order
 * @param accepted whether it was accepted
 * @param errors the reasons it was rejected, as written in the reply
 * @param replyFile the name of the reply written to the user's {@code STAT/IN}
 */
public record Received(String user, List<String> files, boolean accepted, List<String> errors, String replyFile) {

    public Received {
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }
}
