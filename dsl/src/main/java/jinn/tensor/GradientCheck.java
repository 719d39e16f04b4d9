package jinn.tensor;

import java.util.Locale;
import java.util.function.Function;

/**
 * Compares the gradients autograd computes with central finite differences
 * (f(x + ε) − f(x − ε)) / 2ε, one input value at a time. The way to trust a new op, and a lesson
 * in its own right (the seeds compute numerical gradients before they teach backpropagation).
 *
 * <pre>{@code
 * var w = Tensor.randn(new Random(1), 3, 2).requiresGrad(true);
 * var r = GradientCheck.check(in -> in[0].sigmoid().sum(), 1e-2, w);
 * r.maxError()   // ~1e-5
 * }</pre>
 */
public final class GradientCheck {
    private GradientCheck() {}

    /**
     * The worst disagreement found. The error of each value is |analytic − numeric| / max(1,
     * |analytic|, |numeric|): absolute for small gradients, relative for large ones.
     */
    public record Result(double maxError, int input, int index, double analytic, double numeric) {
        public boolean passes(double tolerance) { return maxError <= tolerance; }

        @Override public String toString() {
            return String.format(Locale.ROOT, "max error %.3g at input %d, value %d (analytic %.6g, numeric %.6g)",
                    maxError, input, index, analytic, numeric);
        }
    }

    /**
     * Checks every value of every input. {@code f} must return a scalar; inputs must be
     * contiguous tensors with requiresGrad(true). In float32 an ε around 1e-2 balances the
     * truncation error (∝ ε²) against rounding (∝ 1e-7/ε).
     */
    public static Result check(Function<Tensor[], Tensor> f, double eps, Tensor... inputs) {
        for (Tensor in : inputs) {
            if (!in.isContiguous() || !in.requiresGrad()) {
                throw new IllegalArgumentException("GradientCheck: inputs must be contiguous leaf tensors with requiresGrad(true)");
            }
            in.zeroGrad();
        }
        Tensor out = f.apply(inputs);
        out.backward();
        Result worst = new Result(0, -1, -1, 0, 0);
        for (int k = 0; k < inputs.length; k++) {
            Tensor in = inputs[k];
            float[] analytic = in.grad() == null ? new float[in.size()] : in.grad().toArray();
            for (int i = 0; i < in.size(); i++) {
                int p = in.offset + i;
                float saved = in.data[p];
                double plus, minus;
                try (var g = Tensor.noGrad()) {
                    in.data[p] = (float) (saved + eps);
                    plus = f.apply(inputs).item();
                    in.data[p] = (float) (saved - eps);
                    minus = f.apply(inputs).item();
                } finally {
                    in.data[p] = saved;
                }
                double numeric = (plus - minus) / (2 * eps);
                double err = Math.abs(analytic[i] - numeric) / Math.max(1, Math.max(Math.abs(analytic[i]), Math.abs(numeric)));
                if (err > worst.maxError || worst.input < 0) worst = new Result(err, k, i, analytic[i], numeric);
            }
        }
        return worst;
    }
}
