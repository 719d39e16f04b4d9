package jinn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticTest {

    @Test
    void logicGatesAreTheirTruthTables() {
        float[] inputs = {0, 0, 0, 1, 1, 0, 1, 1};
        assertArrayEquals(new int[]{0, 0, 0, 1}, Synthetic.and().labels());
        assertArrayEquals(new int[]{0, 1, 1, 1}, Synthetic.or().labels());
        assertArrayEquals(new int[]{1, 1, 1, 0}, Synthetic.nand().labels());
        assertArrayEquals(new int[]{0, 1, 1, 0}, Synthetic.xor().labels());
        assertArrayEquals(new int[]{1, 0, 0, 0}, Synthetic.gate("NOR").labels());
        for (String g : List.of("and", "or", "nand", "nor", "xor", "xnor")) {
            Dataset d = Synthetic.gate(g);
            assertArrayEquals(inputs, d.featureArray(), g);
            assertEquals(g, d.name());
            assertEquals(List.of("0", "1"), d.classNames());
            for (int i = 0; i < 4; i++) {
                boolean a = d.feature(i, 0) == 1, b = d.feature(i, 1) == 1;
                boolean expected = switch (g) {
                    case "and" -> a && b;
                    case "or" -> a || b;
                    case "nand" -> !(a && b);
                    case "nor" -> !(a || b);
                    case "xor" -> a ^ b;
                    default -> a == b;
                };
                assertEquals(expected ? 1 : 0, d.label(i), g + " row " + i);
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Synthetic.gate("maybe"));
        assertEquals("unknown logic gate 'maybe'; expected one of and, or, nand, nor, xor, xnor", e.getMessage());
    }

    @Test
    void diceGameHasEveryRollOnceHalfOfThemBig() {
        Dataset dice = Synthetic.dice();
        assertEquals(216, dice.size());
        assertEquals(3, dice.featureCount());
        assertEquals(List.of("small", "big"), dice.classNames());
        assertEquals(List.of("die1", "die2", "die3"), dice.featureNames());
        assertArrayEquals(new int[]{108, 108}, dice.classCounts());
        Set<String> rolls = new HashSet<>();
        for (int i = 0; i < 216; i++) {
            float[] r = dice.row(i);
            for (float pips : r) assertTrue(pips >= 1 && pips <= 6 && pips == Math.rint(pips));
            assertEquals(r[0] + r[1] + r[2] >= 11 ? 1 : 0, dice.label(i), Arrays.toString(r));
            rolls.add(Arrays.toString(r));
        }
        assertEquals(216, rolls.size());
        assertArrayEquals(new float[]{1, 1, 1}, dice.row(0));
        assertArrayEquals(new float[]{6, 6, 6}, dice.row(215));
        // The seed's two worked examples: 1+3+4 = 8 is small, 3+5+6 = 14 is big; and the border 11.
        assertEquals("small", dice.className(index(1, 3, 4)));
        assertEquals("big", dice.className(index(3, 5, 6)));
        assertEquals("big", dice.className(index(2, 3, 6)));
        assertEquals("small", dice.className(index(1, 4, 5)));
        // "3 to 18 points, 11 as the middle: exactly 8 big sums and 8 small ones."
        Set<Integer> big = new HashSet<>(), small = new HashSet<>();
        for (int i = 0; i < 216; i++) {
            float[] r = dice.row(i);
            (dice.label(i) == 1 ? big : small).add((int) (r[0] + r[1] + r[2]));
        }
        assertEquals(Set.of(11, 12, 13, 14, 15, 16, 17, 18), big);
        assertEquals(Set.of(3, 4, 5, 6, 7, 8, 9, 10), small);
    }

    private static int index(int a, int b, int c) {
        return (a - 1) * 36 + (b - 1) * 6 + (c - 1);
    }

    @Test
    void sampledDiceAreSeeded() {
        Dataset a = Synthetic.dice(500, 9);
        assertEquals(500, a.size());
        assertArrayEquals(a.featureArray(), Synthetic.dice(500, 9).featureArray());
        assertFalse(Arrays.equals(a.featureArray(), Synthetic.dice(500, 10).featureArray()));
        int[] faces = new int[7];
        for (int i = 0; i < a.size(); i++) {
            float[] r = a.row(i);
            for (float p : r) faces[(int) p]++;
            assertEquals(r[0] + r[1] + r[2] >= 11 ? 1 : 0, a.label(i));
        }
        assertEquals(0, faces[0]);
        for (int f = 1; f <= 6; f++) assertTrue(faces[f] > 150 && faces[f] < 350, "face " + f + " " + faces[f]);
        var e = assertThrows(IllegalArgumentException.class, () -> Synthetic.dice(0, 1));
        assertEquals("dice: need at least 1 point, got 0", e.getMessage());
    }

    @Test
    void moonsLieOnTheirHalfCircles() {
        Dataset m = Synthetic.moons(201, 0, 1);
        assertEquals(201, m.size());
        assertArrayEquals(new int[]{101, 100}, m.classCounts());
        for (int i = 0; i < m.size(); i++) {
            double x = m.feature(i, 0), y = m.feature(i, 1);
            if (m.label(i) == 0) {
                assertEquals(1, Math.hypot(x, y), 1e-5);
                assertTrue(y >= -1e-6);
            } else {
                assertEquals(1, Math.hypot(x - 1, y - 0.5), 1e-5);
                assertTrue(y <= 0.5 + 1e-6);
            }
        }
        Dataset noisy = Synthetic.moons(100, 0.1, 7);
        assertArrayEquals(noisy.featureArray(), Synthetic.moons(100, 0.1, 7).featureArray());
        assertFalse(Arrays.equals(noisy.featureArray(), Synthetic.moons(100, 0.1, 8).featureArray()));
        var e = assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(10, -1, 1));
        assertEquals("moons: noise must be a finite number >= 0, got -1.0", e.getMessage());
    }

    @Test
    void spiralsTurnOutwards() {
        Dataset s = Synthetic.spirals(50, 3, 0.2, 4);
        assertEquals(150, s.size());
        assertEquals(List.of("0", "1", "2"), s.classNames());
        assertArrayEquals(new int[]{50, 50, 50}, s.classCounts());
        Set<Double> radii = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            double r = Math.hypot(s.feature(i, 0), s.feature(i, 1));
            assertTrue(r <= 1 + 1e-6, "radius " + r);
            radii.add(Math.round(r * 49) / 49.0);
        }
        assertEquals(50, radii.size(), "radii step evenly from 0 to 1");
        assertArrayEquals(s.featureArray(), Synthetic.spirals(50, 3, 0.2, 4).featureArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(10, 1, 0, 1));
        assertEquals("spirals: need at least 2 classes, got 1", e.getMessage());
    }
}
