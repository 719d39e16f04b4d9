package jinn.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jinn.Jinn;
import org.junit.jupiter.api.Test;

/** html(...), markdown(...), latex(...): their type, and what a terminal shows of them. */
class RichTextTest {

    @Test
    void htmlShowsAsItsTextInATerminal() {
        RichText h = Jinn.html("<h3>MNIST</h3><p>accuracy <b>0.98</b> &lt; 0.99</p><br/>done");
        assertEquals(RichText.HTML, h.mimeType());
        assertEquals("MNIST\naccuracy 0.98 < 0.99\n\ndone", h.plainText());
        assertEquals(h.plainText(), h.toString());
    }

    @Test
    void markdownAndLatexShowAsTheirSource() {
        assertEquals("**0.98**", Jinn.markdown("**0.98**").plainText());
        assertEquals(RichText.MARKDOWN, Jinn.markdown("x").mimeType());
        assertEquals(RichText.LATEX, Jinn.latex("$$x$$").mimeType());
    }

    @Test
    void anUnknownTypeOrNoTextIsRefusedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RichText("text/rtf", "x"));
        assertTrue(e.getMessage().contains("text/rtf"), e.getMessage());
        var n = assertThrows(NullPointerException.class, () -> Jinn.markdown(null));
        assertTrue(n.getMessage().contains("null"), n.getMessage());
    }
}
