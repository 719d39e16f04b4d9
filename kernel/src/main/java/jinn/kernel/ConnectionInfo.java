package jinn.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file a Jupyter front end writes before it starts a kernel: where to bind the five
 * sockets and the key that signs every message.
 *
 * @param transport       "tcp" (JeroMQ's "ipc" is TCP in disguise, which a libzmq client cannot reach)
 * @param ip              the one address every socket binds to
 * @param key             the HMAC key; empty means unsigned messages
 * @param signatureScheme "hmac-sha256", the only one this kernel speaks
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme) {

    /** What a problem with the connection file or its settings is reported as: a message for people. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Five distinct free ports on 127.0.0.1, signed with {@code key}: for a kernel this process starts
     * itself (tests, the start-up cache's training). The five probe sockets stay open until all five
     * ports are known: closed one by one, the system may hand the same port out twice, and the
     * kernel's second bind then failed with "address already in use" (a CI run of KernelProtocolTest).
     */
    static ConnectionInfo onFreeLocalPorts(String key) throws IOException {
        java.net.ServerSocket[] probes = new java.net.ServerSocket[5];
        int[] ports = new int[5];
        try {
            for (int i = 0; i < 5; i++) {
                probes[i] = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = probes[i].getLocalPort();
            }
        } finally {
            for (java.net.ServerSocket probe : probes) if (probe != null) probe.close();
        }
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], key, "hmac-sha256");
    }

    /** Reads and checks the shape of a connection file; {@link #check} decides whether it is safe. */
    public static ConnectionInfo read(Path file) throws Refused {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Refused("no connection file " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new Refused("cannot read the connection file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    static ConnectionInfo parse(String json, String where) throws Refused {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) throw new Refused(where + ": expected a JSON object, got " + json.strip());
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Refused(where + ": not JSON (" + e.getMessage() + ")");
        }
        return new ConnectionInfo(
                string(o, "transport", "tcp", where), string(o, "ip", "127.0.0.1", where),
                port(o, "shell_port", where), port(o, "iopub_port", where), port(o, "stdin_port", where),
                port(o, "control_port", where), port(o, "hb_port", where),
                string(o, "key", "", where), string(o, "signature_scheme", "hmac-sha256", where));
    }

    private static String string(JsonObject o, String name, String fallback, String where) throws Refused {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) return fallback;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Refused(where + ": expected \"" + name + "\" to be a string, got " + e);
        }
        return e.getAsString();
    }

    private static int port(JsonObject o, String name, String where) throws Refused {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new Refused(where + ": expected \"" + name + "\" to be a port number, got " + (e == null ? "nothing" : e));
        }
        int p = e.getAsInt();
        if (p < 1 || p > 65535) throw new Refused(where + ": expected \"" + name + "\" between 1 and 65535, got " + p);
        return p;
    }

    /**
     * Refuses settings that would let others run code in this JVM: an address other machines can
     * reach (unless {@code allowRemote}), and unsigned or otherwise signed messages (unless
     * {@code insecure}); anything else this kernel cannot speak is refused always.
     */
    public void check(boolean allowRemote, boolean insecure) throws Refused {
        if (!"tcp".equals(transport)) {
            throw new Refused("expected transport \"tcp\", got \"" + transport + "\" (JeroMQ's ipc is not the ipc other ZeroMQ clients speak)");
        }
        if (!allowRemote && !loopback(ip)) {
            throw new Refused("the connection file asks to listen on " + ip + ", which is not a loopback address: anyone who can reach it"
                    + " could run code here; pass --allow-remote if that is what you want");
        }
        if (!insecure && key.isEmpty()) {
            throw new Refused("the connection file has an empty key: messages would not be signed and any local process could run"
                    + " code here; pass --insecure if that is what you want");
        }
        if (!insecure && !"hmac-sha256".equals(signatureScheme)) {
            throw new Refused("expected signature_scheme \"hmac-sha256\", got \"" + signatureScheme + "\"; pass --insecure to run"
                    + " with unsigned messages");
        }
    }

    static boolean loopback(String ip) {
        if (ip.isEmpty() || ip.equals("*")) return false;
        try {
            // Only literal addresses: a host name would make the check depend on a resolver.
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]+")) return false;
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The ZeroMQ endpoint for one of the ports, e.g. {@code tcp://127.0.0.1:5555}. */
    public String endpoint(int port) {
        return transport + "://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** True when messages are signed: a key and the one scheme this kernel knows. */
    boolean signed() {
        return !key.isEmpty() && "hmac-sha256".equals(signatureScheme);
    }
}
