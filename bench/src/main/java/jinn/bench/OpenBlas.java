package jinn.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS sgemm through JavaCPP, on off-heap copies of the operands so the timing is the library's
 * alone (passing float[] would copy them through JNI on every call).
 */
final class OpenBlas implements AutoCloseable {

    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private final GemmShape shape;
    private final FloatPointer a, b, c;

    OpenBlas(GemmShape shape, float[] a, float[] b, float[] c) {
        this.shape = shape;
        this.a = new FloatPointer(a);
        this.b = new FloatPointer(b);
        this.c = new FloatPointer(c);
    }

    static void threads(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }

    void run() {
        GemmShape s = shape;
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, s.transA() ? TRANS : NO_TRANS, s.transB() ? TRANS : NO_TRANS,
                s.m(), s.n(), s.k(), 1f, a, s.lda(), b, s.ldb(), 0f, c, s.n());
    }

    float[] result() {
        float[] out = new float[shape.m() * shape.n()];
        c.get(out);
        return out;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
