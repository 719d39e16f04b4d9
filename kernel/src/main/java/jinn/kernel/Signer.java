package jinn.kernel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a message's header, parent header, metadata and content, as the wire protocol
 * asks. With an empty key (only under {@code --insecure}) messages carry an empty signature.
 */
final class Signer {

    private final SecretKeySpec key;

    Signer(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    boolean signs() {
        return key != null;
    }

    /** The lower-case hex digest of the four parts, or "" without a key. */
    String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key == null) return "";
        Mac mac = mac(); // a Mac is not thread-safe, and replies are signed on several threads
        mac.update(header);
        mac.update(parent);
        mac.update(metadata);
        mac.update(content);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Whether {@code signature} is the digest of the parts. The comparison takes the same time
     * wherever the first wrong byte is, so a forger learns nothing from how long a refusal takes.
     */
    boolean verify(String signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key == null) return true;
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }
}
