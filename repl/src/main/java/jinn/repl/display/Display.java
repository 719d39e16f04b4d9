package jinn.repl.display;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registry of {@link DisplayRenderer}s: the built-in ones plus those found with
 * {@link ServiceLoader}. Values no renderer accepts are shown as JShell shows them.
 */
public final class Display {

    private final List<DisplayRenderer> renderers;

    private Display(List<DisplayRenderer> renderers) {
        List<DisplayRenderer> sorted = new ArrayList<>(renderers);
        sorted.sort(Comparator.comparingInt(DisplayRenderer::priority).reversed());
        this.renderers = List.copyOf(sorted);
    }

    /** The built-in renderers and every renderer registered as a service on the class path. */
    public static Display standard() {
        List<DisplayRenderer> all = new ArrayList<>(BuiltInRenderers.all());
        for (DisplayRenderer r : ServiceLoader.load(DisplayRenderer.class, Display.class.getClassLoader())) all.add(r);
        return new Display(all);
    }

    /** Exactly the given renderers (tests). */
    public static Display of(List<DisplayRenderer> renderers) {
        return new Display(renderers);
    }

    /** The renderers in the order they are asked, best first. */
    public List<DisplayRenderer> renderers() {
        return renderers;
    }

    /**
     * The representations of {@code value}: the best renderer's, or {@code fallback} (JShell's own
     * text) as plain text when none accepts it. A renderer that throws does not lose the value: its
     * failure is appended to the fallback.
     */
    public MimeBundle render(Object value, String fallback, DisplayContext context) {
        MimeBundle plain = MimeBundle.plain(fallback);
        if (value == null) return plain;
        for (DisplayRenderer r : renderers) {
            boolean accepts;
            try {
                accepts = r.accepts(value);
            } catch (RuntimeException | LinkageError e) {
                continue;
            }
            if (!accepts) continue;
            try {
                MimeBundle b = r.render(value, context);
                if (b != null) return b;
            } catch (RuntimeException | LinkageError e) {
                return MimeBundle.plain(fallback + "   (display by " + r.getClass().getSimpleName() + " failed: " + e + ")");
            }
        }
        return plain;
    }
}
