package jinn.nn;

/**
 * A layer with a weight tensor and an optional bias, both set up by an {@link Init}: dense and
 * convolution layers. The builder's {@code init(...)} and {@code biasInit(...)} apply to the last
 * such layer, and without them the weights start as the seeds advise: He before a ReLU, Xavier
 * otherwise.
 */
public abstract class WeightedLayer extends Layer {
    final boolean useBias;
    Init init;
    Init biasInit = Init.zeros();

    WeightedLayer(boolean useBias, Init init) {
        this.useBias = useBias;
        this.init = init;
    }

    public boolean hasBias() { return useBias; }

    public Init init() { return init; }

    void init(Init i) { this.init = i; }

    void biasInit(Init i) { this.biasInit = i; }

    /** He before ReLU-like activations, Xavier otherwise: the seeds' advice. */
    static Init defaultInit(Layer next) {
        if (next instanceof Activation a
                && (a.function() == Activation.Kind.RELU || a.function() == Activation.Kind.LEAKY_RELU)) {
            return Init.he();
        }
        return Init.xavier();
    }
}
