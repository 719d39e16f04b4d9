package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import jinn.repl.Subcommand;
import org.junit.jupiter.api.Test;

/** The jinn command finds the notebook verbs through ServiceLoader, as its Main does. */
class SubcommandsTest {

    @Test
    void runExportAndImportAreRegistered() {
        Map<String, String> found = new TreeMap<>();
        for (Subcommand s : ServiceLoader.load(Subcommand.class)) found.put(s.name(), s.getClass().getSimpleName());
        assertEquals(Map.of("export", "ExportCommand", "import", "ImportCommand", "run", "RunCommand"), found);
    }
}
