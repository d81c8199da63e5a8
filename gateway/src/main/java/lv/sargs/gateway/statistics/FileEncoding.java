package lv.sargs.gateway.statistics;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The two encodings Latvijas Banka accepts for statistics files (docs/protocols.md §4 rule 1). */
public enum FileEncoding {
    /** windows-1257 (Baltic), no byte-order mark. */
    WINDOWS_1257(Charset.forName("windows-1257"), new byte[0]),
    /** UTF-8 with a byte-order mark at the start of every file. */
    UTF8_BOM(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    private final Charset charset;
    private final byte[] bom;

    FileEncoding(Charset charset, byte[] bom) {
        this.charset = charset;
        this.bom = bom;
    }

    /** The charset the lines are encoded in. */
    public Charset charset() {
        return charset;
    }

    /** The bytes every file starts with (empty for windows-1257). */
    public byte[] bom() {
        return bom.clone();
    }
}
