package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/problem-types.md lists every problem type with the status the gateway answers it with, and no other. */
class ProblemTypesDocTest {

    @Test
    void everyProblemTypeIsDocumentedWithItsStatus() throws Exception {
        Path doc = Path.of("..", "docs", "problem-types.md");
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            // Rows of the answer table: | `code` | status | ...
            if (line.matches("^\\| `[a-z0-9-]+` \\| \\d{3} \\|.*")) {
                String[] cells = line.split("\\|");
                documented.add(cells[1].trim().replace("`", "") + " " + cells[2].trim());
            }
        }
        List<String> coded = new ArrayList<>();
        for (ProblemType t : ProblemType.values()) {
            coded.add(t.code() + " " + t.status().code());
        }
        assertEquals(coded.stream().sorted().toList(), documented.stream().sorted().toList());
    }
}
