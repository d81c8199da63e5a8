package lv.sargs.sandbox.lb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulator's own reading of docs/protocols.md §4, independent of the gateway's validator: checks
 * the decrypted files of one report (single or split set) line by line, as the oracle the gateway's
 * output is judged against.
 */
final class ContentOracle {

    private static final int MAX_ERRORS = 100;
    private static final Charset WINDOWS_1257 = Charset.forName("windows-1257");
    private static final Set<String> IDENTIFYING =
            Set.of("ORG_KODS", "DATUMS", "LABOJUMS", "IESN_DAT", "PERSONA", "TALRUNIS", "EPASTS");
    private static final List<String> MANDATORY = List.of("ORG_KODS", "DATUMS", "IESN_DAT", "PERSONA", "TALRUNIS", "EPASTS");
    private static final Pattern LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)=([^=]+)");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("[-+]?[0-9][0-9.]*,[0-9]+");
    private static final Pattern ODD_NEGATIVE = Pattern.compile("\\([0-9][0-9.,]*\\)|[0-9][0-9.,]*-|[\u2212\u2013][0-9][0-9.,]*");
    private static final Pattern YYYYMMDD = Pattern.compile("[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])");

    private final List<String> errors = new ArrayList<>();

    /**
     * Checks the set; returns the errors (empty when accepted).
     *
     * @param names the uploaded names, in part order
     * @param plains the decrypted contents, in part order
     */
    static List<String> check(LbUser user, UploadName first, List<String> names, List<Path> plains) throws IOException {
        ContentOracle oracle = new ContentOracle();
        if (!first.orgCode().equals(user.orgCode())) {
            oracle.error(names.get(0) + ": kkk " + first.orgCode() + " (expected: " + user.orgCode()
                    + ", the code registered for " + user.name() + ")");
        }
        Map<String, Integer> identifying = new HashMap<>();
        for (int i = 0; i < plains.size(); i++) {
            oracle.checkFile(names.get(i), plains.get(i), i == 0, identifying, user, first);
        }
        for (String name : MANDATORY) {
            if (!identifying.containsKey(name)) {
                oracle.error(names.get(0) + ": " + name + " missing (expected: in the first file)");
            }
        }
        if (first.version() > 1 && !identifying.containsKey("LABOJUMS")) {
            oracle.error(names.get(0) + ": LABOJUMS missing (expected: on set version " + first.version() + ")");
        }
        return oracle.errors;
    }

    private void checkFile(String file, Path plain, boolean isFirst, Map<String, Integer> identifying, LbUser user,
                           UploadName name) throws IOException {
        try (PushbackInputStream raw = new PushbackInputStream(Files.newInputStream(plain), 3)) {
            boolean utf8 = skipBom(raw);
            CharsetDecoder decoder = (utf8 ? StandardCharsets.UTF_8 : WINDOWS_1257).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharsetEncoder inSet = WINDOWS_1257.newEncoder();
            BufferedReader lines = new BufferedReader(new InputStreamReader(raw, decoder), 64 * 1024);
            int number = 0;
            String line;
            try {
                while ((line = lines.readLine()) != null) {
                    number++;
                    checkLine(file + " line " + number + ": ", line, number, isFirst, identifying, inSet, user, name);
                }
            } catch (CharacterCodingException e) {
                error(file + " line " + (number + 1) + ": bytes not in " + (utf8 ? "UTF-8" : "windows-1257"));
            }
        }
    }

    private void checkLine(String at, String line, int number, boolean isFirst, Map<String, Integer> identifying,
                           CharsetEncoder inSet, LbUser user, UploadName name) {
        var m = LINE.matcher(line);
        if (!m.matches()) {
            error(at + line + " (expected: one NAME=value per line)");
            return;
        }
        if (!inSet.canEncode(line)) {
            error(at + line + " (expected: windows-1257 characters only)");
        }
        String indicator = m.group(1);
        String value = m.group(2);
        if (IDENTIFYING.contains(indicator)) {
            if (!isFirst) {
                error(at + indicator + " (expected: identifying indicators only in the first file)");
            } else if (identifying.putIfAbsent(indicator, number) != null) {
                error(at + indicator + " again (expected: once)");
            } else {
                checkIdentifying(at, indicator, value, user, name);
            }
        } else if (COMMA_DECIMAL.matcher(value).matches()) {
            error(at + line + " (expected: '.' as the decimal separator)");
        } else if (ODD_NEGATIVE.matcher(value).matches()) {
            error(at + line + " (expected: '-' before a negative value)");
        }
    }

    private void checkIdentifying(String at, String indicator, String value, LbUser user, UploadName name) {
        switch (indicator) {
            case "ORG_KODS" -> {
                if (!value.equals(user.orgCode())) {
                    error(at + "ORG_KODS=" + value + " (expected: " + user.orgCode() + ")");
                }
            }
            case "DATUMS" -> {
                if (!value.equals(name.date()) && !value.equals(name.date().substring(0, 6))) {
                    error(at + "DATUMS=" + value + " (expected: the period of the file name, " + name.date() + ")");
                }
            }
            case "IESN_DAT" -> {
                if (!YYYYMMDD.matcher(value).matches()) {
                    error(at + "IESN_DAT=" + value + " (expected: yyyymmdd)");
                }
            }
            case "LABOJUMS" -> {
                if (!value.matches("[1-9][0-9]*")) {
                    error(at + "LABOJUMS=" + value + " (expected: a correction number)");
                }
            }
            default -> {
                // PERSONA, TALRUNIS, EPASTS: any non-empty value passes here.
            }
        }
    }

    private static boolean skipBom(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return true;
        }
        in.unread(head);
        return false;
    }

    private void error(String text) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(text);
        }
    }
}
