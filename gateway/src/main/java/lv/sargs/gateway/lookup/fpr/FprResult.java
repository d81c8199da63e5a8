package lv.sargs.gateway.lookup.fpr;

/** What an FPR call produced: the register's answer, or "no such person". */
public sealed interface FprResult {

    /**
     * The upstream's answer as is (any status but 401, 404, 429 and 5xx), its body well-formed
     * JSON, for the lookup service to map — including a person whose code changed (old → new).
     *
     * @param status the HTTP status
     * @param json the body
     */
    record Answer(int status, byte[] json) implements FprResult {
        @Override
        public String toString() {
            return "Answer[HTTP " + status + ", " + json.length + " bytes]";
        }
    }

    /**
     * HTTP 404: the register has no person under that code.
     *
     * @param path the path asked for
     */
    record NotFound(String path) implements FprResult {
    }
}
