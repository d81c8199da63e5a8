package lv.sargs.gateway.statistics.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Latvijas Banka reply from {@code STAT/IN}, in the sandbox's documented form (plain text,
 * UTF-8, one {@code NAME=value} per line): {@code RESULT=ACCEPTED|REJECTED}, one
 * {@code FILE=<sha256> <name>} per file it answers, and {@code ERROR=…} lines.
 *
 * @param accepted whether the report was accepted
 * @param fileHashes the SHA-256 (lowercase hex) of each file the reply answers
 * @param messages every other line, verbatim
 */
public record Reply(boolean accepted, List<String> fileHashes, List<String> messages) {

    public Reply {
        fileHashes = List.copyOf(fileHashes);
        messages = List.copyOf(messages);
    }

    /** Parses a reply; empty when it carries no {@code RESULT} line. */
    public static Optional<Reply> parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        Boolean accepted = null;
        List<String> hashes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("RESULT=")) {
                String result = line.substring(7).toUpperCase(Locale.ROOT);
                accepted = result.equals("ACCEPTED") ? Boolean.TRUE : result.equals("REJECTED") ? Boolean.FALSE : null;
            } else if (line.startsWith("FILE=")) {
                String value = line.substring(5);
                int space = value.indexOf(' ');
                hashes.add((space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT));
            } else if (!line.isEmpty()) {
                messages.add(line);
            }
        }
        return accepted == null ? Optional.empty() : Optional.of(new Reply(accepted, hashes, messages));
    }
}
