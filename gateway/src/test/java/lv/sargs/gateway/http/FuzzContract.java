package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;

/** What every refusal found by a fuzz target must be: bounded, one line, in the gateway's own words. */
public final class FuzzContract {

    private FuzzContract() {
    }

    /** Fails (as a finding) when {@code message} leaks a library's words, a line break, or is unbounded. */
    public static void ownWords(String message) {
        if (message == null || message.isEmpty()) {
            throw new AssertionError("a refusal without words");
        }
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw new AssertionError("a line break in a refusal: " + ClientValues.forLog(message));
        }
        if (message.length() > 2_000) {
            throw new AssertionError("an unbounded refusal of " + message.length() + " characters");
        }
        for (String leak : new String[] {"cvc-", "com.fasterxml", "StreamReadConstraints", "org.xml", "org.apache",
            "com.sun.", "jdk.internal", "Exception"}) {
            if (message.contains(leak)) {
                throw new AssertionError("a library's words in a refusal (" + leak + "): " + ClientValues.forLog(message));
            }
        }
    }
}
