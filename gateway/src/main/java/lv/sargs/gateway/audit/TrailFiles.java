package lv.sargs.gateway.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a v2 trail lives: numbered files {@code audit-000001.jsonl}, {@code audit-000002.jsonl} …
 * in the trail directory (a new number on each rotation), and the checkpoints file
 * {@code audit-checkpoints.jsonl} beside (not inside) that directory.
 */
public final class TrailFiles {

    /** The checkpoints file's name, in the directory that holds the trail's directory. */
    public static final String CHECKPOINTS = "audit-checkpoints.jsonl";
    private static final Pattern NAME = Pattern.compile("audit-(\\d{6})\\.jsonl");

    private TrailFiles() {
    }

    /** The name of trail file {@code index}. */
    static String name(int index) {
        return String.format("audit-%06d.jsonl", index);
    }

    /** The index in a trail file's name, or -1 when it is not a v2 trail file. */
    static int index(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The checkpoints file kept for the trail in {@code trailDirectory}. */
    public static Path checkpointsOf(Path trailDirectory) {
        Path parent = trailDirectory.toAbsolutePath().getParent();
        return parent.resolve(CHECKPOINTS);
    }

    /** The v2 trail files in {@code directory}, in chain order. */
    static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(directory)) {
            s.filter(p -> index(p.getFileName().toString()) > 0).forEach(files::add);
        }
        files.sort((a, b) -> Integer.compare(index(a.getFileName().toString()), index(b.getFileName().toString())));
        return files;
    }

    /** Receives each complete line of a file. */
    interface LineVisitor {
        void line(long number, String text) throws IOException;
    }

    /**
     * Reads {@code file} line by line (LF-terminated, UTF-8); returns the number of bytes after the
     * last LF — a line cut short by a crash mid-write, never handed to the visitor.
     */
    static long readLines(Path file, LineVisitor visitor) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            long number = 0;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    visitor.line(++number, line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            return line.size();
        }
    }
}
