package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lv.sargs.gateway.http.ProblemType;
import org.junit.jupiter.api.Test;

class TreasuryRoutesTest {

    @Test
    void everyServiceFailureHasAProblemTypeWithItsCodeAndStatus() {
        for (TreasuryException.Code code : TreasuryException.Code.values()) {
            ProblemType type = TreasuryRoutes.problemType(code);
            assertEquals(code.problemCode(), type.code(), code.name());
            assertEquals(code.httpStatus(), type.status().code(), code.name());
        }
    }
}
