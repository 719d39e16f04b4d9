package jinn.repl.display;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One value, shown several ways, as Jupyter's display model has it: {@code text/plain} always, plus
 * any of {@code text/html}, {@code text/markdown}, {@code image/png} and {@code image/svg+xml}. A
 * renderer makes the bundle once; each front end picks what it can show: the terminal an inline
 * image or the text, notebook exports the PNG, the Jupyter kernel sends the whole bundle.
 *
 * <p>Entries other than the text may be given as suppliers, computed on first use and kept: a
 * chart's PNG and SVG cost tens of milliseconds each, and a text terminal never asks for them.
 */
public final class MimeBundle {

    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    private final String plain;
    private final String title;
    /** MIME type to a String (text types), a byte[] (images) or a Lazy of either; insertion-ordered. */
    private final Map<String, Object> data;

    private MimeBundle(String plain, Map<String, Object> data, String title) {
        this.plain = plain;
        this.data = data;
        this.title = title;
    }

    /** A bundle of plain text only. */
    public static MimeBundle plain(String text) {
        if (text == null) throw new IllegalArgumentException("a MIME bundle needs its text/plain, received null");
        return new MimeBundle(text, Map.of(), null);
    }

    /** This bundle with a text representation added (or replaced): {@code text/html}, {@code text/markdown}, {@code image/svg+xml}. */
    public MimeBundle with(String mime, String text) {
        return add(mime, requireValue(mime, text));
    }

    /** This bundle with a binary representation added (or replaced), e.g. {@code image/png}. */
    public MimeBundle with(String mime, byte[] bytes) {
        return add(mime, requireValue(mime, bytes));
    }

    /** This bundle with a text representation computed when first asked for. */
    public MimeBundle withLazyText(String mime, Supplier<String> text) {
        return add(mime, new Lazy(text));
    }

    /** This bundle with a binary representation computed when first asked for. */
    public MimeBundle withLazyBytes(String mime, Supplier<byte[]> bytes) {
        return add(mime, new Lazy(bytes));
    }

    private static Object requireValue(String mime, Object value) {
        if (value == null) throw new IllegalArgumentException("a MIME bundle entry needs a value, received null for " + mime);
        return value;
    }

    private MimeBundle add(String mime, Object value) {
        if (PLAIN.equals(mime)) {
            Object v = value instanceof Lazy l ? l.get() : value;
            if (!(v instanceof String s)) throw new IllegalArgumentException("text/plain must be text");
            return new MimeBundle(s, data, title);
        }
        Map<String, Object> next = new LinkedHashMap<>(data);
        next.put(mime, value);
        return new MimeBundle(plain, Collections.unmodifiableMap(next), title);
    }

    /** This bundle with a title: a chart's, for an image's alt text and caption. */
    public MimeBundle withTitle(String title) {
        return new MimeBundle(plain, data, title == null || title.isBlank() ? null : title.strip());
    }

    /** The title of what is shown (a chart's), or null when it has none. */
    public String title() {
        return title;
    }

    /** The plain text: what a pipe, a log or a text-only front end shows. */
    public String plain() {
        return plain;
    }

    /** The MIME types held, {@code text/plain} first. */
    public Set<String> types() {
        var all = new java.util.LinkedHashSet<String>();
        all.add(PLAIN);
        all.addAll(data.keySet());
        return Collections.unmodifiableSet(all);
    }

    public boolean has(String mime) {
        return PLAIN.equals(mime) || data.containsKey(mime);
    }

    /** A text representation (text/plain, text/html, text/markdown, image/svg+xml), if held. */
    public Optional<String> text(String mime) {
        if (PLAIN.equals(mime)) return Optional.of(plain);
        Object v = resolve(mime);
        if (v == null) return Optional.empty();
        if (v instanceof String s) return Optional.of(s);
        throw new IllegalStateException(mime + " is binary in this bundle; ask bytes(\"" + mime + "\")");
    }

    /** A binary representation (image/png), if held. The array is a copy. */
    public Optional<byte[]> bytes(String mime) {
        Object v = resolve(mime);
        if (v == null) return Optional.empty();
        if (v instanceof byte[] b) return Optional.of(b.clone());
        throw new IllegalStateException(mime + " is text in this bundle; ask text(\"" + mime + "\")");
    }

    private Object resolve(String mime) {
        Object v = data.get(mime);
        return v instanceof Lazy l ? l.get() : v;
    }

    @Override
    public String toString() {
        return "MimeBundle" + types() + ": " + (plain.length() > 60 ? plain.substring(0, 57) + "..." : plain);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MimeBundle b) || !b.plain.equals(plain) || !b.types().equals(types())) return false;
        for (String mime : data.keySet()) {
            Object x = resolve(mime), y = b.resolve(mime);
            if (x instanceof byte[] xb ? !(y instanceof byte[] yb && Arrays.equals(xb, yb)) : !x.equals(y)) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return plain.hashCode() * 31 + types().hashCode();
    }

    /** A representation made on first use, once, by whichever thread asks first. */
    private static final class Lazy {
        private Supplier<?> make;
        private Object value;

        Lazy(Supplier<?> make) {
            this.make = make;
        }

        synchronized Object get() {
            if (make != null) {
                value = make.get();
                make = null;
                if (value == null) throw new IllegalStateException("a MIME bundle entry was computed as null");
            }
            return value;
        }
    }
}
