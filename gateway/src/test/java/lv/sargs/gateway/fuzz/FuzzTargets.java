package lv.sargs.gateway.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.identifiers.Iban;
import lv.sargs.gateway.identifiers.InvalidIdentifierException;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.format.IndicatorSink;
import lv.sargs.gateway.statistics.format.Problems;
import lv.sargs.gateway.statistics.format.ReportValidator;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.w3c.dom.Document;

/**
 * Fuzz targets for every parser a client or an upstream reaches beyond HTTP: identifiers, the
 * ISO 20022 readers (pain.001 from clients; pain.002 and camt.053 from eKase), statistical
 * reports (lines and JSON) and the config loader. Each nested class has Jazzer's
 * {@code fuzzerTestOneInput(byte[])}; a finding is any exception but the documented refusal, or a
 * refusal in a library's words ({@link FuzzContract}).
 */
public final class FuzzTargets {

    private static final SafeXml XML = new SafeXml(XmlLimits.TREASURY);

    private FuzzTargets() {
    }

    /** Registration numbers, personal codes and IBANs. */
    public static final class Identifiers {
        public static void fuzzerTestOneInput(byte[] data) {
            String s = new String(data, StandardCharsets.UTF_8);
            RegistrationNumber.isValid(s);
            PersonalCode.isValid(s);
            Iban.isValid(s);
            Iban.problem(s).ifPresent(FuzzContract::ownWords);
            try {
                PersonalCode.parse(s);
            } catch (InvalidIdentifierException e) {
                FuzzContract.ownWords(e.getMessage());
            }
            try {
                Iban.parse(s);
            } catch (InvalidIdentifierException e) {
                FuzzContract.ownWords(e.getMessage());
            }
        }
    }

    /** pain.001 from a client. */
    public static final class Pain001 {
        public static void fuzzerTestOneInput(byte[] data) {
            xml(data, IsoMessage.PAIN_001);
        }
    }

    /** pain.002 from eKase, read into a status report. */
    public static final class Pain002 {
        public static void fuzzerTestOneInput(byte[] data) {
            Document doc = xml(data, IsoMessage.PAIN_002);
            if (doc != null) {
                try {
                    StatusReport.of(doc, data);
                } catch (EkaseException e) {
                    FuzzContract.ownWords(e.getMessage());
                }
            }
        }
    }

    /** camt.053 from eKase. */
    public static final class Camt053 {
        public static void fuzzerTestOneInput(byte[] data) {
            xml(data, IsoMessage.CAMT_053);
        }
    }

    private static Document xml(byte[] data, IsoMessage message) {
        try {
            return XML.parse(data, message);
        } catch (XmlRejectedException e) {
            FuzzContract.ownWords(e.getMessage());
            return null;
        }
    }

    /** Statistical reports as NAME=value lines and as JSON: every fault is a listed problem, never an exception. */
    public static final class StatisticsReport {
        private static final ReportValidator VALIDATOR = new ReportValidator("ABC", LocalDate.of(2026, 11, 20), 4096);

        public static void fuzzerTestOneInput(byte[] data) throws IOException {
            String body = new String(data, StandardCharsets.UTF_8);
            for (ReportSubmission.Form form : ReportSubmission.Form.values()) {
                Problems problems = new Problems(1000);
                VALIDATOR.validate(new ReportSubmission("K01", LocalDate.of(2026, 10, 31), OptionalInt.empty(), form),
                        new StringReader(body), NO_SINK, problems);
                problems.kept().forEach(p -> FuzzContract.ownWords(p.text()));
            }
        }

        private static final IndicatorSink NO_SINK = new IndicatorSink() {
            @Override
            public void identifying(String name, String value) {
            }

            @Override
            public void data(String name, String value) {
            }
        };
    }

    /** The config loader: every fault is a ConfigException listing problems. */
    public static final class Config {
        private static final ConfigLoader LOADER = ConfigLoader.with(
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC), Map.of());

        public static void fuzzerTestOneInput(byte[] data) {
            try {
                LOADER.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
            } catch (ConfigException e) {
                e.problems().forEach(p -> {
                    if (p.toString().indexOf('\n') >= 0) {
                        throw new AssertionError("a line break in a config problem: " + p);
                    }
                });
            }
        }
    }
}
