package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ProducedFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import lv.sargs.gateway.statistics.format.ReportValidator;
import lv.sargs.hsm.KeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFilesTest {

    private static final long LIMIT = StatisticsSettings.MIN_MAX_FILE_BYTES;

    @TempDir
    Path dir;

    private static String dataLines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(String.format("R%06d_C01=%d.%02d%n", i, i * 37L, i % 100).replace("\r", ""));
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"RSA_2048", "EC_P384"})
    void splitsABigReportIntoPartsUnderTheLimitThatOpensslOpens(KeySpec bankKey) throws Exception {
        try (StatisticsFixture fixture = new StatisticsFixture(bankKey)) {
            String data = dataLines(9000);
            List<ProducedFile> files = produce(fixture, fixture.settings(dir, LIMIT), data);

            assertTrue(files.size() >= 3, "a report of ~3.5 limits is split: " + files);
            Openssl openssl = new Openssl(dir.resolve("openssl"), fixture.ca);
            List<String> dataBack = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                ProducedFile f = files.get(i);
                Path p7m = dir.resolve("out").resolve(f.name());
                assertEquals(String.format("K01_ABC_20261031_%02d_%02d_v01.p7m", i + 1, files.size()), f.name());
                assertEquals(Files.size(p7m), f.size());
                assertTrue(f.size() <= LIMIT, f.name() + " is " + f.size() + " bytes, over the limit " + LIMIT);
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p7m))), f.sha256());

                byte[] viaRsa = openssl.decryptAndVerify(p7m, fixture.lbRsa, "rsa");
                byte[] viaEc = openssl.decryptAndVerify(p7m, fixture.lbEc, "ec");
                assertArrayEquals(viaRsa, viaEc, "both Latvijas Banka recipients read the same content");
                List<String> lines = lines(viaRsa, Charset.forName("windows-1257"));
                if (i == 0) {
                    assertEquals(StatisticsFixture.identifying().lines().toList(), lines.subList(0, 6),
                            "the first part opens with the identifying indicators");
                    lines = lines.subList(6, lines.size());
                }
                for (String line : lines) {
                    assertFalse(ReportValidator.IDENTIFYING.contains(line.substring(0, line.indexOf('='))),
                            "identifying indicators only in the first part: " + f.name() + ": " + line);
                }
                dataBack.addAll(lines);
            }
            assertEquals(data.lines().toList(), dataBack, "the parts give back the original lines, in order");
        }
    }

    @Test
    void writesUtf8WithAByteOrderMarkInEveryPart() throws Exception {
        try (StatisticsFixture fixture = new StatisticsFixture(KeySpec.EC_P384)) {
            String data = "R1=Ģirts Ķemers\n" + dataLines(4000);
            List<ProducedFile> files = produce(fixture,
                    fixture.settings(dir, LIMIT).withEncoding(FileEncoding.UTF8_BOM), data);
            assertTrue(files.size() >= 2, "split: " + files);
            Openssl openssl = new Openssl(dir.resolve("openssl"), fixture.ca);
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            for (ProducedFile f : files) {
                byte[] content = openssl.decryptAndVerify(dir.resolve("out").resolve(f.name()), fixture.lbEc, "ec");
                assertArrayEquals(bom, Arrays.copyOf(content, 3), f.name() + " starts with the UTF-8 BOM");
            }
            byte[] first = openssl.decryptAndVerify(dir.resolve("out").resolve(files.get(0).name()), fixture.lbEc, "ec");
            String text = new String(first, StandardCharsets.UTF_8);
            assertTrue(text.contains("\r\nPERSONA=Jānis Bērziņš\r\n") && text.contains("\r\nR1=Ģirts Ķemers\r\n"), text);
        }
    }

    @Test
    void keepsASmallReportInOneFileAndAReportWithoutDataHoldsOnlyTheIdentifyingLines() throws Exception {
        try (StatisticsFixture fixture = new StatisticsFixture(KeySpec.RSA_2048)) {
            List<ProducedFile> files = produce(fixture, fixture.settings(dir, LIMIT), "");
            assertEquals(List.of("K01_ABC_20261031.p7m"), files.stream().map(ProducedFile::name).toList());
            byte[] content = new Openssl(dir.resolve("openssl"), fixture.ca)
                    .decryptAndVerify(dir.resolve("out").resolve(files.get(0).name()), fixture.lbRsa, "rsa");
            assertEquals(StatisticsFixture.identifying().lines().toList(),
                    lines(content, Charset.forName("windows-1257")));
        }
    }

    private List<ProducedFile> produce(StatisticsFixture fixture, StatisticsSettings settings, String data)
            throws IOException {
        ReportProducer producer = new ReportProducer(settings, fixture.protector());
        byte[] body = (StatisticsFixture.identifying() + data).getBytes(StandardCharsets.UTF_8);
        return producer.produce(StatisticsFixture.lines(), new ByteArrayInputStream(body), StatisticsFixture.TODAY, 1,
                dir, dir.resolve("out"));
    }

    private static List<String> lines(byte[] content, Charset charset) {
        String text = new String(content, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        assertTrue(text.isEmpty() || text.endsWith("\r\n"), "every line ends with CRLF");
        return text.lines().toList();
    }
}
