package jinn.accel;

/** Elementwise two-operand functions (see {@link Backend#zip}). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN,
    /** 1 where a == b, else 0: used for max-reduction gradients and accuracy. */
    EQ,
    /** 1 where a &gt; b, else 0. */
    GT
}
