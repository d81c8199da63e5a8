package lv.sargs.sandbox.lb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * What the exchange does with each complete upload: takes it out of {@code STAT/OUT}, opens it,
 * waits for the rest of a split set, judges the report and writes the reply into {@code STAT/IN}.
 * Runs on one thread, so sets assemble without locking.
 */
final class Intake {

    /** One opened file waiting for the rest of its set. */
    private record Opened(String name, String sha256, Path plain) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path workDir;
    private final P7mOpener opener;
    private final Clock clock;
    private final Map<String, TreeMap<Integer, Opened>> sets = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    Intake(Path workDir, P7mOpener opener, Clock clock) {
        this.workDir = workDir;
        this.opener = opener;
        this.clock = clock;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Processes {@code upload}, a complete file under its final name in the user's {@code STAT/OUT}. */
    void accept(LbUser user, Path upload, Path inDir) {
        String name = upload.getFileName().toString();
        try {
            Path taken = workDir.resolve(user.name() + "-" + sequence.incrementAndGet() + "-" + name);
            Files.move(upload, taken, StandardCopyOption.ATOMIC_MOVE);
            String sha256 = sha256(taken);
            Optional<UploadName> parsed = UploadName.parse(name);
            if (parsed.isEmpty()) {
                reply(user, inDir, List.of(new Opened(name, sha256, null)), List.of(name
                        + ": file name (expected: aaa_kkk_yyyymmdd.p7m or aaa_kkk_yyyymmdd_nn_ss_vvv.p7m)"));
                return;
            }
            UploadName upName = parsed.get();
            Path plain = workDir.resolve(taken.getFileName() + ".txt");
            try {
                opener.open(taken, user.signingCertificate(), plain);
            } catch (P7mOpener.Refused e) {
                reply(user, inDir, List.of(new Opened(name, sha256, null)), List.of(name + ": " + e.getMessage()));
                return;
            } finally {
                Files.deleteIfExists(taken);
            }
            TreeMap<Integer, Opened> set = sets.computeIfAbsent(user.name() + "/" + upName.setKey(), k -> new TreeMap<>());
            set.put(upName.part(), new Opened(name, sha256, plain));
            if (set.size() < upName.parts()) {
                return;
            }
            sets.remove(user.name() + "/" + upName.setKey());
            List<Opened> files = new ArrayList<>(set.values());
            UploadName first = UploadName.parse(files.get(0).name()).orElseThrow();
            List<String> errors = ContentOracle.check(user, first, files.stream().map(Opened::name).toList(),
                    files.stream().map(Opened::plain).toList());
            reply(user, inDir, files, errors);
            for (Opened f : files) {
                Files.deleteIfExists(f.plain());
            }
        } catch (IOException e) {
            Logger.error(e, "sandbox LB: cannot process {} of {}", name, user.name());
        }
    }

    private void reply(LbUser user, Path inDir, List<Opened> files, List<String> errors) throws IOException {
        StringBuilder text = new StringBuilder("RESULT=").append(errors.isEmpty() ? "ACCEPTED" : "REJECTED").append('\n');
        for (Opened f : files) {
            text.append("FILE=").append(f.sha256()).append(' ').append(f.name()).append('\n');
        }
        for (String e : errors) {
            text.append("ERROR=").append(e).append('\n');
        }
        String replyName = files.get(0).name() + "." + STAMP.format(clock.instant()) + ".reply.txt";
        Path temporary = inDir.resolve("." + replyName + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, inDir.resolve(replyName), StandardCopyOption.ATOMIC_MOVE);
        received.add(new Received(user.name(), files.stream().map(Opened::name).toList(), errors.isEmpty(), errors,
                replyName));
        Logger.info("sandbox LB: {} from {} {}", files.get(0).name(), user.name(),
                errors.isEmpty() ? "accepted" : "rejected: " + errors);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
