package jinn.accel;

/** The elementwise functions every backend evaluates, with their derivatives (see {@link Backend#mapBackward}). */
public enum UnaryOp {
    IDENTITY, NEG, ABS, EXP, LOG, SQRT, SQUARE, RECIPROCAL,
    /** x raised to the power {@code param}. */
    POW,
    /** x · param. */
    SCALE,
    /** x + param. */
    ADD_SCALAR,
    SIGMOID, TANH, RELU,
    /** max(param · x, x) for 0 ≤ param < 1: the seeds' max(0.1x, x) is param = 0.1. */
    LEAKY_RELU,
    /** 1 where x ≥ 0, else 0 (as the seeds define it: np.where(x >= 0, 1, 0)). Not differentiable: the tensor layer refuses its backward. */
    STEP
}
