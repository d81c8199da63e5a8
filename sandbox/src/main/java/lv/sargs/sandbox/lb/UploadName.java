package lv.sargs.sandbox.lb;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an uploaded file's name, {@code aaa_kkk_yyyymmdd[_nn_ss_vvv].p7m}
 * ({@code .p7m} replaces the plain file's {@code .txt}, file-exchange rules point 2).
 *
 * @param prefix {@code aaa}
 * @param orgCode {@code kkk}
 * @param date {@code yyyymmdd}
 * @param part {@code nn}, 1 for an unsplit file
 * @param parts {@code ss}, 1 for an unsplit file
 * @param version the set version, 0 for an unsplit file
 */
record UploadName(String prefix, String orgCode, String date, int part, int parts, int version) {

    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9]{3})_([A-Za-z0-9]{3}|[0-9]{11})_([0-9]{8})(?:_([0-9]{2})_([0-9]{2})_v([0-9]{2}))?\\.p7m");

    static Optional<UploadName> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean split = m.group(4) != null;
        return Optional.of(new UploadName(m.group(1), m.group(2), m.group(3),
                split ? Integer.parseInt(m.group(4)) : 1, split ? Integer.parseInt(m.group(5)) : 1,
                split ? Integer.parseInt(m.group(6)) : 0));
    }

    /** What identifies the set this file belongs to, for one user. */
    String setKey() {
        return prefix + "_" + orgCode + "_" + date + (version == 0 ? "" : "_v" + version);
    }
}
