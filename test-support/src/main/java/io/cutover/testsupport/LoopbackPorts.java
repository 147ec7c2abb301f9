package io.cutover.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the servers tests and the demo start on loopback. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A loopback port free right now; whoever binds it next races other processes, so bind it soon. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
