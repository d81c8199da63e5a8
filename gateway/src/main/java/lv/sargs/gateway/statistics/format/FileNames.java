package lv.sargs.gateway.statistics.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The file names of Latvijas Banka's file-exchange rules (point 2; docs/protocols.md §4) for one report: the plain file
 * is {@code aaa_kkk_yyyymmdd.txt}, or {@code aaa_kkk_yyyymmdd_nn_ss_vvv.txt} for the parts of a
 * split report; the signed and encrypted file sent is the same name with {@code .p7m}
 * <em>replacing</em> {@code .txt} ({@code aaa_kkk_yyyymmdd.p7m}).
 *
 * @param prefix the report prefix {@code aaa}
 * @param orgCode the MFI code (3 characters) or registration number (11 digits) {@code kkk}
 * @param periodEnd the last day of the period {@code yyyymmdd}
 */
public record FileNames(String prefix, String orgCode, LocalDate periodEnd) {

    /** The most parts a report may be split into ({@code nn} and {@code ss} have two digits). */
    public static final int MAX_PARTS = 99;
    /** The highest set version ({@code vvv} = {@code v} + two digits). */
    public static final int MAX_VERSION = 99;
    /** The extension of a signed and encrypted file, in place of {@link #TXT}. */
    public static final String P7M = ".p7m";
    /** The extension of a plain file. */
    public static final String TXT = ".txt";

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd");

    /** The name of an unsplit report without extension: {@code aaa_kkk_yyyymmdd}. */
    public String single() {
        return stem();
    }

    /**
     * The name of part {@code number} of {@code count} in set version {@code version}, without
     * extension: {@code aaa_kkk_yyyymmdd_nn_ss_vNN}.
     */
    public String part(int number, int count, int version) {
        if (number < 1 || number > count || count > MAX_PARTS) {
            throw new IllegalArgumentException("part " + number + " of " + count + " (expected: 1 <= part <= count <= 99)");
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new IllegalArgumentException("set version " + version + " (expected: 1-99)");
        }
        return String.format("%s_%02d_%02d_v%02d", stem(), number, count, version);
    }

    private String stem() {
        return prefix + "_" + orgCode + "_" + YYYYMMDD.format(periodEnd);
    }
}
