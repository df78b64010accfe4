package com.mmorpg.common.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that something listens at a {@link ServiceAddress} before a service builds on it, so a
 * wrong {@code DATABASE_URL} or {@code REDIS_URL} fails start-up at once with one readable reason
 * instead of a pool's retry loop and its stack traces.
 */
public final class TcpProbe {

    private TcpProbe() {
    }

    /**
     * Empty when any of the addresses answers (a client with several hosts fails over to the one
     * that does); else why not, for each of them.
     */
    public static Optional<String> unreachableReason(List<ServiceAddress> addresses, Duration timeout) {
        List<String> reasons = new ArrayList<>();
        for (ServiceAddress address : addresses) {
            Optional<String> reason = unreachableReason(address, timeout);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(reason.get());
        }
        return Optional.of(String.join("; ", reasons));
    }

    /** Empty when a TCP connection could be opened within the timeout; else why not, in a few words. */
    public static Optional<String> unreachableReason(ServiceAddress address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), Math.toIntExact(timeout.toMillis()));
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + address.host());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(reason + " (" + address + ")");
        }
    }
}
