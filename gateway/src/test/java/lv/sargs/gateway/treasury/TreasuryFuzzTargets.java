package lv.sargs.gateway.treasury;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.http.StrictJson;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.w3c.dom.Document;

/**
 * Fuzz targets for a client's payment as the Treasury service takes it: JSON (checked, written as
 * pain.001, read back) and pain.001 XML (parsed, read into an instruction, checked by the Treasury
 * rules), the same steps {@link TreasuryService#submit} runs before anything is stored. A finding is
 * any exception but the refusals the service turns into a 4xx problem, or a refusal that is not in
 * the gateway's own words ({@link FuzzContract}).
 */
public final class TreasuryFuzzTargets {

    private static final SafeXml XML = new SafeXml(XmlLimits.TREASURY);
    private static final PaymentIds IDS = PaymentIds.derive("fuzz-client", "fuzz-key-1");
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private TreasuryFuzzTargets() {
    }

    /** A pain.001 document from a client, through parsing, reading and the Treasury rules. */
    public static void pain001(byte[] data) {
        Document doc;
        try {
            doc = XML.parse(data, IsoMessage.PAIN_001);
        } catch (XmlRejectedException e) {
            FuzzContract.ownWords(e.getMessage(), data);
            return;
        }
        PaymentInstruction instruction;
        try {
            instruction = PaymentInstruction.of(doc);
        } catch (TreasuryException e) {
            FuzzContract.ownWords(e.getMessage(), data);
            return;
        }
        checked(instruction, data);
    }

    private static void checked(PaymentInstruction instruction, byte[] data) {
        for (String problem : TreasuryRules.problems(instruction, TODAY)) {
            FuzzContract.ownWords(problem, data);
        }
    }

    /** A payment as JSON from a client: strict JSON, the field checks, the pain.001 written from it. */
    public static final class PaymentJson {
        public static void fuzzerTestOneInput(byte[] data) {
            com.fasterxml.jackson.databind.JsonNode request;
            try {
                request = StrictJson.read(data);
            } catch (IOException e) {
                FuzzContract.ownWords(StrictJson.describe(e), data);
                return;
            }
            byte[] pain001;
            try {
                pain001 = Pain001Writer.write(request, IDS, NOW, TODAY);
            } catch (TreasuryException e) {
                FuzzContract.ownWords(e.getMessage(), data);
                return;
            }
            Document doc;
            try {
                doc = XML.parse(pain001, IsoMessage.PAIN_001);
            } catch (XmlRejectedException e) {
                throw new AssertionError("a JSON payment the checks passed is not a valid pain.001: " + e.getMessage());
            }
            checked(PaymentInstruction.of(doc), data);
        }
    }
}
