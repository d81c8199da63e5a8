package lv.sargs.provisioning.doctor;

/**
 * The outcome of one doctor check: what was checked, how it went, what was seen, what to do when
 * it is not OK, and how long it took.
 *
 * @param fix empty when nothing is to be done
 */
public record Check(String name, Status status, String detail, String fix, long millis) {

    /** OK passes; WARN passes but needs attention soon; FAIL fails the doctor; SKIP could not run. */
    public enum Status { OK, WARN, FAIL, SKIP }

    static Check ok(String name, String detail, long millis) {
        return new Check(name, Status.OK, detail, "", millis);
    }

    static Check warn(String name, String detail, String fix, long millis) {
        return new Check(name, Status.WARN, detail, fix, millis);
    }

    static Check fail(String name, String detail, String fix, long millis) {
        return new Check(name, Status.FAIL, detail, fix, millis);
    }

    static Check skip(String name, String why) {
        return new Check(name, Status.SKIP, why, "", 0);
    }
}
