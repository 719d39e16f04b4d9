package jinn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;

/**
 * A core's single-precision FMA peak, the limit of every GEMM row: vector FMA units × float lanes ×
 * 2 flops × clock. The lanes are the Vector API's preferred width; the FMA units per core come from
 * the CPU's vendor, family and flags ({@link #units}); the clock is measured, with a dependent chain
 * of integer shifts and adds that takes 2 cycles a step on every x86 core, because a virtual machine's
 * /proc/cpuinfo "cpu MHz" is the nominal (TSC) frequency, not the boost clock the cores run at.
 */
record Peak(int units, int unitBits, int lanes, double ghz, double cpuinfoMhz, String unitsWhy) {

    static Peak measure() {
        String vendor = "", flags = "";
        int family = -1, model = -1;
        double mhz = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
                switch (key) {
                    case "vendor_id" -> vendor = value;
                    case "cpu family" -> family = Integer.parseInt(value);
                    case "model" -> model = Integer.parseInt(value);
                    case "flags" -> flags = " " + value + " ";
                    case "cpu MHz" -> mhz = Double.isNaN(mhz) ? Double.parseDouble(value) : mhz;
                    default -> { }
                }
                if (key.isEmpty()) break;
            }
        } catch (Exception ignored) {
            // not Linux: units fall back to two of the preferred width
        }
        return of(vendor, family, model, flags, FloatVector.SPECIES_PREFERRED.vectorBitSize(), clockGhz(), mhz);
    }

    /**
     * The peak of a core described as /proc/cpuinfo does ({@code flags} space-padded), where the JVM's
     * vectors are {@code bits} wide (256 under -XX:UseAVX=2 on an AVX-512 CPU) and the clock runs at
     * {@code ghz}.
     */
    static Peak of(String vendor, int family, int model, String flags, int bits, double ghz, double mhz) {
        int lanes = bits / 32;
        boolean avx512 = flags.contains(" avx512f ");
        int units = 2, unitBits = bits;
        String why;
        if (vendor.equals("AuthenticAMD") && family >= 26) {
            why = "AMD family " + family + " (Zen 5): two 512-bit FMA pipes";
            unitBits = Math.min(bits, 512);
        } else if (vendor.equals("AuthenticAMD") && family == 25 && avx512) {
            why = "AMD family 25 with AVX-512 (Zen 4): two 256-bit FMA pipes, a 512-bit FMA takes both";
            unitBits = 256;
        } else if (vendor.equals("AuthenticAMD") && (family == 25 || (family == 23 && model >= 0x30))) {
            why = "AMD family " + family + " (Zen 2/3): two 256-bit FMA pipes";
            unitBits = Math.min(bits, 256);
        } else if (vendor.equals("AuthenticAMD") && family == 23) {
            why = "AMD family 23 (Zen 1): two 128-bit FMA pipes";
            unitBits = 128;
        } else if (vendor.equals("GenuineIntel") && avx512) {
            why = "Intel with AVX-512: assumed two 512-bit FMA units (Xeon Gold/Platinum class; some parts have one)";
        } else {
            why = (vendor.isEmpty() ? "unknown CPU" : vendor + " family " + family) + ": assumed two FMA units of the vector width";
        }
        return new Peak(units, unitBits, lanes, ghz, mhz, why);
    }

    /** Single-precision GFLOP/s of this many cores at peak. */
    double gflops(int cores) {
        return cores * units * (unitBits / 32.0) * 2 * ghz;
    }

    String formula() {
        return String.format(Locale.ROOT, "%d FMA units × %d lanes × 2 × %.2f GHz = %.0f GFLOP/s", units, unitBits / 32, ghz, gflops(1));
    }

    String describe() {
        return String.format(Locale.ROOT, "%s per core; %s; clock %.2f GHz measured (a dependent shift-add chain, best of 15 runs; "
                + "/proc/cpuinfo says %.0f MHz); the Vector API's preferred width is %d lanes", formula(), unitsWhy, ghz, cpuinfoMhz, lanes);
    }

    /** Cycles per second of this core: a chain of x += x >>> s, each step a shift then an add (2 cycles). */
    static double clockGhz() {
        long x = 1;
        for (int i = 0; i < 20; i++) x += chain(x, 100_000); // C2 compiles chain
        double best = 0;
        int steps = 2_000_000;
        for (int run = 0; run < 15; run++) {
            long t = System.nanoTime();
            x += chain(x, steps);
            long ns = System.nanoTime() - t;
            best = Math.max(best, 8.0 * steps / ns);
        }
        if (x == 42) System.out.print(""); // keeps the chain's result alive
        return best;
    }

    private static long chain(long x, int steps) {
        for (int i = 0; i < steps; i++) {
            x += x >>> 7;
            x += x >>> 5;
            x += x >>> 3;
            x += x >>> 11;
        }
        return x;
    }
}
