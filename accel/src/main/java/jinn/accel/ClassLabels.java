package jinn.accel;

/**
 * The one check that class labels fit the classes there are, for every place that takes labels:
 * the kernels' softmax cross-entropy, tensors, the training loop, fused and compiled steps. It
 * lives in accel because the kernels are the lowest place that reads labels.
 */
public final class ClassLabels {
    private ClassLabels() {}

    /**
     * Throws when one of the first {@code rows} labels is outside [0, classes):
     * "WHERE: label 7 at row 3 is out of range for 5 classes (valid: 0 to 4)".
     */
    public static void check(String where, int[] labels, int rows, int classes) {
        check(where, labels, rows, classes, null);
    }

    /** The same, with a note that says where the classes come from appended after a semicolon (null: none). */
    public static void check(String where, int[] labels, int rows, int classes, String note) {
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(where + ": label " + label + " at row " + r + " is out of range for "
                        + classes + " classes (valid: 0 to " + (classes - 1) + ")" + (note == null ? "" : "; " + note));
            }
        }
    }
}
