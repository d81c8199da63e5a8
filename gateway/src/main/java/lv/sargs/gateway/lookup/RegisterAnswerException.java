package lv.sargs.gateway.lookup;

/** A register answered something the gateway cannot map (not JSON, wrong shape); never cached. */
public final class RegisterAnswerException extends RuntimeException {

    public RegisterAnswerException(String message) {
        super(message);
    }
}
