package com.mmorpg.auth.staff;

import com.mmorpg.auth.character.Characters;
import com.mmorpg.auth.item.ItemBooks;
import com.mmorpg.auth.staff.StaffTargets.ForbiddenTargetException;
import com.mmorpg.auth.token.Staff;
import com.mmorpg.auth.token.StaffAccount;
import com.mmorpg.service.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What support staff see of a character's items (its inventory and ledger) and change: a grant or a removal,
 * audited, only on characters of accounts of a lower rank (never one's own) and only while the character is not
 * in the world: a map server holding it is the only writer of its items. A lapsed lease nobody took is taken
 * away in the same transaction, so its old holder can never write over the change.
 */
@RestController
@Tag(name = "staff", description = "For support staff (a gm or admin access token)")
class StaffItemController {

    private static final int LEDGER_LINES = 100;

    record Inventory(String characterId, String serverId, List<ItemBooks.Held> items, List<ItemBooks.Line> ledger) {
    }

    record GrantRequest(@NotNull @Min(1) Integer typeId, @NotNull @Min(1) @Max(9_999) Integer quantity) {
    }

    private final Characters characters;
    private final ItemBooks books;
    private final StaffTargets targets;
    private final StaffAudit audit;

    StaffItemController(Characters characters, ItemBooks books, StaffTargets targets, StaffAudit audit) {
        this.characters = characters;
        this.books = books;
        this.targets = targets;
        this.audit = audit;
    }

    @Operation(summary = "A character's items and its newest 100 ledger lines",
            description = "server_id: the map server holding it now (null when not in the world)")
    @ApiResponse(responseCode = "200", description = "{character_id, server_id, items, ledger}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: not a gm or admin")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @GetMapping("/admin/characters/{id}/items")
    @Transactional // the read is audited
    Inventory items(@StaffAccount Staff staff, @PathVariable long id, HttpServletRequest http) {
        accountOf(id);
        String holder = characters.holder(id).orElse(null);
        audit.recordRead(staff, "items_view", "character:" + id, null, http.getRemoteAddr());
        return new Inventory(String.valueOf(id), holder, books.named(id), books.ledgerOf(id, LEDGER_LINES));
    }

    @Operation(summary = "Give a character an item (not while it is in the world)",
            description = "A new item in the first free bag slot; on the ledger as a grant by this staff member")
    @ApiResponse(responseCode = "200", description = "The item given: {id, type_id, key, name, quantity, slot}")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN, FORBIDDEN_TARGET: a character of an account of the caller's "
            + "rank or higher, or their own")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CHARACTER_IN_WORLD {server_id}: kick the player first")
    @ApiResponse(responseCode = "422", description = "ITEMS_REFUSED: unknown type, more than a stack, a full bag")
    @PostMapping("/admin/characters/{id}/items")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    ItemBooks.Held grant(@StaffAccount Staff staff, @PathVariable long id, @Valid @RequestBody GrantRequest request,
            HttpServletRequest http) {
        offline(staff, "item_grant", id, http);
        ItemBooks.Held given = books.grant(id, request.typeId(), request.quantity(), staff.username());
        audit.record(staff, "item_grant", "character:" + id, given.quantity() + " " + given.key() + " (item " + given.id() + ")",
                http.getRemoteAddr());
        return given;
    }

    @Operation(summary = "Take an item from a character (not while it is in the world)")
    @ApiResponse(responseCode = "200", description = "The item taken")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN, FORBIDDEN_TARGET")
    @ApiResponse(responseCode = "404", description = "CHARACTER_NOT_FOUND, ITEM_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "CHARACTER_IN_WORLD {server_id}")
    @DeleteMapping("/admin/characters/{id}/items/{itemId}")
    @Transactional(noRollbackFor = ForbiddenTargetException.class)
    ItemBooks.Held remove(@StaffAccount Staff staff, @PathVariable long id, @PathVariable long itemId, HttpServletRequest http) {
        offline(staff, "item_remove", id, http);
        ItemBooks.Held taken = books.remove(id, itemId, staff.username())
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "ITEM_NOT_FOUND", "The character has no item " + itemId));
        audit.record(staff, "item_remove", "character:" + id, taken.quantity() + " " + taken.key() + " (item " + itemId + ")",
                http.getRemoteAddr());
        return taken;
    }

    /**
     * Checks the rank, locks the character's row (the order of every write of it) and refuses while a map server
     * holds it; a lapsed lease is taken away.
     */
    private void offline(Staff staff, String action, long characterId, HttpServletRequest http) {
        long accountId = accountOf(characterId);
        targets.check(staff, action, accountId, targets.roleOf(accountId).orElseThrow(StaffCharacterController::characterNotFound),
                StaffTargets.Self.REFUSED, "character:" + characterId, http.getRemoteAddr());
        characters.holdOffline(characterId);
    }

    private long accountOf(long characterId) {
        return characters.accountOf(characterId).orElseThrow(StaffCharacterController::characterNotFound);
    }
}
