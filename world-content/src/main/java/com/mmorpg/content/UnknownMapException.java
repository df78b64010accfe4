package com.mmorpg.content;

/** No map file for the id the server was started with. */
public class UnknownMapException extends RuntimeException {

    public UnknownMapException(int mapId, String folder, String ids) {
        super("no map " + mapId + " in the content folder " + folder + " (no maps/" + mapId + ".json or .tmj); its maps: " + ids);
    }
}
