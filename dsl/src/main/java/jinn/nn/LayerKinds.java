package jinn.nn;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The table model files rebuild layers from: a layer's kind (as {@link Layer#kind()} writes it) to
 * a function making the layer from the settings its {@link Layer#config()} wrote. A new kind of
 * layer adds its line here.
 */
final class LayerKinds {
    private LayerKinds() {}

    private static final Map<String, Function<Map<String, Object>, Layer>> KINDS = Map.ofEntries(
            Map.entry("dense", c -> new Dense(integer(c, "units"), Boolean.TRUE.equals(c.get("bias")), Init.parse(String.valueOf(c.get("init"))))),
            Map.entry("dropout", c -> new Dropout(number(c, "rate").floatValue())),
            Map.entry("flatten", c -> new Flatten()),
            Map.entry("conv2d", Conv2d::fromConfig),
            Map.entry("maxPool2d", c -> new Pool2d(true, integer(c, "size"), integer(c, "stride"))),
            Map.entry("avgPool2d", c -> new Pool2d(false, integer(c, "size"), integer(c, "stride"))),
            Map.entry("globalAvgPool", c -> new GlobalAvgPool()),
            Map.entry("batchNorm", c -> new BatchNorm()),
            Map.entry("reshape", Reshape::fromConfig),
            Map.entry("activation", c -> new Activation(Activation.Kind.valueOf(String.valueOf(c.get("function"))),
                    c.containsKey("alpha") ? number(c, "alpha").floatValue() : 0f)));

    /**
     * The layer a model file's settings describe, or null for a kind this version does not know.
     * Activation layers write their function as the kind ("relu"), so any kind with a "function"
     * setting is one.
     */
    static Layer make(String kind, Map<String, Object> config) {
        var make = KINDS.get(config.containsKey("function") ? "activation" : kind);
        return make == null ? null : make.apply(config);
    }

    static Number number(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("setting '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
        return n;
    }

    /** A whole number of at least 1: {@code units: 3.7} is a damaged file, not three units. */
    static int integer(Map<String, Object> c, String key) {
        Number n = number(c, key);
        java.math.BigDecimal d = n instanceof java.math.BigDecimal b ? b : new java.math.BigDecimal(n.toString());
        if (d.signum() <= 0 || d.stripTrailingZeros().scale() > 0 || d.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("setting '" + key + "' is " + d.toPlainString() + ", expected a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
        return d.intValueExact();
    }

    /** A list of whole numbers (a kernel size, a stride), as JSON gives it back: doubles. */
    static int[] integers(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof List<?> l)) throw new IllegalArgumentException("setting '" + key + "' is " + (c.get(key) == null ? "missing" : "not a list: " + c.get(key)));
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("setting '" + key + "' holds " + l.get(i) + ", not a whole number");
            }
            out[i] = n.intValue();
        }
        return out;
    }
}
