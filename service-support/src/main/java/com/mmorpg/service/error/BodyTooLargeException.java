package com.mmorpg.service.error;

import java.io.IOException;

/** A request body grew past the configured limit while it was being read. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
