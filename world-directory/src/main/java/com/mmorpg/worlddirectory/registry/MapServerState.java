package com.mmorpg.worlddirectory.registry;

/** A DRAINING server keeps heartbeating but gets no new players (it is shutting down). */
public enum MapServerState {
    ACTIVE,
    DRAINING
}
