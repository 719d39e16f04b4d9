package jinn.display;

import java.util.List;
import java.util.Objects;

/**
 * Text a notebook shows formatted, as IPython's {@code HTML}, {@code Markdown} and {@code Latex}
 * objects: {@code markdown("Accuracy: **" + acc + "**")} as a cell's value or given to
 * {@code display(...)}. A terminal, and any front end that cannot draw the type, shows
 * {@link #plainText()}: the source, HTML without its tags.
 *
 * @param mimeType {@link #HTML}, {@link #MARKDOWN} or {@link #LATEX}
 * @param source   the text in that format (LaTeX with its {@code $...$} or {@code $$...$$}, as Jupyter renders it)
 */
public record RichText(String mimeType, String source) {

    public static final String HTML = "text/html", MARKDOWN = "text/markdown", LATEX = "text/latex";

    public RichText {
        Objects.requireNonNull(source, "the text to show is null");
        if (!List.of(HTML, MARKDOWN, LATEX).contains(mimeType)) {
            throw new IllegalArgumentException("rich text is " + HTML + ", " + MARKDOWN + " or " + LATEX + ", not " + mimeType);
        }
    }

    /** What a terminal shows: the source, or for HTML its text without tags, entities decoded, block ends as line breaks. */
    public String plainText() {
        if (!mimeType.equals(HTML)) return source;
        String text = source.replaceAll("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])>", "\n")
                .replaceAll("(?s)<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return text.strip();
    }

    @Override
    public String toString() {
        return plainText();
    }
}
