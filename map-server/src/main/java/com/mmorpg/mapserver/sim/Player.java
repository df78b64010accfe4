package com.mmorpg.mapserver.sim;

import com.mmorpg.protocol.EntityEntered;
import com.mmorpg.protocol.Welcome;
import java.util.ArrayList;
import java.util.List;

/** A connected character. Moved only by its own {@code MoveInput}s, one step per tick at most. */
public final class Player extends Entity {

    final String characterId;
    final String userId;
    final int classId;
    PlayerLink link;
    int mp;
    int maxMp;
    int attack;
    int defense;
    float attackRange;
    long exp;
    long version;
    /** The lease auth-service granted this server for the character (0 in tests without one). */
    long leaseId;
    /** The last state handed to the saves: periodic saves skip a character that has not changed since. */
    CharacterState lastSaved;
    /** Highest {@code MoveInput.seq} applied; echoed as {@code ack_seq}. */
    int lastInputSeq;
    int lastInputTick;
    final CharacterSheet.Growth growth;
    /** Level and maxima loaded from auth-service: later maxima are derived from them with the growth. */
    final int baseLevel;
    final int baseMaxHp;
    final int baseMaxMp;
    final int baseAttack;
    final int baseDefense;
    int lastAttackTick = Integer.MIN_VALUE / 2;
    /** Last tick this player hit or was hit: regeneration waits until combat is over. */
    int lastCombatTick = Integer.MIN_VALUE / 2;
    int respawnAtTick;
    /** The map's layout was sent on this connection: it is sent once. */
    boolean layoutSent;
    /** Set while the state that moves it to another map is being saved: it is frozen until then. */
    TransferTarget transfer;
    final Inventory inventory = new Inventory();
    /** The last ledger event seq of the character (stored or not). */
    long itemSeq;
    /** Ledger events not yet handed to the saves, and whether the items changed since the last state handed over. */
    private List<ItemEvent> unsavedEvents = new ArrayList<>();
    boolean itemsChanged;
    int lastConsumableTick = Integer.MIN_VALUE / 2;
    /** Attack and defense of its level; what it wears adds to them. */
    int levelAttack;
    int levelDefense;

    /** Where a gate sends the player. */
    record TransferTarget(int mapId, float x, float y) {
    }

    Player(int id, CharacterSheet sheet, float x, float y, PlayerLink link) {
        super(id, sheet.name(), x, y);
        this.characterId = sheet.characterId();
        this.userId = sheet.userId();
        this.classId = sheet.classId();
        this.link = link;
        this.speed = sheet.speed();
        this.level = sheet.level();
        this.maxHp = sheet.maxHp();
        this.hp = Math.clamp(sheet.hp(), 1, sheet.maxHp());
        this.maxMp = sheet.maxMp();
        this.mp = Math.clamp(sheet.mp(), 0, sheet.maxMp());
        this.attack = sheet.attack();
        this.defense = sheet.defense();
        this.levelAttack = sheet.attack();
        this.levelDefense = sheet.defense();
        this.itemSeq = sheet.itemSeq();
        this.attackRange = sheet.attackRange();
        this.exp = sheet.exp();
        this.version = sheet.version();
        this.growth = sheet.growth();
        this.baseLevel = sheet.level();
        this.baseMaxHp = sheet.maxHp();
        this.baseMaxMp = sheet.maxMp();
        this.baseAttack = sheet.attack();
        this.baseDefense = sheet.defense();
    }

    /** Moves to {@code newLevel}: maxima and attack/defense per the class growth, fully healed. */
    void levelTo(int newLevel, int tick) {
        int gained = newLevel - baseLevel;
        level = newLevel;
        maxHp = baseMaxHp + growth.hp() * gained;
        maxMp = baseMaxMp + growth.mp() * gained;
        levelAttack = baseAttack + growth.attack() * gained;
        levelDefense = baseDefense + growth.defense() * gained;
        gearChanged();
        setHp(maxHp, tick);
        mp = maxMp;
    }

    @Override
    public byte kind() {
        return EntityEntered.KIND_PLAYER;
    }

