package lv.sargs.gateway.statistics.report;

/**
 * One signed and encrypted file of a report as produced and delivered.
 *
 * @param name the file name, e.g. {@code K01_ABC_20261231.p7m}
 * @param size its size in bytes
 * @param sha256 the SHA-256 of the file, lowercase hex
 * @param delivery how far its upload got
 */
public record ProducedFile(String name, long size, String sha256, Delivery delivery) {

    /** The upload steps of one file; a file under its final name on the server is always complete. */
    public enum Delivery {
        /** Not uploaded yet (or an earlier attempt was interrupted before the rename). */
        PENDING,
        /** Uploaded under the temporary name and about to be (or being) renamed. */
        RENAMING,
        /** Under its final name in {@code STAT/OUT}. */
        DELIVERED
    }

    /** A copy with another delivery step. */
    public ProducedFile withDelivery(Delivery step) {
        return new ProducedFile(name, size, sha256, step);
    }
}
