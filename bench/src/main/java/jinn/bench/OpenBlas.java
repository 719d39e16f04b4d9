package jinn.bench;

import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS sgemm through JavaCPP, on off-heap copies of the operands so the timing is the library's
 * alone (passing float[] would copy them through JNI on every call).
 *
 * <p>OpenBLAS picks its kernels once, when the library loads, from the CPU or from
 * {@code OPENBLAS_CORETYPE}; {@code bin/bench} unsets that variable (and {@code OPENBLAS_L2_SIZE}) for
 * this JVM so the library runs the kernels it would choose itself, and {@link #coreName()} says which.
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

    /**
     * The core type whose kernels the loaded OpenBLAS runs ({@code openblas_get_corename()}, e.g.
     * "Cooperlake", "SkylakeX", "Haswell"), asked of the very library the bench times: JavaCPP's
     * {@code openblas_nolapack} class does not map that function, so it is called through
     * java.lang.foreign on the libopenblas_nolapack this process has mapped (looked up by
     * reflection: the bench compiles for JDK 21, where that API is a preview).
     */
    static String coreName() {
        threads(1); // loads the library
        try {
            Path lib = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String f = line.substring(line.lastIndexOf(' ') + 1);
                if (f.contains("libopenblas_nolapack.so")) lib = Path.of(f);
            }
            if (lib == null) return "unknown (libopenblas_nolapack not found in /proc/self/maps)";
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> lookup = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> linkerOption = Class.forName("java.lang.foreign.Linker$Option");
            Object global = arena.getMethod("global").invoke(null);
            Object symbols = lookup.getMethod("libraryLookup", Path.class, arena).invoke(null, lib, global);
            Object fn = ((Optional<?>) lookup.getMethod("find", String.class).invoke(symbols, "openblas_get_corename")).orElseThrow();
            Object address = Class.forName("java.lang.foreign.ValueLayout").getField("ADDRESS").get(null);
            Object layouts = java.lang.reflect.Array.newInstance(layout, 0);
            Object desc = descriptor.getMethod("of", layout, layouts.getClass()).invoke(null, address, layouts);
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            MethodHandle call = (MethodHandle) linkerType.getMethod("downcallHandle", segment, descriptor,
                    java.lang.reflect.Array.newInstance(linkerOption, 0).getClass())
                    .invoke(linker, fn, desc, java.lang.reflect.Array.newInstance(linkerOption, 0));
            Object name = call.invoke();
            Object sized = segment.getMethod("reinterpret", long.class).invoke(name, 64L);
            return (String) segment.getMethod("getString", long.class).invoke(sized, 0L);
        } catch (Throwable e) {
            return "unknown (" + e + ")";
        }
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
