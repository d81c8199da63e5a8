package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Sargs's documents against the official ISO 20022 XSDs (test scope, from the ledgers-jaxb-api
 * jar on Maven Central; never copied into Sargs): the pain.001 Sargs writes from JSON is valid, and
 * the pain.002 documents the reading tests use are ones the official schema accepts, so accepting
 * them is not leniency.
 */
class OfficialSchemaTest {

    private static final String LEDGERS = "ledgers-jaxb-api";
    private static final String HBCI4J = "hbci4j-core";

    /** The XSD {@code name} from the jar of {@code artifact} (two test jars carry a pain.001.001.03.xsd). */
    private static Schema official(String name, String artifact) throws Exception {
        URL url = null;
        for (URL candidate : Collections.list(OfficialSchemaTest.class.getClassLoader().getResources(name))) {
            if (candidate.toString().contains(artifact)) {
                url = candidate;
            }
        }
        assertNotNull(url, name + " of " + artifact + " on the test class path");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream in = url.openStream()) {
            return factory.newSchema(new StreamSource(in, url.toExternalForm()));
        }
    }

    private static void validate(Schema schema, byte[] xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void thePain001WrittenFromJsonIsValidAgainstTheOfficialSchema() throws Exception {
        byte[] xml = Pain001Writer.write(new ObjectMapper().readTree(Pain001WriterTest.REQUEST),
                PaymentIds.derive("client-a", "key-1"), Instant.parse("2026-11-21T07:00:00Z"), LocalDate.parse("2026-11-21"));
        validate(official("pain.001.001.03.xsd", LEDGERS), xml);
    }

    @Test
    void theReadingTestsPain002DocumentsAreValidAgainstTheOfficialSchema() throws Exception {
        Schema schema = official("pain.002.001.03.xsd", LEDGERS);
        for (String name : new String[] {"pain002-transaction-rejections.xml", "pain002-per-payment-information.xml"}) {
            validate(schema, AccountReportReadingTest.document(name).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theReadingTestsAccountReportsAreValidAgainstTheOfficialSchema() throws Exception {
        Schema camt052 = official("camt.052.001.02.xsd", HBCI4J);
        validate(camt052, AccountReportReadingTest.document("camt052-intraday.xml").getBytes(StandardCharsets.UTF_8));
        // camt.053's statement has camt.052's report structure (the same 2009 types, the same order):
        // the statement with every optional family, renamed, is checked against the official types.
        String asReport = AccountReportReadingTest.document("camt053-every-family.xml")
                .replace("camt.053.001.02", "camt.052.001.02").replace("BkToCstmrStmt>", "BkToCstmrAcctRpt>")
                .replace("<Stmt>", "<Rpt>").replace("</Stmt>", "</Rpt>").replace("AddtlStmtInf>", "AddtlRptInf>");
        validate(camt052, asReport.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOfficialSchemaRefusesWhatSargsRefuses() throws Exception {
        Schema schema = official("pain.002.001.03.xsd", LEDGERS);
        String accr = AccountReportReadingTest.document("pain002-transaction-rejections.xml")
                .replace("<TxSts>ACSC</TxSts>", "<TxSts>ACCR</TxSts>");
        assertThrows(SAXException.class, () -> validate(schema, accr.getBytes(StandardCharsets.UTF_8)));
    }
}
