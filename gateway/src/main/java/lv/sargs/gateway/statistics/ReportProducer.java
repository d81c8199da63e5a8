package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.gateway.statistics.report.ProducedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import lv.sargs.gateway.statistics.format.FileNames;
import lv.sargs.gateway.statistics.format.PartPlan;
import lv.sargs.gateway.statistics.format.Problems;
import lv.sargs.gateway.statistics.format.ReportSpool;
import lv.sargs.gateway.statistics.format.ReportValidator;
import lv.sargs.gateway.statistics.protect.FileProtector;

/**
 * Turns a submitted report into its signed and encrypted files: validates while spooling the lines
 * in the file encoding, plans the cut under the size limit, then protects each file and checks its
 * actual size — two streaming passes over the spool, nothing of the report held in memory.
 */
final class ReportProducer {

    private static final int PROBLEM_CAP = 1000;

    private final StatisticsSettings settings;
    private final FileProtector protector;

    ReportProducer(StatisticsSettings settings, FileProtector protector) {
        this.settings = settings;
        this.protector = protector;
    }

    /** The most plain bytes per file so that, protected, it stays under the limit with a 1 % margin. */
    long plainBudget() {
        long limit = settings.maxFileBytes();
        long budget = limit - limit / 100 - protector.overheadBound(limit);
        if (budget <= 0) {
            throw new StatisticsException(StatisticsException.Code.CONFIGURATION, "statistics.maxFileBytes: " + limit
                    + " (expected: more than the CMS overhead of " + protector.overheadBound(limit) + " bytes)");
        }
        return budget;
    }

    /**
     * Validates and produces the report into {@code outDir}.
     *
     * @throws ReportRejectedException listing every problem when the report breaks the rules
     */
    List<ProducedFile> produce(ReportSubmission submission, InputStream body, LocalDate today, int setVersion,
                               Path workDir, Path outDir) throws IOException {
        Path spoolFile = Files.createTempFile(workDir, "report-", ".spool");
        try {
            ReportSpool spool = new ReportSpool(spoolFile, settings.encoding().charset());
            Problems problems = new Problems(PROBLEM_CAP);
            try (spool; Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
                new ReportValidator(settings.orgCode(), today, settings.maxLineChars())
                        .validate(submission, reader, spool, problems);
            }
            if (!problems.isEmpty()) {
                throw new ReportRejectedException(problems.kept(), problems.total());
            }
            return write(submission, spool, setVersion, outDir);
        } finally {
            Files.deleteIfExists(spoolFile);
        }
    }

    private List<ProducedFile> write(ReportSubmission submission, ReportSpool spool, int setVersion, Path outDir)
            throws IOException {
        byte[] bom = settings.encoding().bom();
        byte[] identifying = spool.identifyingLines();
        byte[] firstHeader = concat(bom, identifying);
        PartPlan plan = PartPlan.plan(spool.dataFile(), firstHeader.length, bom.length, plainBudget());
        FileNames names = new FileNames(submission.prefix(), settings.orgCode(), submission.periodEnd());
        Files.createDirectories(outDir);
        List<ProducedFile> files = new ArrayList<>();
        int count = plan.slices().size();
        for (int i = 0; i < count; i++) {
            String name = (plan.single() ? names.single() : names.part(i + 1, count, setVersion)) + FileNames.P7M;
            PartPlan.Slice slice = plan.slices().get(i);
            byte[] header = i == 0 ? firstHeader : bom;
            files.add(protect(name, header, spool.dataFile(), slice, outDir));
        }
        return files;
    }

    private ProducedFile protect(String name, byte[] header, Path spool, PartPlan.Slice slice, Path outDir)
            throws IOException {
        Path target = outDir.resolve(name);
        Path partial = outDir.resolve(name + ".partial");
        MessageDigest sha256 = sha256();
        try (InputStream data = SliceInputStream.open(spool, slice.start(), slice.end());
             InputStream plain = new SequenceInputStream(new ByteArrayInputStream(header), data);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
            protector.protect(plain, out);
        }
        long size = Files.size(partial);
        if (size > settings.maxFileBytes()) {
            Files.delete(partial);
            throw new StatisticsException(StatisticsException.Code.PART_TOO_LARGE, name + ": " + size
                    + " bytes signed and encrypted (expected: at most statistics.maxFileBytes = "
                    + settings.maxFileBytes() + ")");
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new ProducedFile(name, size, HexFormat.of().formatHex(sha256.digest()), ProducedFile.Delivery.PENDING);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
