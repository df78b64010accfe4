package com.mmorpg.auth.item;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What a map server writes of a character's items, validated as it arrives. */
public final class ItemWrites {

    private ItemWrites() {
    }

    /** An item the character has now, in {@code slot}. */
    public record StoredItem(@NotNull @Min(1) Long id, @NotNull @Min(1) Integer typeId, @NotNull @Min(1) @Max(9_999) Integer quantity,
            @NotNull @Min(0) @Max(103) Integer slot) {
    }

    /** A ledger event (see {@code com.mmorpg.common.internal.Items.Event}); character ids as strings. */
    public record LedgerEvent(@NotNull @Min(1) Long seq, @NotNull @Min(1) Long itemId, @NotNull @Min(1) Integer typeId,
            @NotNull @Min(1) @Max(9_999) Integer quantity, @Pattern(regexp = "[0-9]{1,19}") String from,
            @Pattern(regexp = "[0-9]{1,19}") String to, @NotNull @Pattern(regexp = "[a-z_]{1,16}") String reason) {
    }
}
