package jinn.accel;

import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * One image's stretch of a row of cols, gathered a whole vector at a time, for a convolution without
 * padding and with a horizontal stride of 1. That stretch lists the output positions (oy, ox) in
 * order, and position q = oy · outW + ox reads the image at q + oy · (strideH · width − outW) from
 * the window's corner: a vector of positions is a few runs, one per output row it spans, each a
 * contiguous load shifted by its row's offset. Per vector this keeps each run's shift and lane mask;
 * the vector is the runs' masked loads blended together, stored whole.
 *
 * <p>Why: im2col copied a run per output row, and the second MNIST convolution's rows are 8 long, so
 * a batch of 64 made 205,000 copies of 8 values (System.arraycopy: the call, not the 32 bytes, was
 * the cost; 13% of a LeNet-sized CNN's training step went to im2col). Here an 8×8 map is 4 vectors
 * of 16 lanes, 2 loads each.
 */
final class RowGather {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Runs of vector v are first[v] .. first[v + 1] − 1. */
    private final int[] first;
    /** Per run, where its lanes read, relative to q: oy · (strideH · width − outW). */
    private final int[] shift;
    private final VectorMask<Float>[] lanes;
    /** Lanes of the last vector within the stretch; all of them when positions fill it. */
    private final VectorMask<Float> last;
    private final int positions;
    /**
     * Where every vector holds whole output rows (outW divides the lanes, 1 or 2 rows a vector, the
     * positions fill the last vector): the rows a vector holds, else 0. Then the runs are unmasked loads
     * and at most one blend whose mask (the upper half) stays in a register. Masks taken from the array
     * per run, as the general path does, cost 2.4 times as much (0.63 against 0.26 ms for the second
     * MNIST convolution's columns of 64 images, one thread, Zen 4), most of it in loading the masks.
     */
    private final int rowsPerVector;
    /** How far the window moves in x from one output row to the next, less the row itself: rowStep − outW. */
    private final int rowShift;
    /** Lanes L/2 .. L − 1. */
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(S, -1L << (L / 2));

    @SuppressWarnings("unchecked")
    private RowGather(int outW, int positions, int rowStep) {
        this.positions = positions;
        this.rowShift = rowStep - outW;
        this.rowsPerVector = L % outW == 0 && L / outW <= 2 && positions % L == 0 ? L / outW : 0;
        int vectors = (positions + L - 1) / L;
        first = new int[vectors + 1];
        int[] shifts = new int[vectors * (L + 1)];
        boolean[][] masks = new boolean[vectors * (L + 1)][];
        int runs = 0;
        for (int v = 0; v < vectors; v++) {
            first[v] = runs;
            int row = -1;
            for (int j = 0; j < L && v * L + j < positions; j++) {
                int oy = (v * L + j) / outW;
                if (oy != row) {
                    row = oy;
                    shifts[runs] = oy * (rowStep - outW);
                    masks[runs++] = new boolean[L];
                }
                masks[runs - 1][j] = true;
            }
        }
        first[vectors] = runs;
        shift = java.util.Arrays.copyOf(shifts, runs);
        lanes = new VectorMask[runs];
        for (int r = 0; r < runs; r++) lanes[r] = VectorMask.fromArray(S, masks[r], 0);
        int tail = positions - (vectors - 1) * L;
        last = S.indexInRange(0, tail);
    }

    private static final ConcurrentHashMap<Long, RowGather> PLANS = new ConcurrentHashMap<>();

    /**
     * The plan for s, or null where it does not apply: padding, a horizontal stride, or rows wider
     * than a vector (their runs are long, and the copy per run costs little beside them).
     */
    static RowGather of(ConvShape s) {
        if (s.strideW() != 1 || s.padTop() != 0 || s.padLeft() != 0 || s.outW() > L
                || (s.outH() - 1) * s.strideH() + s.kernelH() > s.height() || s.outW() - 1 + s.kernelW() > s.width()) {
            return null;
        }
        long key = ((long) s.outW() << 42) | ((long) s.positions() << 21) | ((long) s.strideH() * s.width());
        RowGather plan = PLANS.get(key);
        if (plan == null) {
            if (PLANS.size() > 64) PLANS.clear();   // shapes come and go in a long REPL session
            plan = new RowGather(s.outW(), s.positions(), s.strideH() * s.width());
            PLANS.put(key, plan);
        }
        return plan;
    }

    /** cols[d .. d + positions) = the stretch whose window corner is x[at]. */
    void gather(float[] x, int at, float[] cols, int d) {
        int vectors = first.length - 1;
        // Unmasked loads read a whole vector from each run's start: past the last run of an image at
        // the end of x, only the masked path stays inside the array.
        if (rowsPerVector != 0 && at + (positions - L) + (positions / (L / rowsPerVector) - 1) * rowShift + L <= x.length) {
            if (rowsPerVector == 1) {
                for (int v = 0, from = at; v < vectors; v++, from += L + rowShift) FloatVector.fromArray(S, x, from).intoArray(cols, d + v * L);
                return;
            }
            VectorMask<Float> upper = UPPER_HALF;
            for (int v = 0, from = at; v < vectors; v++, from += L + 2 * rowShift) {
                FloatVector lower = FloatVector.fromArray(S, x, from);
                lower.blend(FloatVector.fromArray(S, x, from + rowShift), upper).intoArray(cols, d + v * L);
            }
            return;
        }
        for (int v = 0; v < vectors; v++) {
            int q = v * L, r0 = first[v], r1 = first[v + 1];
            // Masked loads: a run's lanes outside it may lie past the end of x.
            FloatVector acc = FloatVector.fromArray(S, x, at + q + shift[r0], lanes[r0]);
            for (int r = r0 + 1; r < r1; r++) acc = acc.blend(FloatVector.fromArray(S, x, at + q + shift[r], lanes[r]), lanes[r]);
            if (q + L <= positions) acc.intoArray(cols, d + q);
            else acc.intoArray(cols, d + q, last);
        }
    }
}
