package lv.sargs.gateway.lookup.fpr;

/**
 * The population register (FPR) in the DAGR style, docs/protocols.md §2: the permission number sent
 * as {@code X-DAGR-Permission}, and the paths (under the upstream's base URI) of the dataset's
 * person-by-code and changed-records operations — configurable, since the contract fixes them.
 *
 * @param permission the DAGR permission number
 * @param personPath a path with {@code {personalCode}}, e.g. {@code /fpr_person/v1/persons/{personalCode}}
 * @param changesPath a path with {@code {cursor}}, e.g. {@code /fpr_person/v1/persons-changes?from={cursor}&limit=100}
 */
public record FprSettings(String permission, String personPath, String changesPath) {

    static final String PERSONAL_CODE = "{personalCode}";
    static final String CURSOR = "{cursor}";

    public FprSettings {
        if (permission == null || !permission.matches("[A-Za-z0-9./-]{1,64}")) {
            throw new IllegalArgumentException("fpr.permission: " + permission
                    + " (expected: the DAGR permission number, letters, digits, '.', '/', '-')");
        }
        requireTemplate("fpr.personPath", personPath, PERSONAL_CODE);
        requireTemplate("fpr.changesPath", changesPath, CURSOR);
    }

    /** The paths the sandbox's FPR simulator serves, with {@code permission}. */
    public static FprSettings sandbox(String permission) {
        return new FprSettings(permission, "/fpr_person/v1/persons/{personalCode}",
                "/fpr_person/v1/persons-changes?from={cursor}&limit=100");
    }

    private static void requireTemplate(String field, String path, String placeholder) {
        if (path == null || !path.startsWith("/") || !path.contains(placeholder)) {
            throw new IllegalArgumentException(field + ": " + path + " (expected: an absolute path with " + placeholder + ")");
        }
    }
}
