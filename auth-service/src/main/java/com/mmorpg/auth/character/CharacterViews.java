package com.mmorpg.auth.character;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import com.mmorpg.auth.item.ItemWrites.LedgerEvent;
import com.mmorpg.auth.item.ItemWrites.StoredItem;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Requests and responses of the character endpoints (snake_case on the wire, ids as strings). The
 * internal endpoints answer with the contract records of {@code com.mmorpg.common.internal}; their
 * requests are validated here.
 */
final class CharacterViews {

    private CharacterViews() {
    }

    record Position(@NotNull @DecimalMin("-1000000") @DecimalMax("1000000") Double x,
            @NotNull @DecimalMin("-1000000") @DecimalMax("1000000") Double y) {
    }

    record CreateCharacterRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9]{3,16}", message = "must be 3-16 letters or digits") String name,
            @NotNull @Min(1) Long classId) {
    }

    record CharacterResponse(String id, String name, int level, long exp, String classId, String className,
            String mapId, Position position, int hp, int maxHp, int mp, int maxMp, Instant createdAt) {

        static CharacterResponse of(GameCharacter c) {
            return new CharacterResponse(String.valueOf(c.getId()), c.getName(), c.getLevel(), c.getExp(),
                    String.valueOf(c.getCharacterClass().getId()), c.getCharacterClass().getName(),
                    String.valueOf(c.getMapId()), new Position(c.getPosX(), c.getPosY()), c.getHp(), c.getMaxHp(),
                    c.getMp(), c.getMaxMp(), c.getCreatedAt());
        }
    }

    /**
     * A map server's write of a character it holds: the lease it holds ({@code lease_id}) and the
     * version its session loaded and advanced; {@code release} ends the stay (leave, gate, shutdown)
     * in the same transaction; {@code items} (with the {@code item_events} that lead there) when they changed.
     */
    record StateUpdateRequest(@NotNull @Min(1) Long mapId, @NotNull @Valid Position position,
            @NotNull @Min(0) Integer hp, @NotNull @Min(0) Integer mp,
            @NotNull @Min(1) @Max(CharacterService.MAX_LEVEL) Integer level,
            @NotNull @Min(0) Long exp, @NotNull @Min(0) Long version, @NotNull @Min(1) Long leaseId, Boolean release,
            @Size(max = 64) List<@NotNull @Valid StoredItem> items, @Size(max = 10_000) List<@NotNull @Valid LedgerEvent> itemEvents) {

        boolean releases() {
            return Boolean.TRUE.equals(release);
        }
    }

    /** One side of a trade's write. */
    record TradeSide(@NotNull @Pattern(regexp = "[0-9]{1,19}") String characterId, @NotNull @Valid StateUpdateRequest state) {
    }

    /** A trade's write: exactly two sides. */
    record TradeRequest(@NotNull @Size(min = 2, max = 2) List<@NotNull @Valid TradeSide> sides) {
    }

    /** A map server asks for a character a player brought a ticket for. */
    record LeaseRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String serverId,
            @NotNull @Min(1) @Max(Integer.MAX_VALUE) Long mapId,
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String ticketJti,
            @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String sessionId) {
    }

    /** A holder renews the leases it holds (at most 1,000 per call) and learns of handovers. */
    record RenewRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String serverId,
            @NotNull @jakarta.validation.constraints.Size(max = 1000) java.util.List<@NotNull Long> leaseIds) {
    }
}
