package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;

/** What every refusal found by a fuzz target must be: bounded, one line, in the gateway's own words. */
public final class FuzzContract {

    private FuzzContract() {
    }

    /** Fails (as a finding) when {@code message} leaks a library's words, a line break, or is unbounded. */
    public static void ownWords(String message) {
        ownWords(message, "");
    }

    /**
     * As {@link #ownWords(String)}, for a refusal of {@code input}: a forbidden word the input itself
     * holds may come back inside the shortened, escaped echo of the client's value.
     */
    public static void ownWords(String message, byte[] input) {
        ownWords(message, new String(input, java.nio.charset.StandardCharsets.ISO_8859_1)
                + new String(input, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void ownWords(String message, String input) {
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
            if (message.contains(leak) && !input.contains(leak)) {
                throw new AssertionError("a library's words in a refusal (" + leak + "): " + ClientValues.forLog(message));
            }
        }
    }
}
