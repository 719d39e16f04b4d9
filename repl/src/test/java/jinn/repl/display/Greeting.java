package jinn.repl.display;

/** A value type only the test renderer below knows, to prove ServiceLoader registration works. */
public record Greeting(String who) {}
