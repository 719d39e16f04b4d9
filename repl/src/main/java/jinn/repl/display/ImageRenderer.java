package jinn.repl.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** An image (a digit, a filter grid made by hand) as a PNG, with its size as the text. */
final class ImageRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof RenderedImage;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        RenderedImage image = (RenderedImage) value;
        return MimeBundle.plain("image " + image.getWidth() + " x " + image.getHeight())
                .withLazyBytes(MimeBundle.PNG, () -> png(image));
    }

    static byte[] png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an image as PNG: " + e.getMessage(), e);
        }
    }
}
