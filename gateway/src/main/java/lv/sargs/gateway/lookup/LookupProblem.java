package lv.sargs.gateway.lookup;

import lv.sargs.gateway.problem.ProblemCode;

/** The problems a register lookup or watch is answered with, beyond the HTTP layer's own. */
public enum LookupProblem implements ProblemCode.Declared {
    INVALID_IDENTIFIER("invalid-identifier", 400, "The identifier fails its format or checksum rule"),
    PURPOSE_REQUIRED("purpose-required", 400, "The request does not name its purpose"),
    PURPOSE_NOT_ALLOWED("purpose-not-allowed", 403, "The client may not state this purpose"),
    SUBJECT_NOT_FOUND("subject-not-found", 404, "The register does not know the subject"),
    REGISTER_FAILED("register-failed", 502, "The register failed and nothing usable is cached"),
    REGISTER_TIMEOUT("register-timeout", 504,
            "The register did not answer within the budget and nothing usable is cached"),
    FEE_BUDGET_EXHAUSTED(FeeBudgetExhaustedException.CODE, 429,
            "The client's daily register fee budget does not cover the register call this lookup needs");

    private final Parts parts;

    LookupProblem(String code, int httpStatus, String title) {
        this.parts = new Parts(code, httpStatus, title);
    }

    @Override
    public Parts parts() {
        return parts;
    }
}
