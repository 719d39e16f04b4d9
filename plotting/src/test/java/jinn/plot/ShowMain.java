package jinn.plot;

/** Run in a fresh JVM by {@link FreshJvmShowTest}: one chart, shown the way a script would. */
public final class ShowMain {
  private ShowMain() {}

  public static void main(String[] args) {
    Plots.plot(-10, 10, "sigmoid", x -> 1 / (1 + Math.exp(-x)), "tanh", Math::tanh).title("fresh jvm").show();
  }
}
