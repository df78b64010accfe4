package com.mmorpg.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What one gateway tells every other over Redis pub/sub: one header line saying whom a frame is for,
 * then the frame exactly as players get it (written once, by the sender's gateway). One channel per
 * scope ({@link #WORLD}, {@link #MAP}, {@link #PARTY}, {@link #DIRECT}), never one per player. Headers:
 * <pre>
 * W &lt;sender&gt;                         everyone in the world
 * M &lt;map id&gt; &lt;sender&gt;                everyone on that map
 * P &lt;party id&gt; &lt;sender&gt;              the party's members
 * T &lt;from id&gt; &lt;to id&gt; &lt;sender&gt;      a whisper: the addressee, and the sender's own echo
 * D &lt;id,id,..&gt; &lt;sender&gt;             these characters (a party invitation)
 * U &lt;party id|-&gt; &lt;id,id,..&gt;          these characters' party is now that one (or none): party_update
 * </pre>
 * {@code sender} is the speaker's character id (block lists hold character ids) or {@code -}.
 */
record ChatEnvelope(Kind kind, String scope, List<String> characters, String sender, byte[] frame) {

    /**
     * Whom an envelope is for, written as one letter at the start of its header (a wire format between
     * gateways: the letters are fixed, a gateway of an older build reads them too).
     */
    enum Kind {
        /** {@code W}: everyone in the world. */
        WORLD('W'),
        /** {@code M}: everyone on one map. */
        MAP('M'),
        /** {@code P}: a party's members. */
        PARTY('P'),
        /** {@code T}: a whisper, for its addressee and the sender's own echo. */
        WHISPER('T'),
        /** {@code D}: the characters named (a party invitation). */
        DIRECT('D'),
        /** {@code U}: the characters named are now in that party (or none); never dropped as late. */
        PARTY_CHANGE('U');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        /** Indexed by letter (ASCII): the letters are header bytes. */
        private static final Kind[] BY_LETTER = new Kind[128];

        static {
            for (Kind kind : values()) {
                BY_LETTER[kind.letter] = kind;
            }
        }

        /** The kind written as {@code letter}, or null for a letter that is none. */
        static Kind of(char letter) {
            return letter < BY_LETTER.length ? BY_LETTER[letter] : null;
        }
    }

    static final String WORLD = "chat:world";
    static final String MAP = "chat:map";
    static final String PARTY = "chat:party";
    static final String DIRECT = "chat:direct";
    static final List<String> CHANNELS = List.of(WORLD, MAP, PARTY, DIRECT);

    /** A header longer than this is not ours (the longest is a party of ids). */
    private static final int MAX_HEADER = 512;

    static String world(String sender, String frame) {
        return Kind.WORLD.letter + " " + sender + "\n" + frame;
    }

    static String map(int mapId, String sender, String frame) {
        return Kind.MAP.letter + " " + mapId + " " + sender + "\n" + frame;
    }

    static String party(String partyId, String sender, String frame) {
        return Kind.PARTY.letter + " " + partyId + " " + sender + "\n" + frame;
    }

    static String whisper(String fromId, String toId, String sender, String frame) {
        return Kind.WHISPER.letter + " " + fromId + " " + toId + " " + sender + "\n" + frame;
    }

    static String direct(List<String> characterIds, String sender, String frame) {
        return Kind.DIRECT.letter + " " + String.join(",", characterIds) + " " + sender + "\n" + frame;
    }

    static String partyChange(String partyId, List<String> characterIds, String frame) {
        return Kind.PARTY_CHANGE.letter + " " + (partyId == null ? "-" : partyId) + " " + String.join(",", characterIds) + "\n" + frame;
    }

    /** The envelope in {@code body}, or null when it is not one (counted by the caller, never thrown). */
    static ChatEnvelope decode(byte[] body) {
        int newline = -1;
        for (int i = 0; i < Math.min(body.length, MAX_HEADER); i++) {
            if (body[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 3 || newline == body.length - 1) {
            return null;
        }
        String[] header = new String(body, 0, newline, StandardCharsets.US_ASCII).split(" ");
        byte[] frame = Arrays.copyOfRange(body, newline + 1, body.length);
        Kind kind = header[0].length() == 1 ? Kind.of(header[0].charAt(0)) : null;
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case WORLD -> header.length == 2 ? new ChatEnvelope(kind, null, List.of(), header[1], frame) : null;
            case MAP -> header.length == 3 && isNumber(header[1]) ? new ChatEnvelope(kind, header[1], List.of(), header[2], frame) : null;
            case PARTY -> header.length == 3 ? new ChatEnvelope(kind, header[1], List.of(), header[2], frame) : null;
            case WHISPER -> header.length == 4 ? new ChatEnvelope(kind, null, List.of(header[1], header[2]), header[3], frame) : null;
            case DIRECT -> header.length == 3 ? new ChatEnvelope(kind, null, List.of(header[1].split(",")), header[2], frame) : null;
            case PARTY_CHANGE -> header.length == 3
                    ? new ChatEnvelope(kind, header[1].equals("-") ? null : header[1], List.of(header[2].split(",")), "-", frame)
                    : null;
        };
    }

    int mapId() {
        return Integer.parseInt(scope);
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
    }
}
