package com.mmorpg.protocol;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * TCP, after {@link Welcome}: the client asks for the map it plays on, to draw it. The server
 * answers once per connection with {@link MapLayout}; a repeated request is dropped and counted.
 */
public final class MapLayoutRequest implements ClientMessage {

    @Override
    public void write(Output out) {
        // no fields
    }

    @Override
    public void read(Input in) {
        // no fields
    }
}