    @Override
    public int typeId() {
        return classId;
    }

    public String characterId() {
        return characterId;
    }

    public PlayerLink link() {
        return link;
    }

    /** Highest {@code MoveInput.seq} applied (what the next snapshot acknowledges). */
    public int lastInputSeq() {
        return lastInputSeq;
    }

    /** Applies a client's wanted direction; stale or duplicate (UDP) inputs are ignored. */
    boolean steer(int seq, float directionX, float directionY, int tick) {
        if (seq <= lastInputSeq) {
            return false;
        }
        float length = (float) Math.sqrt(directionX * directionX + directionY * directionY);
        if (length > 1f) {
            directionX /= length;
            directionY /= length;
        }
        lastInputSeq = seq;
        lastInputTick = tick;
        dirX = directionX;
        dirY = directionY;
        return true;
    }

    /** Attack and defense are its level's plus what it wears. */
    void gearChanged() {
        attack = levelAttack + inventory.gearAttack();
        defense = levelDefense + inventory.gearDefense();
    }

    /**
     * Its client speaks items: it sent an {@code ItemAction} or a {@code TradeAction} on this connection. Only then
     * is it sent inventories and trades (a client built before items would refuse the message).
     */
    boolean itemsKnown;
    /** The party this character is in (the gateway's party id, learned from Redis), or null. */
    String partyId;
    /** The trade it takes part in, or null. */
    Trade trade;

    /** Records a ledger event of this character's that moves {@code item} between two characters (a trade). */
    void ledgerMove(Item item, String from, String to, String reason) {
        unsavedEvents.add(new ItemEvent(++itemSeq, item.id, item.type.id(), item.quantity, from, to, reason));
        itemsChanged = true;
    }

    /** Records a ledger event of this character's (written with its next state). */
    void ledger(long itemId, Item item, int quantity, boolean in, String reason) {
        unsavedEvents.add(new ItemEvent(++itemSeq, itemId, item.type.id(), quantity, in ? null : characterId,
                in ? characterId : null, reason));
        itemsChanged = true;
    }

    /**
     * What to save: where the player is, or where its gate sends it while a transfer is pending; its items
     * and their new ledger events when they changed since the last state handed over.
     */
    CharacterState state(int mapId) {
        List<SavedItem> items = itemsChanged ? inventory.saved() : null;
        List<ItemEvent> events = unsavedEvents.isEmpty() ? List.of() : List.copyOf(unsavedEvents);
        if (transfer != null) {
            return new CharacterState(characterId, leaseId, transfer.mapId(), transfer.x(), transfer.y(), hp, mp, level, exp,
                    version, false, items, events);
        }
        return new CharacterState(characterId, leaseId, mapId, x, y, hp, mp, level, exp, version, false, items, events);
    }

    /** The state handed to the saves: what it carries of the items is theirs to write now. */
    CharacterState handOver(int mapId) {
        CharacterState state = state(mapId);
        itemsChanged = false;
        if (!unsavedEvents.isEmpty()) {
            unsavedEvents = new ArrayList<>();
        }
        return state;
    }

    public long exp() {
        return exp;
    }

    public int mp() {
        return mp;
    }

    public int attack() {
        return attack;
    }

    Welcome welcome(int mapId, int channelCount, int tickRate, float viewRadius, long nextLevelExp) {
        Welcome welcome = new Welcome();
        welcome.entityId = id;
        welcome.characterId = characterId;
        welcome.name = name;
        welcome.classId = classId;
        welcome.mapId = mapId;
        welcome.channel = channelNumber();
        welcome.channelCount = channelCount;
        welcome.tickRate = tickRate;
        welcome.x = x;
        welcome.y = y;
        welcome.viewRadius = viewRadius;
        welcome.level = level;
        welcome.exp = exp;
        welcome.nextLevelExp = nextLevelExp;
        welcome.hp = hp;
        welcome.maxHp = maxHp;
        welcome.mp = mp;
        welcome.maxMp = maxMp;
        welcome.attack = attack;
        welcome.defense = defense;
        welcome.speed = speed;
        welcome.attackRange = attackRange;
        return welcome;
    }
}
