package jinn.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

class WelcomeTest {

    private static String welcomeOn(String type) throws Exception {
        try (Terminal t = new ExternalTerminal("test", type, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            return Shell.welcome(t);
        }
    }

    @Test
    void aDumbTerminalIsToldOnceThatTabCannotComplete() throws Exception {
        for (String type : new String[] {"dumb", "dumb-color"}) {
            String text = welcomeOn(type);
            assertTrue(text.contains("Tab completion needs a full terminal (this one is '" + type + "')"), text);
            assertFalse(text.contains("Tab completes"), "a dumb terminal must not be promised completion: " + text);
        }
    }

    @Test
    void aFullTerminalIsPromisedCompletion() throws Exception {
        String text = welcomeOn("xterm-256color");
        assertTrue(text.contains("Tab completes"), text);
        assertFalse(text.contains("needs a full terminal"), text);
    }
}
