package jinn.repl.display;

/** Registered in src/test/resources/META-INF/services, as the plotting or notebook module would. */
public final class GreetingRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Greeting;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        String who = ((Greeting) value).who();
        return MimeBundle.plain("*** hello, " + who + " (" + context.width() + " columns) ***")
                .with(MimeBundle.HTML, "<b>hello, " + who + "</b>");
    }
}
