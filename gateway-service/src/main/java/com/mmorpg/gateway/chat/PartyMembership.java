package com.mmorpg.gateway.chat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Changes to which party a character on this gateway is in, as the {@link ChatRoster} keeps it for
 * delivery (party lines go to the roster's members of a party). The party read at entry and a
 * player's own party request place the character at once, on that request's thread; the party
 * changes any gateway publishes ({@link ChatEnvelope.Kind#PARTY_CHANGE}) are applied on the delivery
 * thread, in the order Redis published them, before the change's frame is delivered.
 */
@Component
class PartyMembership {

    private final ChatRoster roster;

    PartyMembership(ChatRoster roster) {
        this.roster = roster;
    }

    /**
     * The characters of {@code characterIds} that play here are now in {@code partyId} (null: in none);
     * returns them, each looked up once, for the change's frame.
     */
    List<Chatter> changed(String partyId, List<String> characterIds) {
        List<Chatter> here = new ArrayList<>(characterIds.size());
        for (String id : characterIds) {
            Chatter chatter = roster.byCharacter(id);
            if (chatter != null) {
                roster.joinParty(chatter, partyId);
                here.add(chatter);
            }
        }
        return here;
    }

    /** Puts the character in {@code partyId} now (null: in none): its party read at entry, or its own request's outcome. */
    void place(Chatter chatter, String partyId) {
        roster.joinParty(chatter, partyId);
    }
}
