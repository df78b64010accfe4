package com.mmorpg.auth.character;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Requests and responses of the character endpoints (snake_case on the wire, ids as strings). */
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

    /** For the gateway and map servers: owner, version and the effective combat stats at this level. */
    record InternalCharacterResponse(String id, String userId, String name, int level, long exp, String classId,
            String className, String mapId, Position position, int hp, int maxHp, int mp, int maxMp, long version,
            Stats stats, Growth growth) {

        record Stats(int attack, int defense, double speed, double attackRange) {
        }

        record Growth(int hp, int mp, int attack, int defense) {
        }
    }

    record StateUpdateRequest(@NotNull @Min(1) Long mapId, @NotNull @Valid Position position,
            @NotNull @Min(0) Integer hp, @NotNull @Min(0) Integer mp,
            @NotNull @Min(1) @Max(CharacterService.MAX_LEVEL) Integer level,
            @NotNull @Min(0) Long exp, @NotNull @Min(0) Long version) {
    }

    record StateUpdateResponse(String id, long version) {
    }
}
