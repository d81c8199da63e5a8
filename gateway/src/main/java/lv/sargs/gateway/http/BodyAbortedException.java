package lv.sargs.gateway.http;

import java.io.IOException;

/** A streamed request body that will not arrive whole: the connection was lost, the body refused or the client stalled. */
public final class BodyAbortedException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyAbortedException(String reason) {
        super("request body aborted: " + reason);
    }
}
