package lv.sargs.gateway.treasury.ekase;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;

/** Writes the camt.060.001.03 that asks eKase for one account's camt.052 or camt.053. */
public final class Camt060Writer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Camt060Writer() {
    }

    /**
     * A request for {@code requested} (camt.052 or camt.053) of {@code iban} for the entries booked on
     * {@code day} within {@code window} (local times as {@code HH:MM:SS}, no zone: the Treasury's day).
     *
     * @param msgId the request's MsgId
     */
    public static byte[] write(String msgId, Instant now, IsoMessage requested, String iban, LocalDate day,
                               ReportWindow window) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(IsoMessage.CAMT_060.namespace());
            w.writeStartElement("AcctRptgReq");
            w.writeStartElement("GrpHdr");
            leaf(w, "MsgId", msgId);
            leaf(w, "CreDtTm", now.truncatedTo(ChronoUnit.SECONDS).toString());
            w.writeEndElement();
            w.writeStartElement("RptgReq");
            leaf(w, "ReqdMsgNmId", requested.id());
            w.writeStartElement("Acct");
            w.writeStartElement("Id");
            leaf(w, "IBAN", iban);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("AcctOwnr");
            w.writeStartElement("Agt");
            w.writeStartElement("FinInstnId");
            leaf(w, "BICFI", "TRELLV22");
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("RptgPrd");
            w.writeStartElement("FrToDt");
            leaf(w, "FrDt", day.toString());
            leaf(w, "ToDt", day.toString());
            w.writeEndElement();
            w.writeStartElement("FrToTm");
            leaf(w, "FrTm", TIME.format(window.from()));
            leaf(w, "ToTm", TIME.format(window.to()));
            w.writeEndElement();
            leaf(w, "Tp", "ALLL");
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a camt.060 in memory", e);
        }
    }

    private static void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
