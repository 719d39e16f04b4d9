package jinn.train;

import java.util.Locale;

/** Loss and accuracy of a model on a data set (accuracy is NaN for regression). */
public record Evaluation(double loss, double accuracy, int samples) {
    @Override public String toString() {
        return String.format(Locale.ROOT, "loss: %.4f  accuracy: %.4f  (%d samples)", loss, accuracy, samples);
    }
}
