package jinn.repl.display;

/** Registered in src/test/resources/META-INF/services, as the plotting or notebook module would. */
public final class GreetingRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Greeting;
    }

    @Override
    public String render(Object value, DisplayContext context) {
        return "*** hello, " + ((Greeting) value).who() + " (" + context.width() + " columns) ***";
    }
}
