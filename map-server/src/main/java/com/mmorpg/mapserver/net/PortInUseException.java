package com.mmorpg.mapserver.net;

import java.io.IOException;

/** The TCP or UDP port the map server was told to use is taken by another process. */
public class PortInUseException extends IOException {

    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " is already in use (TCP or UDP): stop the other process or pick another port", cause);
    }
}
