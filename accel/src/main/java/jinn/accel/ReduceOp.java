package jinn.accel;

/** Reductions over one axis (see {@link Backend#reduce}). Mean is SUM scaled by the caller. */
public enum ReduceOp { SUM, MAX, MIN }
