package lv.sargs.gateway.lookup.viss;

/** What a VISS business call produced: the upstream's answer, or the register's "no such entity". */
public sealed interface VissResult {

    /**
     * The upstream's answer as is, for the lookup service to map: any status but 401, 429 and 5xx
     * (which the client handles), with a body checked to be well-formed JSON.
     *
     * @param status the HTTP status
     * @param json the body
     */
    record Answer(int status, byte[] json) implements VissResult {
        @Override
        public String toString() {
            return "Answer[HTTP " + status + ", " + json.length + " bytes]";
        }
    }

    /**
     * HTTP 400 with error code {@code ENTITY_NOT_FOUND}: the register has no such entity or person.
     *
     * @param path the path asked for
     * @param json the upstream's error body
     */
    record NotFound(String path, byte[] json) implements VissResult {
        @Override
        public String toString() {
            return "NotFound[" + path + "]";
        }
    }
}
