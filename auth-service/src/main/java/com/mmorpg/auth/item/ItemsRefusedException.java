package com.mmorpg.auth.item;

import com.mmorpg.service.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A write whose items do not follow from what is stored and its events, or that would give an item a
 * second owner: refused whole (the character's state too). A map server that sees it removes the player
 * unsaved; its last stored state, items included, stands.
 */
public final class ItemsRefusedException extends ApiException {

    public ItemsRefusedException(String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "ITEMS_REFUSED", message);
    }
}
