package lv.sargs.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request targets (path and query) a stream asks for, handed out in turn over all its
 * connections: one target, or a list so that requests in flight at once ask for distinct subjects
 * (as many distinct ones as the list has, up to the number of connections).
 */
final class RequestTargets {

    private final List<String> targets;
    private final AtomicLong next = new AtomicLong();

    private RequestTargets(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    /** Always {@code target}, sent byte for byte (so it may be malformed on purpose). */
    static RequestTargets one(String target) {
        return new RequestTargets(List.of(target));
    }

    /**
     * One target per line of {@code file}: a path such as {@code /v1/companies/40003677732}, or a
     * URL whose path and query are taken; blank lines and lines starting with {@code #} are skipped.
     */
    static RequestTargets fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--paths-file " + file + ": " + e.getMessage()
                    + " (expected: a readable file, one path per line)", e);
        }
        List<String> targets = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            targets.add(t.startsWith("/") ? t : pathOf(file, t));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--paths-file " + file + " lists no path (expected: one path per line)");
        }
        return new RequestTargets(targets);
    }

    private static String pathOf(Path file, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--paths-file " + file + ": " + url
                    + " (expected: a path starting with / or a URL)", e);
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("--paths-file " + file + ": " + url
                    + " (expected: a path starting with / or a URL with a path)");
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The next target in turn; safe from any thread. */
    String next() {
        return targets.size() == 1 ? targets.get(0)
                : targets.get((int) Math.floorMod(next.getAndIncrement(), (long) targets.size()));
    }

    /** How many distinct targets there are. */
    int size() {
        return targets.size();
    }
}
