package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConnectionInfoTest {

    private static final String FILE = """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "%s", "key": "%s", "transport": "tcp", "signature_scheme": "%s", "kernel_name": "jinn"}""";

    private static ConnectionInfo info(String ip, String key, String scheme) throws ConnectionInfo.Refused {
        return ConnectionInfo.parse(FILE.formatted(ip, key, scheme), "conn.json");
    }

    @Test
    void readsEveryField() throws Exception {
        ConnectionInfo c = info("127.0.0.1", "secret", "hmac-sha256");
        assertEquals(5001, c.shellPort());
        assertEquals(5005, c.hbPort());
        assertEquals("tcp://127.0.0.1:5003", c.endpoint(c.stdinPort()));
        assertDoesNotThrow(() -> c.check(false, false));
    }

    @Test
    void ipv6LoopbackIsBracketedAndAccepted() throws Exception {
        ConnectionInfo c = info("::1", "k", "hmac-sha256");
        assertEquals("tcp://[::1]:5001", c.endpoint(5001));
        assertDoesNotThrow(() -> c.check(false, false));
    }

    @Test
    void refusesAnAddressOthersCanReachUnlessAllowed() throws Exception {
        for (String ip : new String[] {"0.0.0.0", "10.1.2.3", "*", "example.org"}) {
            ConnectionInfo c = info(ip, "k", "hmac-sha256");
            var e = assertThrows(ConnectionInfo.Refused.class, () -> c.check(false, false), ip);
            assertEquals("the connection file asks to listen on " + ip + ", which is not a loopback address: anyone who can reach it"
                    + " could run code here; pass --allow-remote if that is what you want", e.getMessage());
            assertDoesNotThrow(() -> c.check(true, false));
        }
    }

    @Test
    void refusesAnEmptyKeyOrAnotherSchemeUnlessInsecure() throws Exception {
        ConnectionInfo empty = info("127.0.0.1", "", "hmac-sha256");
        var e = assertThrows(ConnectionInfo.Refused.class, () -> empty.check(false, false));
        assertEquals("the connection file has an empty key: messages would not be signed and any local process could run code here;"
                + " pass --insecure if that is what you want", e.getMessage());
        assertDoesNotThrow(() -> empty.check(false, true));

        ConnectionInfo md5 = info("127.0.0.1", "k", "hmac-md5");
        e = assertThrows(ConnectionInfo.Refused.class, () -> md5.check(false, false));
        assertEquals("expected signature_scheme \"hmac-sha256\", got \"hmac-md5\"; pass --insecure to run with unsigned messages", e.getMessage());
    }

    @Test
    void badFilesSayWhatIsWrong() {
        var e = assertThrows(ConnectionInfo.Refused.class, () -> ConnectionInfo.parse("{\"shell_port\": \"x\"}", "c.json"));
        assertEquals("c.json: expected \"shell_port\" to be a port number, got \"x\"", e.getMessage());
        e = assertThrows(ConnectionInfo.Refused.class, () -> ConnectionInfo.parse("[1]", "c.json"));
        assertEquals("c.json: expected a JSON object, got [1]", e.getMessage());
        e = assertThrows(ConnectionInfo.Refused.class, () -> ConnectionInfo.read(java.nio.file.Path.of("/no/such/conn.json")));
        assertEquals("no connection file /no/such/conn.json", e.getMessage());
    }

    @Test
    void refusesJeroMqsIpc() throws Exception {
        ConnectionInfo c = ConnectionInfo.parse(FILE.formatted("kernel", "k", "hmac-sha256").replace("\"tcp\"", "\"ipc\""), "c");
        var e = assertThrows(ConnectionInfo.Refused.class, () -> c.check(true, true));
        assertEquals("expected transport \"tcp\", got \"ipc\" (JeroMQ's ipc is not the ipc other ZeroMQ clients speak)", e.getMessage());
    }

    @Test
    void aKernelOfOurOwnGetsFiveDistinctFreePorts() throws Exception {
        // Probed one at a time and closed in between, two channels could get the same port.
        for (int i = 0; i < 200; i++) {
            ConnectionInfo info = ConnectionInfo.onFreeLocalPorts("k");
            java.util.Set<Integer> ports = java.util.Set.of(info.shellPort(), info.iopubPort(), info.stdinPort(),
                    info.controlPort(), info.hbPort());
            assertEquals(5, ports.size(), info.toString());
            assertEquals("127.0.0.1", info.ip());
        }
    }
}
