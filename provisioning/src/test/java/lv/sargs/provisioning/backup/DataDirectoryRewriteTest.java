package lv.sargs.provisioning.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A restored config names the new data directory; comments and everything else stay as written. */
class DataDirectoryRewriteTest {

    @Test
    void rewritesTheValueAndKeepsTheCommentsAroundIt() throws Exception {
        String yaml = """
                # the box's config
                version: 1
                dataDirectory: /var/lib/sargs   # stores and the audit trail
                shutdown:
                  grace: 5s   # in-flight requests
                """;

        String rewritten = DataDirectoryRewrite.rewrite("config/sargs.yaml", yaml, Path.of("/srv/sargs/data"));

        assertEquals(yaml.replace("/var/lib/sargs ", "/srv/sargs/data "), rewritten);
    }

    @Test
    void quotesAPathYamlWouldReadOtherwiseAndAddsTheKeyWhenMissing() throws Exception {
        String rewritten = DataDirectoryRewrite.rewrite("config/sargs.yaml", "version: 1\n", Path.of("/srv/my data: #1"));

        assertEquals("version: 1\ndataDirectory: \"/srv/my data: #1\"\n", rewritten);
    }

    @Test
    void refusesWhatItCannotRewriteSafely() {
        BackupException twice = assertThrows(BackupException.class, () -> DataDirectoryRewrite.rewrite("config/sargs.yaml",
                "dataDirectory: /a\ndataDirectory: /b\n", Path.of("/srv/data")));
        assertTrue(twice.getMessage().contains("set twice"), twice.getMessage());
        BackupException block = assertThrows(BackupException.class, () -> DataDirectoryRewrite.rewrite(
                "config/sargs.yaml", "dataDirectory:\n  /var/lib/sargs\n", Path.of("/srv/data")));
        assertTrue(block.getMessage().contains("by hand"), block.getMessage());
    }
}
