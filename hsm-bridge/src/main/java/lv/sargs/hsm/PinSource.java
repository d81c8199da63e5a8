package lv.sargs.hsm;

import java.nio.file.Path;

/** Where the token's PIN comes from at start; the PIN itself is only ever held as a {@code char[]}. */
public sealed interface PinSource {

    /** A file readable only by the service user; one line, trailing newline ignored. */
    record File(Path path) implements PinSource {
    }

    /** An environment variable, e.g. set by systemd's {@code LoadCredential}/{@code Environment}. */
    record Environment(String variable) implements PinSource {
    }

    /** Asked for on the console at start (an attended boot of the appliance). */
    record ConsolePrompt() implements PinSource {
    }
}
