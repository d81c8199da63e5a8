package lv.sargs.gateway.treasury.ekase;

import lv.sargs.gateway.treasury.xml.IsoMessage;
import org.w3c.dom.Document;

/**
 * A schema-valid camt.052, camt.053 or camt.054 from eKase.
 *
 * @param message which one
 * @param xml the document as received
 * @param document its parsed form
 */
public record AccountReport(IsoMessage message, byte[] xml, Document document) {
}
