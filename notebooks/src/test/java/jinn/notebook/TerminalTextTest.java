package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void aRedrawnProgressLineKeepsItsLastState() {
        String printed = "Epoch 1/2  10/469 [=>   ] loss 0.9\rEpoch 1/2  469/469 [=====] loss 0.2\nEpoch 2/2  1/469\rEpoch 2/2  469/469 [=====] loss 0.1\r\ndone\n";
        assertEquals("Epoch 1/2  469/469 [=====] loss 0.2\nEpoch 2/2  469/469 [=====] loss 0.1\ndone\n", TerminalText.clean(printed));
    }

    @Test
    void escapeCodesAreRemoved() {
        String printed = "\u001B[32mloss\u001B[0m 0.5\u001B[K\n\u001B_Ga=T,f=100;AAAA\u001B\\\u001B]1337;File=inline=1:AAAA\u0007after\n";
        assertEquals("loss 0.5\nafter\n", TerminalText.clean(printed));
    }

    @Test
    void plainTextIsUntouched() {
        assertEquals("a\n  b\tc\n", TerminalText.clean("a\n  b\tc\n"));
    }
}
