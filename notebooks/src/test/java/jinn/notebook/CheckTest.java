package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The notebook assertions: what passes, and the expected-versus-actual message of what does not. */
class CheckTest {

    static String failure(Executable check) {
        AssertionError e = assertThrows(AssertionError.class, check);
        assertEquals(CheckTest.class.getName(), e.getStackTrace()[0].getClassName(),
                "the trace starts at the caller, not inside Check");
        return e.getMessage();
    }

    @Test
    void relativeClosenessChecksTinyValuesToTheirOwnDigits() {
        Tensor softmax = Tensor.tensor(new double[] {1010, 1000, 990}).softmax();
        Check.expectRelative(new double[] {0.99995460, 4.5397868e-05, 2.0610600e-09}, softmax, 1e-5);
        double[] got = {0.9999546, 4.5397868e-05, 2.0610600e-09};
        assertEquals("value 2: expected 3e-09 ± 3e-14, got 2.06106e-09\n"
                        + "  expected [0.9999546, 4.5397868e-05, 3e-09]\n"
                        + "  got      [0.9999546, 4.5397868e-05, 2.06106e-09]",
                failure(() -> Check.expectRelative(new double[] {0.99995460, 4.5397868e-05, 3e-09}, got, 1e-5)));
    }

    @Test
    void messagesNameExpectedAndActual() {
        assertEquals("expected 0.5 ± 0.01, got 0.6 (off by 0.1)", failure(() -> Check.expectClose(0.5, 0.6, 0.01)));
        assertEquals("expected [0, 1, 1, 0], got [0, 1, 1, 1]",
                failure(() -> Check.expectEqual(new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 1})));
        assertEquals("expected 3 values [1, 2, 3], got 2 [1, 2]",
                failure(() -> Check.expectClose(new double[] {1, 2, 3}, new double[] {1, 2}, 0)));
        assertEquals("expected 42, got 41", failure(() -> Check.expectEqual(42, 41L)));
        assertEquals("expected a finite number, got Infinity", failure(() -> Check.expectFinite(1.0 / 0)));
        assertEquals("expected the loss to fall, but it is not so", failure(() -> Check.expectTrue(false, "the loss to fall")));
        // without a message, as a learner first writes them
        Check.expectTrue(true);
        Check.expectFalse(false);
        assertEquals("expected the condition to be true, but it is false", failure(() -> Check.expectTrue(false)));
        assertEquals("expected the condition to be false, but it is true", failure(() -> Check.expectFalse(true)));
        Check.expectAtLeast(0.5, 0.7);
        assertEquals("expected a value of at least 0.9, got 0.7", failure(() -> Check.expectAtLeast(0.9, 0.7)));
        assertEquals("expected a value of at most 0.5, got 0.7", failure(() -> Check.expectAtMost(0.5, 0.7)));
        assertEquals("expected final loss of at most 0.1, got 0.25",
                failure(() -> Check.expectAtMost(0.1, 0.25, "final loss")));
    }

    @Test
    void passingChecksSayNothing() {
        Check.expectEqual(42, 42L);
        Check.expectEqual("a", "a");
        Check.expectClose(Tensor.tensor(new double[][] {{1, 2}}), Tensor.tensor(new double[][] {{1, 2.0005}}), 1e-3);
        Check.expectShape(Tensor.zeros(2, 3), 2, 3);
        Check.expectFinite(Tensor.ones(4));
        Check.expectAtLeast(0.97, 0.975, "accuracy");
        Check.expectFalse(false, "anything");
    }
}
